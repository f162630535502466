"""Calmer notifications: a weekly digest, and quiet hours that hold email until they end."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.services import delete_account
from community.models import Notification
from community.services import notifications
from tests.factories import NotificationFactory, ReplyFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 12:00 UTC on 3 December is 23:00 in Sydney (summer time, UTC+11): inside 21:00-08:00.
SYDNEY_NIGHT = datetime.datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
# 08:00 on 4 December in Sydney, when those quiet hours end.
SYDNEY_MORNING = datetime.datetime(2026, 12, 3, 21, 0, tzinfo=UTC)


def night_owl(**fields):
    """A member in Sydney with quiet hours from 21:00 to 08:00."""
    return UserFactory(
        time_zone="Australia/Sydney",
        quiet_hours_start=datetime.time(21, 0),
        quiet_hours_end=datetime.time(8, 0),
        **fields,
    )


def reply_for(member, at):
    """Someone replies in a discussion `member` follows, at the moment `at`."""
    reply = ReplyFactory()
    notifications.follow(member, thread=reply.thread)
    with mock.patch("django.utils.timezone.now", return_value=at):
        notifications.notify(reply.thread, reply.author, reply=reply)
    return reply


def test_weekly_digest_sends_the_unread_news_of_the_week_once():
    weekly = UserFactory(username="weekly", email_notifications="weekly")
    first, second = NotificationFactory.create_batch(2, user=weekly)
    NotificationFactory(user=weekly, read_at=timezone.now())  # already seen on the site

    call_command("send_digests", "--weekly")
    call_command("send_digests", "--weekly")  # a second run the same week sends nothing

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["weekly@example.org"]
    assert "2 new this week in discussions you follow" in digest.subject
    assert first.thread.title in digest.body and second.thread.title in digest.body
    assert "You chose one email a week." in digest.body


def test_next_weekly_digest_holds_only_what_came_since_the_last_one():
    weekly = UserFactory(email_notifications="weekly")
    old = NotificationFactory(user=weekly)
    notifications.send_weekly_digests()
    new = NotificationFactory(user=weekly)

    notifications.send_weekly_digests()

    assert len(mail.outbox) == 2
    assert "1 new this week" in mail.outbox[1].subject
    assert new.thread.title in mail.outbox[1].body
    assert old.thread.title not in mail.outbox[1].body


def test_daily_digest_leaves_weekly_members_for_their_week():
    NotificationFactory(user=UserFactory(email_notifications="weekly"))

    call_command("send_digests")

    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_weekly_members_get_no_email_at_once_for_a_reply():
    weekly = UserFactory(email_notifications="weekly")

    reply_for(weekly, timezone.now())

    assert mail.outbox == []
    assert Notification.objects.filter(user=weekly).count() == 1  # still on the site


def test_quiet_hours_across_midnight_hold_mail_until_they_end_then_send_it_once():
    owl = night_owl(username="owl")

    reply = reply_for(owl, SYDNEY_NIGHT)

    assert mail.outbox == []  # not at 23:00 in Sydney
    notification = Notification.objects.get(user=owl)
    assert notification.read_at is None  # the site shows it at once
    assert notification.email_after == SYDNEY_MORNING
    assert notifications.send_waiting_mail(SYDNEY_MORNING - datetime.timedelta(minutes=1)) == 0
    assert mail.outbox == []

    assert notifications.send_waiting_mail(SYDNEY_MORNING) == 1
    assert notifications.send_waiting_mail(SYDNEY_MORNING + datetime.timedelta(hours=1)) == 0
    call_command("send_waiting_mail")
    call_command("send_digests")

    assert [message.to for message in mail.outbox] == [["owl@example.org"]]
    assert f"/community/r/{reply.pk}/" in mail.outbox[0].body
    assert "replied in" in mail.outbox[0].body


def test_the_morning_part_of_quiet_hours_holds_mail_until_they_end_that_day():
    owl = night_owl()
    early = datetime.datetime(2026, 12, 3, 20, 0, tzinfo=UTC)  # 07:00 in Sydney

    reply_for(owl, early)

    assert mail.outbox == []
    assert Notification.objects.get(user=owl).email_after == SYDNEY_MORNING


def test_mail_outside_quiet_hours_goes_at_once():
    owl = night_owl()
    afternoon = datetime.datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # 14:00 in Sydney

    reply_for(owl, afternoon)

    assert len(mail.outbox) == 1
    assert Notification.objects.get(user=owl).emailed_at == afternoon


def test_several_held_emails_arrive_as_one_when_quiet_hours_end():
    owl = night_owl()
    reply_for(owl, SYDNEY_NIGHT)
    reply_for(owl, SYDNEY_NIGHT + datetime.timedelta(hours=1))

    notifications.send_waiting_mail(SYDNEY_MORNING)

    assert len(mail.outbox) == 1
    assert "2 new in discussions you follow" in mail.outbox[0].subject
    assert "while your quiet hours were on" in mail.outbox[0].body


def test_a_digest_due_in_quiet_hours_waits_until_they_end():
    owl = night_owl(email_notifications="daily")
    NotificationFactory(user=owl)

    assert notifications.send_daily_digests(SYDNEY_NIGHT) == 1
    assert mail.outbox == []
    assert notifications.send_daily_digests(SYDNEY_NIGHT) == 0  # held, not counted again

    notifications.send_waiting_mail(SYDNEY_MORNING)
    notifications.send_daily_digests(SYDNEY_MORNING)

    assert len(mail.outbox) == 1
    assert "You chose one email a day." in mail.outbox[0].body
    assert "It waited until your quiet hours ended." in mail.outbox[0].body


def test_a_queue_that_can_wait_is_given_the_mail_for_when_quiet_hours_end():
    owl = night_owl()
    with (
        mock.patch.object(notifications.default_task_backend, "supports_defer", True),
        mock.patch.object(notifications, "send_email") as send_email,
    ):
        reply_for(owl, SYDNEY_NIGHT)

    send_email.using.assert_called_once_with(run_after=SYDNEY_MORNING)
    send_email.using.return_value.enqueue.assert_called_once()
    notification = Notification.objects.get(user=owl)
    assert notification.emailed_at == SYDNEY_NIGHT  # the queue has it: never sent again
    assert notifications.send_waiting_mail(SYDNEY_MORNING) == 0


def test_deleting_the_account_deletes_mail_waiting_for_quiet_hours():
    owl = night_owl()
    reply_for(owl, SYDNEY_NIGHT)

    delete_account(owl)

    assert notifications.send_waiting_mail(SYDNEY_MORNING) == 0
    assert mail.outbox == []
    assert not Notification.objects.filter(user=owl).exists()


def test_quiet_hours_within_one_day_end_the_same_day():
    member = UserFactory(
        time_zone="Europe/Paris",
        quiet_hours_start=datetime.time(13, 0),
        quiet_hours_end=datetime.time(15, 30),
    )
    nap = datetime.datetime(2026, 12, 3, 12, 30, tzinfo=UTC)  # 13:30 in Paris

    assert member.quiet_hours_end_after(nap) == datetime.datetime(2026, 12, 3, 14, 30, tzinfo=UTC)
    assert member.quiet_hours_end_after(nap + datetime.timedelta(hours=3)) is None
