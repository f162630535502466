"""What members do in the community: start threads, reply, edit and delete their posts.

Views call these and stay thin; each checks its own rules, so a view cannot forget one.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from caching.generation import invalidate
from community.models import (
    Draft,
    HoldReason,
    PostEdit,
    Reaction,
    Reply,
    Report,
    Restriction,
    Thread,
)
from community.permissions import can_edit, can_post, is_moderator
from community.services import drafts, notifications, rules


class PostingError(Exception):
    """A post was refused; the message is shown to the member as it is."""


def _check_not_restricted(user):
    """Raise PostingError if `user` may not post at all now (unconfirmed, suspended or banned).
    True for moderators and staff, whom the new members' limits do not apply to."""
    if not can_post(user):
        raise PostingError("Please confirm your email address before you post.")
    if is_moderator(user) or user.is_staff:
        return True
    restriction = rules.active_restriction(user, Restriction.Kind.SUSPEND, Restriction.Kind.BAN)
    if restriction is not None:
        raise PostingError(restriction.stops_posting_message())
    return False


def check_can_post(user, kind):
    """Raise PostingError if `user` may not post a `kind` ("thread" or "reply") now."""
    if _check_not_restricted(user):
        return
    joined_recently = timezone.now() - user.date_joined < datetime.timedelta(
        days=settings.COMMUNITY_NEW_MEMBER_DAYS
    )
    if not joined_recently:
        return
    day_ago = timezone.now() - datetime.timedelta(days=1)
    threads = Thread.objects.filter(author=user, created_at__gte=day_ago)
    replies = Reply.objects.filter(author=user, created_at__gte=day_ago)
    limit = settings.COMMUNITY_NEW_MEMBER_LIMITS[kind]
    made = (threads if kind == "thread" else replies).count()
    if made >= limit:
        raise PostingError(
            f"New members can post {limit} {kind}s on their first day. This keeps the "
            "community safe from spam; the limit lifts tomorrow. Thank you for understanding."
        )
    latest = max(
        [post.created_at for post in (threads.order_by("-created_at").first(),
                                      replies.order_by("-created_at").first()) if post],
        default=None,
    )  # fmt: skip
    wait = settings.COMMUNITY_NEW_MEMBER_INTERVAL
    if latest and (timezone.now() - latest).total_seconds() < wait:
        raise PostingError(f"Please wait {wait} seconds between posts while you are a new member.")


@transaction.atomic
def start_thread(author, *, title, body, tags=(), mechanisms=(), note=None, without_name=False):
    """Create a thread with its tags and linked mechanism articles; `note` is its content
    note ({"content_note", "content_note_kind"}, community.services.content_notes.note_for).
    A thread `without_name` shows as by "A member" and always waits for a moderator first."""
    check_can_post(author, "thread")
    note = note or {}
    hold = rules.screen(author, f"{title}\n{body}\n{note.get('content_note', '')}")
    if hold is None and without_name:
        hold = rules.Hold(HoldReason.WITHOUT_NAME, "Shown as “A member”")
    thread = Thread.objects.create(
        author=author,
        title=title.strip(),
        body=body,
        without_name=without_name,
        **note,
        **rules.hold_fields(hold),
    )
    if tags:
        thread.tags.set(list(tags))
    if mechanisms:
        thread.mechanisms.set(mechanisms)
    notifications.follow(author, thread=thread)
    drafts.discard_draft(author, Draft.key_for(Draft.Kind.THREAD))  # posted: kept no longer
    if hold is None:
        transaction.on_commit(lambda: notifications.notify(thread, author, text=body))
    return thread


@transaction.atomic
def post_reply(author, thread, *, body, quoted=None, note=None):
    """Add a reply; refused in a locked, hidden or deleted thread. The author follows the
    discussion from now on, as they would expect to hear the answers."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not thread.is_visible:
        raise PostingError("This discussion has been removed, so it cannot take replies.")
    if thread.is_locked:
        raise PostingError("This discussion is locked, so it cannot take new replies.")
    check_can_post(author, "reply")
    if quoted is not None and (quoted.thread_id != thread.pk or not quoted.is_visible):
        quoted = None
    note = note or {}
    hold = rules.screen(author, f"{body}\n{note.get('content_note', '')}", thread=thread)
    reply = Reply.objects.create(
        thread=thread, author=author, body=body, quoted=quoted, **note, **rules.hold_fields(hold)
    )
    notifications.follow(author, thread=thread)
    drafts.discard_draft(author, Draft.key_for(Draft.Kind.REPLY, thread))
    if hold is None:
        publish_reply(reply)
    return reply


def publish_reply(reply):
    """Count a reply that others can now see, and tell the thread's followers."""
    Thread.objects.filter(pk=reply.thread_id).update(
        reply_count=F("reply_count") + 1, last_activity_at=reply.created_at
    )
    invalidate()
    transaction.on_commit(
        lambda: notifications.notify(reply.thread, reply.author, reply=reply, text=reply.body)
    )


def _check_author(user, post):
    if not can_edit(user, post):
        raise PostingError("Only the author can change this post.")


@transaction.atomic
def edit_thread(user, thread, *, title, body, tags=None, mechanisms=None, note=None):
    """Change a thread's text (keeping the old text) and optionally its tags, articles and
    content note."""
    _check_author(user, thread)
    if note is not None and note["content_note"] != thread.content_note:
        for field, value in note.items():
            setattr(thread, field, value)
        thread.save(update_fields=list(note))
    if thread.title != title.strip() or thread.body != body:
        PostEdit.objects.create(
            thread=thread, previous_title=thread.title, previous_body=thread.body, edited_by=user
        )
        thread.title, thread.body, thread.edited_at = title.strip(), body, timezone.now()
        _hold_edit(thread, f"{title}\n{body}")
        thread.save()
    if tags is not None:
        thread.tags.set(list(tags))
    if mechanisms is not None:
        thread.mechanisms.set(mechanisms)
    return thread


@transaction.atomic
def edit_reply(user, reply, *, body):
    """Change a reply's text, keeping the old text."""
    _check_author(user, reply)
    if reply.body != body:
        PostEdit.objects.create(reply=reply, previous_body=reply.body, edited_by=user)
        reply.body, reply.edited_at = body, timezone.now()
        was_visible = reply.held_at is None
        _hold_edit(reply, body)
        reply.save()
        if was_visible and reply.held_at is not None:
            Thread.objects.filter(pk=reply.thread_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        invalidate()
    return reply


def _hold_edit(post, text):
    """An edit that adds crisis words, personal details or listed words is held again."""
    hold = rules.check_text(text)
    if hold is not None and post.held_at is None:
        for field, value in rules.hold_fields(hold).items():
            setattr(post, field, value)


def _lock_set_aside(user, post):
    """The author's rejected or hidden post, locked; refused for anyone else or anything else."""
    post = type(post).objects.select_for_update().get(pk=post.pk)
    if not user.is_authenticated or post.author_id != user.pk or post.deleted_at is not None:
        raise PostingError("Only the author can change this post and send it again.")
    if post.hidden_at is None:
        raise PostingError(
            "This post is not set aside by a moderator, so there is nothing to send again."
        )
    _check_not_restricted(user)
    return post


def _send_again(user, post, text):
    """Put a set-aside post back in the moderation queue: held, whatever the rules say (a
    moderator decided about it once, so one looks again), with the earlier reason noted."""
    earlier = post.hidden_reason
    hold = rules.check_text(text) or rules.Hold(
        HoldReason.RESUBMITTED, f"Set aside earlier: {earlier}"[:200]
    )
    for field, value in rules.hold_fields(hold).items():
        setattr(post, field, value)
    post.hidden_at, post.hidden_reason = None, ""
    post.edited_at = timezone.now()
    post.save()
    log(
        instance=post,
        action="community.resubmit",
        user=user,
        data={"reason": "Changed and sent again by the author", "earlier_reason": earlier},
    )
    return post


@transaction.atomic
def resubmit_reply(user, reply, *, body):
    """The author changes a reply a moderator rejected or hid, and sends it again: it waits
    in the moderation queue, and the earlier text is kept (PostEdit)."""
    reply = _lock_set_aside(user, reply)
    thread = reply.thread
    if thread.deleted_at is not None or thread.hidden_at is not None:
        raise PostingError("This discussion has been removed, so the reply cannot go back in it.")
    if reply.body != body:
        PostEdit.objects.create(reply=reply, previous_body=reply.body, edited_by=user)
        reply.body = body
    return _send_again(user, reply, body)


@transaction.atomic
def resubmit_thread(user, thread, *, title, body, tags=None, mechanisms=None):
    """The author changes a discussion a moderator rejected or hid, and sends it again: it
    waits in the moderation queue, and the earlier text is kept (PostEdit)."""
    thread = _lock_set_aside(user, thread)
    if thread.title != title.strip() or thread.body != body:
        PostEdit.objects.create(
            thread=thread, previous_title=thread.title, previous_body=thread.body, edited_by=user
        )
        thread.title, thread.body = title.strip(), body
    thread = _send_again(user, thread, f"{title}\n{body}")
    if tags is not None:
        thread.tags.set(list(tags))
    if mechanisms is not None:
        thread.mechanisms.set(mechanisms)
    return thread


DELETED_BY_AUTHOR = "[deleted by the author]"


@transaction.atomic
def delete_thread(user, thread):
    """The author removes their thread; it is kept, never destroyed.

    With no replies from others it disappears from view. If others have replied, their
    conversation must not vanish with it: the thread stays, its text is replaced, and the
    original is kept in the edit history.
    """
    _check_author(user, thread)
    others_replied = thread.replies.visible().exclude(author=user).exists()
    if others_replied:
        PostEdit.objects.create(
            thread=thread, previous_title=thread.title, previous_body=thread.body, edited_by=user
        )
        thread.body, thread.edited_at = DELETED_BY_AUTHOR, timezone.now()
        thread.save()
    else:
        thread.deleted_at = timezone.now()
        thread.save(update_fields=["deleted_at"])
    return thread


@transaction.atomic
def delete_reply(user, reply):
    """The author removes their reply from view; it is kept, not destroyed."""
    _check_author(user, reply)
    reply.deleted_at = timezone.now()
    reply.save(update_fields=["deleted_at"])
    Thread.objects.filter(pk=reply.thread_id, reply_count__gt=0).update(
        reply_count=F("reply_count") - 1
    )
    invalidate()
    return reply


def report_post(reporter, post, *, reason, details="", mechanism=None):
    """Ask the moderators to look at a thread or reply; one open report per member per post.

    "Contradicts the evidence" names the article whose evidence the post goes against, so
    editors can see which articles attract misinformation (articles.reports).
    """
    if not can_post(reporter):
        raise PostingError("Please confirm your email address before you report a post.")
    target = {"thread": post} if isinstance(post, Thread) else {"reply": post}
    if Report.objects.filter(reporter=reporter, status=Report.Status.OPEN, **target).exists():
        raise PostingError("You have already reported this. A moderator will look at it.")
    if reason == Report.Reason.CONTRADICTS_EVIDENCE and mechanism is None:
        raise PostingError("Choose the article whose evidence this post contradicts.")
    if reason != Report.Reason.CONTRADICTS_EVIDENCE:
        mechanism = None
    return Report.objects.create(
        reporter=reporter, reason=reason, details=details, mechanism=mechanism, **target
    )


def toggle_reaction(user, post, kind):
    """Add the member's reaction of `kind` to a post, or take it back; returns True if added."""
    if not can_post(user):
        raise PostingError("Please confirm your email address before you react to posts.")
    target = {"thread": post} if isinstance(post, Thread) else {"reply": post}
    deleted, _ = Reaction.objects.filter(user=user, kind=kind, **target).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(user=user, kind=kind, **target)
    except IntegrityError:
        return False  # a double click: the reaction is already there
    return True
