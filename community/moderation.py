"""Moderator actions on threads and replies.

Each is a verb-named service that checks the actor is a moderator, changes one thing, and
records actor, action, target and reason once in Wagtail's audit log. Rows are locked while
changed, so two moderators acting at once cannot apply the same action twice.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from community.models import Reply, Thread
from community.permissions import is_moderator


class ModerationError(Exception):
    """The action was refused or already done; the message says which."""


def _require_moderator(user):
    if not is_moderator(user):
        raise ModerationError("Only moderators can do this.")


def _set_flag(user, thread, field, value, action, already, reason=""):
    _require_moderator(user)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        if getattr(thread, field) == value:
            raise ModerationError(already)
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        log(instance=thread, action=action, user=user, data={"reason": reason})
    return thread


def lock_thread(user, thread, reason=""):
    return _set_flag(user, thread, "is_locked", True, "community.lock", "Already locked.", reason)


def unlock_thread(user, thread, reason=""):
    return _set_flag(
        user, thread, "is_locked", False, "community.unlock", "Already unlocked.", reason
    )


def pin_thread(user, thread, reason=""):
    return _set_flag(user, thread, "is_pinned", True, "community.pin", "Already pinned.", reason)


def unpin_thread(user, thread, reason=""):
    return _set_flag(
        user, thread, "is_pinned", False, "community.unpin", "Already unpinned.", reason
    )


def retag_thread(user, thread, tags, reason=""):
    """Replace a thread's tags, e.g. to move it to the right topic."""
    _require_moderator(user)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        before = sorted(thread.tags.names())
        thread.tags.set(list(tags))
        log(
            instance=thread,
            action="community.retag",
            user=user,
            data={"reason": reason, "before": before, "after": sorted(tags)},
        )
    return thread


def hide_post(user, post, reason):
    """Hide a thread or reply from members; it is kept and can be restored."""
    _require_moderator(user)
    if not reason.strip():
        raise ModerationError("Give a reason: the author will see it.")
    model = type(post)
    with transaction.atomic():
        post = model.objects.select_for_update().get(pk=post.pk)
        if post.hidden_at is not None:
            raise ModerationError("Another moderator has already hidden this.")
        post.hidden_at, post.hidden_reason = timezone.now(), reason.strip()
        post.save(update_fields=["hidden_at", "hidden_reason"])
        if isinstance(post, Reply):
            Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        log(instance=post, action="community.hide", user=user, data={"reason": reason.strip()})
    return post


def restore_post(user, post, reason=""):
    """Undo a hide."""
    _require_moderator(user)
    model = type(post)
    with transaction.atomic():
        post = model.objects.select_for_update().get(pk=post.pk)
        if post.hidden_at is None:
            raise ModerationError("This is not hidden.")
        post.hidden_at, post.hidden_reason = None, ""
        post.save(update_fields=["hidden_at", "hidden_reason"])
        if isinstance(post, Reply):
            Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
        log(instance=post, action="community.restore", user=user, data={"reason": reason})
    return post
