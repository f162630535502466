"""Follows and notifications: who hears about a new reply or a mention, and how.

Each recipient gets one on-site notification per reply (a mention wins over a plain reply),
and, depending on their settings, one email now or a daily digest. Every email carries a
one-click unsubscribe link.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import members
from accounts.models import EmailNotifications, User
from accounts.tasks import queue_email
from accounts.unsubscribe import unsubscribe_url
from common.links import absolute_url
from community.models import Notification, Subscription, mentioned_members

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
    """Notify followers of `thread` (for a reply) and anyone mentioned in `text`, once each."""
    mentioned = {member.pk: member for member in mentioned_members(text)}
    recipients = {}
    if reply is not None:
        recipients = {user.pk: (user, Notification.Kind.REPLY) for user in followers(thread)}
    for pk, member in mentioned.items():
        recipients[pk] = (member, Notification.Kind.MENTION)
    recipients.pop(actor.pk, None)
    notifications = Notification.objects.bulk_create(
        [
            Notification(user=user, kind=kind, thread=thread, reply=reply, actor=actor)
            for user, kind in recipients.values()
        ]
    )
    members.forget(*recipients)  # their unread counts (bulk_create sends no signals)
    now = timezone.now()
    for notification in notifications:
        if wants_email_now(notification):
            queue_email(_email(notification))
            notification.emailed_at = now
    Notification.objects.filter(pk__in=[n.pk for n in notifications if n.emailed_at]).update(
        emailed_at=now
    )
    return notifications


def send_daily_digests():
    """One email per member who chose a daily digest, listing what is new; returns count."""
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            user__email_notifications=EmailNotifications.DAILY,
            user__is_active=True,
        )
        .select_related("thread", "actor", "user")
        .order_by("user_id", "created_at")
    )
    by_user = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    base = absolute_url("")
    for user_id, items in by_user.items():
        user = User.objects.get(pk=user_id)
        unsubscribe = absolute_url(unsubscribe_url(user, "replies"))
        body = render_to_string(
            "community/email/digest.txt",
            {"items": items, "base_url": base, "unsubscribe_url": unsubscribe},
        )
        queue_email(
            EmailMultiAlternatives(
                subject=f"[Fibromyalgia Mechanisms] {len(items)} new in discussions you follow",
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
    return len(by_user)


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
