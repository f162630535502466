"""Follows and notifications: who hears about a new reply or a mention, and how.

Each recipient gets one on-site notification per reply (a mention wins over a plain reply),
and, depending on their settings, one email now or a daily or weekly digest. Every email
carries a one-click unsubscribe link. Email never goes during a member's quiet hours: it
waits until they end (`_send_or_hold`); on-site notifications are never delayed.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend

from accounts import members
from accounts.models import EmailNotifications, User
from accounts.tasks import message_data, queue_email, send_email
from accounts.unsubscribe import unsubscribe_url
from common.links import absolute_url
from community.models import MutedMember, Notification, Subscription, mentioned_members

logger = logging.getLogger(__name__)


def follow(user, *, thread=None, tag=None, mechanism=None):
    """Follow a thread, a tag or a mechanism article; following twice is harmless (one
    INSERT that the unique constraints turn into nothing, no read first)."""
    Subscription.objects.bulk_create(
        [Subscription(user=user, thread=thread, tag=tag, mechanism=mechanism)],
        ignore_conflicts=True,
    )
    members.forget(user.pk)  # what they follow, on their next page (bulk_create sends no signal)


def open_notification(user, notification):
    """The member opens one of their notifications: it is read now (no longer "New", and
    out of their unread count). Returns where it leads, or None if nowhere is left."""
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
        members.forget(user)  # the unread count (update() sends no signals)
        logger.info("Notification %s opened by member %s", notification.pk, user.pk)
    return notification.get_absolute_url()


def unfollow(user, *, thread=None, tag=None, mechanism=None):
    Subscription.objects.filter(user=user, thread=thread, tag=tag, mechanism=mechanism).delete()


def is_following(user, **target):
    """Whether `user` follows the thread, tag or mechanism given (topics and articles from
    the member's cached answers, accounts/members.py)."""
    if not user.is_authenticated:
        return False
    ((kind, item),) = target.items()
    if kind in ("tag", "mechanism"):
        return item is not None and item.pk in members.facts(user)["follows"][kind]
    return Subscription.objects.filter(user=user, **target).exists()


def followers(thread):
    """Members following the thread itself, any of its tags, or any of its articles."""
    tag_ids = list(thread.tags.values_list("id", flat=True))
    mechanism_ids = list(thread.mechanisms.values_list("id", flat=True))
    return User.objects.filter(
        Q(subscriptions__thread=thread)
        | Q(subscriptions__tag_id__in=tag_ids)
        | Q(subscriptions__mechanism_id__in=mechanism_ids),
        is_active=True,
        deleted_at__isnull=True,
    ).distinct()


def _email(notification):
    user = notification.user
    kind = "mentions" if notification.kind == Notification.Kind.MENTION else "replies"
    unsubscribe = absolute_url(unsubscribe_url(user, kind))
    context = {
        "notification": notification,
        "url": absolute_url(notification.get_absolute_url()),
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=f"[Fibromyalgia Mechanisms] {notification.get_kind_display()}: "
        f"{notification.thread.title}",
        body=render_to_string("community/email/notification.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


def wants_email_now(notification):
    user = notification.user
    if not user.email:
        return False
    if notification.kind == Notification.Kind.MENTION:
        return user.notify_mentions
    return user.email_notifications == EmailNotifications.EACH


def notify(thread, actor, *, reply=None, text=""):
    """Notify followers of `thread` (for a reply) and anyone mentioned in `text`, once each;
    never a member who muted `actor` (community.services.muting; `actor` is not told)."""
    mentioned = {member.pk: member for member in mentioned_members(text)}
    if reply is None and thread.without_name:
        mentioned = {}  # a notice of the mention would name its author
    recipients = {}
    if reply is not None:
        recipients = {user.pk: (user, Notification.Kind.REPLY) for user in followers(thread)}
    for pk, member in mentioned.items():
        recipients[pk] = (member, Notification.Kind.MENTION)
    recipients.pop(actor.pk, None)
    if recipients:
        for pk in MutedMember.objects.filter(
            muted=actor, muter_id__in=list(recipients)
        ).values_list("muter_id", flat=True):
            recipients.pop(pk, None)
    notifications = Notification.objects.bulk_create(
        [
            Notification(user=user, kind=kind, thread=thread, reply=reply, actor=actor)
            for user, kind in recipients.values()
        ]
    )
    members.forget(*recipients)  # their unread counts (bulk_create sends no signals)
    now = timezone.now()
    held = {}
    for notification in notifications:
        if wants_email_now(notification):
            wait_until = _send_or_hold(notification.user, _email(notification), now)
            if wait_until is None:
                notification.emailed_at = now
            else:
                notification.email_after = wait_until
                held.setdefault(wait_until, []).append(notification.pk)
    Notification.objects.filter(pk__in=[n.pk for n in notifications if n.emailed_at]).update(
        emailed_at=now
    )
    for wait_until, pks in held.items():
        Notification.objects.filter(pk__in=pks).update(email_after=wait_until)
    return notifications


def _send_or_hold(user, message, now):
    """Queue `message` for `user`, unless they are in their quiet hours at `now`.

    In quiet hours a queue that can wait (the database backend: `supports_defer`) gets the
    message with `run_after` = the end of quiet hours, so it is sent then. A queue that
    cannot wait (immediate, in tests and dev) is not given it: this returns when the quiet
    hours end, and the caller marks the notifications the message was about with that time
    (`email_after`, `emailed_at` left empty). Those marked notifications are the outbox:
    `send_waiting_mail` sends them once the time has passed and only then sets
    `emailed_at`, so each mail goes exactly once, and nothing is lost. Returns None when
    the message is queued (now or for later).
    """
    wait_until = user.quiet_hours_end_after(now)
    if wait_until is None:
        queue_email(message)
        return None
    if default_task_backend.supports_defer:
        send_email.using(run_after=wait_until).enqueue(message_data(message))
        logger.info("Mail to member %s deferred until %s (quiet hours)", user.pk, wait_until)
        return None
    logger.info("Mail to member %s held until %s (quiet hours)", user.pk, wait_until)
    return wait_until


DIGEST_PERIODS = {EmailNotifications.DAILY: "day", EmailNotifications.WEEKLY: "week"}


def _digest(user, items, *, waited=False):
    """One email listing `items` (notifications) for `user`."""
    unsubscribe = absolute_url(unsubscribe_url(user, "replies"))
    period = DIGEST_PERIODS.get(user.email_notifications)
    body = render_to_string(
        "community/email/digest.txt",
        {
            "items": items,
            "base_url": absolute_url(""),
            "unsubscribe_url": unsubscribe,
            "period": period,
            "waited": waited,
        },
    )
    when = " this week" if user.email_notifications == EmailNotifications.WEEKLY else ""
    return EmailMultiAlternatives(
        subject=f"[Fibromyalgia Mechanisms] {len(items)} new{when} in discussions you follow",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _by_member(notifications):
    by_user = {}
    for notification in notifications:
        by_user.setdefault(notification.user_id, []).append(notification)
    return by_user


def _send_digests(choice, now):
    """A digest for each member who chose `choice`: everything unread that no email has
    told them about yet (so each digest starts where the last one stopped)."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            email_after__isnull=True,
            read_at__isnull=True,
            user__email_notifications=choice,
            user__is_active=True,
            user__deleted_at__isnull=True,
        )
        .exclude(user__email="")
        .select_related("thread", "question", "actor", "user")
        .order_by("user_id", "created_at")
    )
    by_user = _by_member(pending)
    for items in by_user.values():
        user = items[0].user
        pks = [item.pk for item in items]
        wait_until = _send_or_hold(user, _digest(user, items), now)
        if wait_until is None:
            Notification.objects.filter(pk__in=pks).update(emailed_at=now)
        else:
            Notification.objects.filter(pk__in=pks).update(email_after=wait_until)
    logger.info("%s digests for %d member(s)", choice, len(by_user))
    return len(by_user)


def send_daily_digests(now=None):
    """One email per member who chose a daily digest, listing what is new; returns count."""
    return _send_digests(EmailNotifications.DAILY, now)


def send_weekly_digests(now=None):
    """One email per member who chose a weekly digest, listing what is new since the last
    one; returns count. Run once a week (`send_digests --weekly`)."""
    return _send_digests(EmailNotifications.WEEKLY, now)


def send_waiting_mail(now=None):
    """Send the mail that waited for quiet hours to end (the outbox of `_send_or_hold`);
    returns how many emails went.

    One email per member: the usual single email when one thing waited for a member who
    wants an email for each, otherwise a digest of everything that waited. If the member
    is in quiet hours again (they changed them), it waits again. Each member's waiting
    notifications are locked while they are sent, so two runs never send them twice.
    """
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            email_after__lte=now,
            user__is_active=True,
            user__deleted_at__isnull=True,
        )
        .exclude(user__email="")
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(waiting):
        with transaction.atomic():
            items = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(user_id=user_id, emailed_at__isnull=True, email_after__lte=now)
                .select_related("thread", "question", "actor", "user")
                .order_by("created_at")
            )
            if not items:
                continue
            user = items[0].user
            if len(items) == 1 and user.email_notifications not in DIGEST_PERIODS:
                message = _email(items[0])
            else:
                message = _digest(user, items, waited=True)
            pks = [item.pk for item in items]
            wait_until = _send_or_hold(user, message, now)
            if wait_until is None:
                Notification.objects.filter(pk__in=pks).update(emailed_at=now)
                sent += 1
            else:
                Notification.objects.filter(pk__in=pks).update(email_after=wait_until)
    logger.info("Sent %d email(s) that waited for quiet hours", sent)
    return sent


def record_decision(member, actor, message, **target):
    """An on-site notification of a moderator's decision about the member's post.

    The email goes separately (community.moderation), so this one is marked as emailed and
    never repeats in a digest.
    """
    if member.is_deleted:
        return None
    return Notification.objects.create(
        user=member,
        actor=actor,
        kind=Notification.Kind.DECISION,
        message=message[:600],
        emailed_at=timezone.now(),
        **target,
    )
