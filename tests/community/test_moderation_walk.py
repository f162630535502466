"""Issue #25, "Walked as people walk it", the moderators' part: the queue's author history,
held discussions and per-item buttons, hiding that closes reports and tells the author,
confirmations in sentences, and the member page for moderators."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import HoldReason, Notification, Report, Thread
from community.services import moderation
from community.views.queue import author_histories
from tests.factories import (
    AnswerFactory,
    QuestionFactory,
    ReplyFactory,
    ReportFactory,
    ThreadFactory,
    UserFactory,
)
from tests.helpers import log_entries, soup

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"


def rows(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in page.select("tbody tr")]


def messages_on(response):
    return " ".join(soup(response).get_text(" ", strip=True).split())


def held_thread(**fields):
    thread = ThreadFactory(**fields)
    Thread.objects.filter(pk=thread.pk).update(
        held_at=timezone.now(), hold_reason=HoldReason.NEW_MEMBER
    )
    thread.refresh_from_db()
    return thread


# 14. The author history counts every kind of post.


def test_author_histories_count_discussions_and_replies_too(client, moderator):
    author = UserFactory(username="walker")
    ThreadFactory.create_batch(2, author=author)
    ReplyFactory(author=author)
    ReplyFactory(author=author, hidden_at=timezone.now(), hidden_reason="Unkind")
    QuestionFactory(author=author)  # published
    AnswerFactory(author=author, status="rejected")
    held_thread(author=author, title="Is anyone else awake at 4am?")
    client.force_login(moderator)

    (row,) = [r for r in rows(client.get(QUEUE)) if "awake at 4am" in r]

    assert "walker 4 published · 2 rejected or hidden" in row


def test_author_histories_query_count_does_not_grow_with_authors():
    def queries(authors):
        for author in authors:
            ThreadFactory(author=author)
            ReplyFactory(author=author, hidden_at=timezone.now())
            ReportFactory(reply=ReplyFactory(author=author))
        with CaptureQueriesContext(connection) as captured:
            history = author_histories({author.pk for author in authors})
        return len(captured), history

    one, _ = queries([UserFactory()])
    many, history = queries(UserFactory.create_batch(20))

    assert one == many <= 3  # the authors, their restrictions, moderators' notes on them
    assert {(h["published"], h["rejected"], h["reported"]) for h in history.values()} == {(2, 1, 1)}


# 15. Held discussions show their text; buttons say what they do.


def test_queue_held_discussion_shows_its_text(client, moderator):
    held_thread(title="Pacing tips", body="I break the day into 20-minute blocks.")
    client.force_login(moderator)

    (row,) = rows(client.get(QUEUE + "?type=held"))

    assert "Pacing tips I break the day into 20-minute blocks." in row


def test_queue_buttons_are_labelled_by_what_they_do_for_each_item(client, moderator):
    thread = held_thread(title="Held for a moderator")
    report = ReportFactory()
    client.force_login(moderator)

    page = soup(client.get(QUEUE))

    def labels(value):
        return [b.get_text(strip=True) for b in page.select(f'button[value$="|{value}"]')]

    assert labels(f"thread:{thread.pk}") == ["Approve", "Reject"]
    assert labels(f"report:{report.pk}") == ["Dismiss report", "Hide post"]


def test_queue_one_items_button_acts_on_that_item_with_its_own_reason(client, moderator):
    thread = held_thread(title="Buy my cure")
    other = held_thread(title="Waiting too")
    client.force_login(moderator)

    response = client.post(
        QUEUE,
        {
            "one": f"reject|thread:{thread.pk}",
            f"reason-thread-{thread.pk}": "Advertising",
            "selected": [f"thread:{other.pk}"],  # ticked, but not the button pressed
        },
        follow=True,
    )

    thread.refresh_from_db()
    other.refresh_from_db()
    assert thread.hidden_at is not None and thread.hidden_reason == "Advertising"
    assert other.held_at is not None and other.hidden_at is None
    assert "1 post rejected. Its author has been told why." in messages_on(response)


def test_queue_confirmation_says_what_was_done(client, moderator):
    threads = [held_thread(), held_thread()]
    report = ReportFactory()
    client.force_login(moderator)

    approved = client.post(
        QUEUE,
        {"action": "approve", "selected": [f"thread:{t.pk}" for t in threads]},
        follow=True,
    )
    dismissed = client.post(
        QUEUE, {"action": "approve", "selected": [f"report:{report.pk}"]}, follow=True
    )

    assert "2 posts approved. Their authors have been told." in messages_on(approved)
    assert "item(s)" not in messages_on(approved)
    assert "1 report dismissed; the post stays up." in messages_on(dismissed)


# 16 (a) and item 2. Hiding closes the post's reports and tells its author.


def test_hide_post_closes_its_open_reports_and_records_it(client, moderator):
    reply = ReplyFactory(body="Rude words")
    ReportFactory.create_batch(2, reply=reply)
    client.force_login(moderator)

    client.post(f"/community/r/{reply.pk}/moderate/", {"action": "hide", "reason": "Unkind"})

    assert not Report.objects.filter(reply=reply, status="open").exists()
    assert set(Report.objects.values_list("status", "handled_by")) == {("actioned", moderator.pk)}
    (entry,) = log_entries(reply, "community.hide")
    assert entry.data == {"reason": "Unkind", "reports_closed": 2}
    page = client.get(reply.thread.get_absolute_url()).content.decode()
    assert "Open reports" not in page


def test_hide_post_tells_the_author_on_the_site_and_by_email(moderator):
    author = UserFactory(username="writer", email="writer@example.org")
    reply = ReplyFactory(author=author, thread=ThreadFactory(title="Flares"))

    moderation.hide_post(moderator, reply, "Please keep names of clinics out.")

    note = Notification.objects.get(user=author, kind=Notification.Kind.DECISION)
    assert note.reply == reply and note.actor == moderator
    assert "Please keep names of clinics out." in note.message
    (email,) = [m for m in mail.outbox if m.to == ["writer@example.org"]]
    assert "hidden your reply" in email.subject
    assert "Reason: Please keep names of clinics out." in email.body
    assert "in “Flares”" in email.body


def test_act_on_report_hides_once_and_tells_the_author_once(moderator):
    report = ReportFactory()
    ReportFactory(reply=report.reply)

    moderation.act_on_report(moderator, report, "Unkind")

    assert Report.objects.filter(status="actioned").count() == 2
    assert Notification.objects.filter(user=report.reply.author).count() == 1
    assert log_entries(report, "community.report_actioned").count() == 1
    assert log_entries(report.reply, "community.hide").count() == 1
    with pytest.raises(moderation.ModerationError, match="already dealt with"):
        moderation.act_on_report(moderator, report, "Unkind")


def test_act_on_report_of_an_already_hidden_post_closes_the_report(moderator):
    report = ReportFactory()
    reply = report.reply
    reply.hidden_at, reply.hidden_reason = timezone.now(), "Earlier"
    reply.save()

    moderation.act_on_report(moderator, report, "Unkind")

    report.refresh_from_db()
    assert report.status == "actioned" and report.handled_by == moderator


# 16 (b). Confirmations on the site are sentences.


@pytest.mark.parametrize(
    ("kind", "action", "expected"),
    [
        ("r", "hide", "The reply is hidden. Its author has been told why."),
        ("t", "hide", "The discussion is hidden. Its author has been told why."),
        ("t", "lock", "The discussion is locked: no one can reply until it is unlocked."),
    ],
)
def test_moderate_confirmation_is_a_sentence(client, moderator, kind, action, expected):
    reply = ReplyFactory()
    pk = reply.pk if kind == "r" else reply.thread_id
    client.force_login(moderator)

    response = client.post(
        f"/community/{kind}/{pk}/moderate/", {"action": action, "reason": "Unkind"}, follow=True
    )

    assert expected in messages_on(response)
    assert "Done:" not in messages_on(response)


def test_restrict_confirmation_is_a_sentence(client, moderator, patient):
    client.force_login(moderator)

    response = client.post(
        f"/community/members/{patient.username}/restrict/",
        {"kind": "premoderate", "reason": "Several unkind replies"},
        follow=True,
    )

    assert (
        f"{patient.display_name}'s posts now wait for a moderator. "
        "The member has been told why by email."
    ) in messages_on(response)


# 16 (d). The member page shows moderators the member's reports and removed posts.


@pytest.fixture
def troubled(patient):
    reply = ReplyFactory(author=patient, thread=ThreadFactory(title="Sleep and pain"))
    ReportFactory(reply=reply, reason=Report.Reason.SPAM, details="Links to a shop")
    ReplyFactory(
        author=patient,
        thread=ThreadFactory(title="Medication"),
        hidden_at=timezone.now(),
        hidden_reason="Named a dose",
    )
    AnswerFactory(
        author=patient,
        question=QuestionFactory(title="Does cold help?"),
        status="rejected",
        rejection_reason="Not about the question",
    )
    return patient


def test_member_profile_shows_moderators_reports_and_removed_posts(client, moderator, troubled):
    client.force_login(moderator)

    text = messages_on(client.get(f"/members/{troubled.username}/"))

    assert "Spam or advertising : a reply in “Sleep and pain”" in text
    assert "waiting for a moderator" in text and "Links to a shop" in text
    assert "Reply: In “Medication”" in text and "Reason given: Named a dose" in text
    assert "Answer: To “Does cold help?”" in text
    assert "Reason given: Not about the question" in text


@pytest.mark.parametrize("viewer", ["anonymous", "other", "self"])
def test_member_profile_keeps_reports_from_everyone_else(client, troubled, viewer):
    if viewer == "other":
        client.force_login(UserFactory())
    elif viewer == "self":
        client.force_login(troubled)

    text = messages_on(client.get(f"/members/{troubled.username}/"))

    assert "Links to a shop" not in text and "Named a dose" not in text
    assert "Recent reports" not in text
