"""Moderators' decisions: on threads, replies, questions, answers, reports and members.

Each is a verb-named service that checks the actor is a moderator, changes one thing, and
records actor, action, target and reason once in Wagtail's audit log. Rows are locked while
changed, so two moderators acting at once cannot apply the same action twice.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from accounts import members
from accounts.roles import CLINICAL_REVIEWERS
from accounts.tasks import queue_email
from caching.generation import invalidate
from common.links import absolute_url
from community.models import Answer, Question, Reply, Report, Restriction, Thread
from community.permissions import is_moderator
from community.services import notifications, rules
from community.services.posting import publish_reply


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


def premoderate_thread(user, thread, reason=""):
    """Hold every new reply in this thread for a moderator, e.g. while tempers cool."""
    return _set_flag(
        user, thread, "is_premoderated", True, "community.premoderate",
        "This discussion is already under pre-moderation.", reason,
    )  # fmt: skip


def end_premoderation_thread(user, thread, reason=""):
    return _set_flag(
        user, thread, "is_premoderated", False, "community.end_premoderation",
        "This discussion is not under pre-moderation.", reason,
    )  # fmt: skip


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


def _noun(post):
    return "discussion" if isinstance(post, Thread) else "reply"


def _resolve_reports(user, post, status=Report.Status.ACTIONED):
    """Close every open report about `post` (a thread or reply); the number closed."""
    target = {"thread_id": post.pk} if isinstance(post, Thread) else {"reply_id": post.pk}
    return Report.objects.filter(status=Report.Status.OPEN, **target).update(
        status=status, handled_by=user, handled_at=timezone.now()
    )


def hide_post(user, post, reason):
    """Hide a thread or reply from members; it is kept and can be restored.

    Its open reports are closed as acted on, and its author is told why, on the site and by
    email.
    """
    _require_moderator(user)
    if not reason.strip():
        raise ModerationError("Give a reason: the author will see it.")
    reason = reason.strip()
    model = type(post)
    with transaction.atomic():
        post = model.objects.select_for_update().get(pk=post.pk)
        if post.hidden_at is not None:
            raise ModerationError("Another moderator has already hidden this.")
        post.hidden_at, post.hidden_reason = timezone.now(), reason
        post.save(update_fields=["hidden_at", "hidden_reason"])
        if isinstance(post, Reply) and post.held_at is None:
            Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        closed = _resolve_reports(user, post)
        invalidate()  # the hidden post leaves every cached page
        log(
            instance=post,
            action="community.hide",
            user=user,
            data={"reason": reason, "reports_closed": closed},
        )
    what = f"“{post.title}”" if isinstance(post, Thread) else f"in “{post.thread.title}”"
    _notify_author(
        post,
        f"A moderator has hidden your {_noun(post)}",
        [f"Your {_noun(post)} {what} is no longer shown to other members.",
         f"Reason: {reason}",
         "It is kept, not deleted. You can change it and send it again.",
         _edit_address(post)],
        actor=user,
        **_target(post),
    )  # fmt: skip
    return post


def restore_post(user, post, reason=""):
    """Undo a hide: the post is shown again, and its author is told, on the site and by
    email, as they were told of the hide."""
    _require_moderator(user)
    model = type(post)
    with transaction.atomic():
        post = model.objects.select_for_update().get(pk=post.pk)
        if post.hidden_at is None:
            raise ModerationError("This is not hidden.")
        post.hidden_at, post.hidden_reason = None, ""
        post.save(update_fields=["hidden_at", "hidden_reason"])
        if isinstance(post, Reply) and post.held_at is None:
            Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
        invalidate()
        log(instance=post, action="community.restore", user=user, data={"reason": reason})
    what = f"“{post.title}”" if isinstance(post, Thread) else f"in “{post.thread.title}”"
    lines = [f"Your {_noun(post)} {what} is shown to other members again."]
    if reason.strip():
        lines.append(f"The moderator's note: {reason.strip()}")
    _notify_author(
        post,
        f"A moderator has put your {_noun(post)} back",
        [*lines, absolute_url(post.get_absolute_url())],
        actor=user,
        **_target(post),
    )
    return post


def _email_member(member, subject, lines):
    if not member.email or member.is_deleted:
        return
    body = "\n".join([f"Hello {member.username},", "", *lines, "", "The moderators"])
    queue_email(
        EmailMessage(
            f"[Fibromyalgia Mechanisms] {subject}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [member.email],
        )
    )


def _notify_author(post, subject, lines, actor=None, **target):
    """Tell the author of `post` by email and with an on-site notification."""
    _email_member(post.author, subject, lines)
    if actor is not None:
        message = " ".join(line for line in lines if not line.startswith("http"))
        notifications.record_decision(post.author, actor, f"{subject}. {message}", **target)


def _target(post):
    """Notification fields that point at `post`."""
    if isinstance(post, Question):
        return {"question": post}
    if isinstance(post, Answer):
        return {"question": post.question, "answer": post}
    if isinstance(post, Reply):
        return {"thread": post.thread, "reply": post}
    return {"thread": post}


def _lock_held(post):
    """The held thread or reply, locked; refused if another moderator got there first."""
    post = type(post).objects.select_for_update().select_related("author").get(pk=post.pk)
    if post.held_at is None:
        state = "hidden" if post.hidden_at else "already shown"
        raise ModerationError(f"Another moderator has already dealt with this: {state}.")
    return post


def approve_post(user, post, reason=""):
    """Show a held thread or reply to everyone, and tell its followers and author."""
    _require_moderator(user)
    with transaction.atomic():
        post = _lock_held(post)
        held_for = post.get_hold_reason_display()
        post.held_at = None
        post.save(update_fields=["held_at"])
        if isinstance(post, Reply):
            publish_reply(post)
        else:
            transaction.on_commit(lambda: notifications.notify(post, post.author, text=post.body))
        log(
            instance=post,
            action="community.approve",
            user=user,
            data={"reason": reason, "held_for": held_for},
        )
        rules.note_approved(post.author)
    url = absolute_url(post.get_absolute_url())
    _notify_author(
        post,
        "Your post is published",
        ["A moderator has checked your post; everyone can read it now.", url],
        actor=user,
        **_target(post),
    )
    return post


def _edit_address(post):
    """Where the author changes a rejected or hidden post and sends it again."""
    name = "community:edit_thread" if isinstance(post, Thread) else "community:edit_reply"
    return absolute_url(reverse(name, args=[post.pk]))


def reject_post(user, post, reason):
    """Keep a held thread or reply from view, with a reason the author sees; restorable."""
    _require_moderator(user)
    if not reason.strip():
        raise ModerationError("Give a reason: the author will see it.")
    with transaction.atomic():
        post = _lock_held(post)
        post.held_at, post.hidden_at, post.hidden_reason = None, timezone.now(), reason.strip()
        post.save(update_fields=["held_at", "hidden_at", "hidden_reason"])
        closed = _resolve_reports(user, post)
        log(
            instance=post,
            action="community.reject",
            user=user,
            data={"reason": reason.strip(), "reports_closed": closed},
        )
    _notify_author(
        post,
        "Your post was not published",
        [
            f"Reason: {reason.strip()}",
            "Your words are kept. You can change them and send them again.",
            _edit_address(post),
        ],
        actor=user,
        **_target(post),
    )
    return post


def restrict_member(user, member, kind, reason, days=None):
    """Put a member under pre-moderation, suspend them for `days`, or ban them."""
    _require_moderator(user)
    if kind not in Restriction.Kind.values:
        raise ModerationError("Choose pre-moderation, a suspension or a ban.")
    if not reason.strip():
        raise ModerationError("Give a reason: the member will see it.")
    if is_moderator(member):
        raise ModerationError("Moderators cannot be restricted here; ask an administrator.")
    if kind == Restriction.Kind.SUSPEND and not days:
        raise ModerationError("Say for how many days the suspension lasts.")
    ends_at = timezone.now() + datetime.timedelta(days=int(days)) if days else None
    with transaction.atomic():
        type(member).objects.select_for_update().get(pk=member.pk)
        if Restriction.objects.active().filter(member=member, kind=kind).exists():
            raise ModerationError("The member already has this restriction.")
        restriction = Restriction.objects.create(
            member=member, kind=kind, reason=reason.strip(), ends_at=ends_at, created_by=user
        )
        log(
            instance=restriction,
            action="community.restrict",
            user=user,
            data={"reason": reason.strip(), "kind": kind, "member": member.username,
                  "ends_at": ends_at.isoformat() if ends_at else None},
        )  # fmt: skip
        members.forget(member)  # what they see: now, and again on commit
    until = f" until {timezone.localtime(ends_at):%-d %B %Y}" if ends_at else ""
    _email_member(
        member,
        f"A moderator has restricted your account: {restriction.label.lower()}",
        [f"{restriction.get_kind_display()}{until}.", f"Reason: {reason.strip()}",
         "If you think this is a mistake, reply to this email."],
    )  # fmt: skip
    return restriction


def lift_restriction(user, restriction, reason=""):
    """End a restriction early; the row is kept for the member's history."""
    _require_moderator(user)
    with transaction.atomic():
        restriction = Restriction.objects.select_for_update().get(pk=restriction.pk)
        if not Restriction.objects.active().filter(pk=restriction.pk).exists():
            raise ModerationError("This restriction has already ended.")
        restriction.lifted_at, restriction.lifted_by = timezone.now(), user
        restriction.save(update_fields=["lifted_at", "lifted_by"])
        log(instance=restriction, action="community.lift", user=user, data={"reason": reason})
        members.forget(restriction.member_id)  # now, and again on commit
    return restriction


def _decide(user, model, post, status, action, reason="", **extra):
    """Move a pending question or answer to `status`, once, with an audit entry."""
    _require_moderator(user)
    with transaction.atomic():
        post = model.objects.select_for_update().select_related("author").get(pk=post.pk)
        if post.status != model.Status.PENDING:
            state = post.get_status_display()
            raise ModerationError(f"Another moderator has already dealt with this: “{state}”.")
        post.status = status
        post.rejection_reason = reason.strip()
        post.held_at = None
        for field, value in extra.items():
            setattr(post, field, value)
        post.save()
        log(instance=post, action=action, user=user, data={"reason": reason.strip()})
        if status == model.Status.PUBLISHED:
            rules.note_approved(post.author)
    return post


def _restore(user, model, post):
    """Undo a rejection: the question or answer goes back to the queue, to be decided again."""
    _require_moderator(user)
    with transaction.atomic():
        post = model.objects.select_for_update().get(pk=post.pk)
        if post.status != model.Status.REJECTED:
            raise ModerationError("Only something that was not published can be restored.")
        reason = post.rejection_reason
        post.status, post.rejection_reason = model.Status.PENDING, ""
        post.save(update_fields=["status", "rejection_reason"])
        log(
            instance=post,
            action="community.restore",
            user=user,
            data={"reason": f"Rejected earlier: {reason}"},
        )
    return post


def restore_question(user, question):
    return _restore(user, Question, question)


def restore_answer(user, answer):
    return _restore(user, Answer, answer)


def close_as_duplicate(user, question, original, reason=""):
    """Close a question that repeats a published one, pointing its readers to the original."""
    _require_moderator(user)
    if original is None or original.pk == question.pk:
        raise ModerationError("Give the number or address of the question it repeats.")
    if original.status != Question.Status.PUBLISHED:
        raise ModerationError("The original must be a published question.")
    with transaction.atomic():
        question = Question.objects.select_for_update().select_related("author").get(pk=question.pk)
        if question.status not in (Question.Status.PENDING, Question.Status.PUBLISHED):
            state = question.get_status_display()
            raise ModerationError(f"Another moderator has already dealt with this: “{state}”.")
        question.status, question.duplicate_of = Question.Status.DUPLICATE, original
        question.held_at = None
        question.save(update_fields=["status", "duplicate_of", "held_at"])
        log(
            instance=question,
            action="community.duplicate",
            user=user,
            data={"reason": reason, "original": original.pk},
        )
    _notify_author(
        question,
        "Your question has been answered before",
        [f"“{question.title}” repeats a question others asked; its answers are here:",
         absolute_url(original.get_absolute_url())],
        actor=user, question=question,
    )  # fmt: skip
    return question


def approve_question(user, question):
    question = _decide(
        user,
        Question,
        question,
        Question.Status.PUBLISHED,
        "community.approve",
        published_at=timezone.now(),
    )
    _notify_author(
        question,
        "Your question is published",
        [f"Your question “{question.title}” is now published. Read the answers here:",
         absolute_url(question.get_absolute_url())],
        actor=user, question=question,
    )  # fmt: skip
    return question


def reject_question(user, question, reason):
    if not reason.strip():
        raise ModerationError("Give a reason: the member will see it.")
    question = _decide(
        user, Question, question, Question.Status.REJECTED, "community.reject", reason
    )
    _notify_author(
        question,
        "Your question was not published",
        [f"We did not publish your question “{question.title}”.", f"Reason: {reason.strip()}",
         "You can change it and send it again:",
         absolute_url(reverse("community:edit_question", args=[question.pk]))],
        actor=user, question=question,
    )  # fmt: skip
    return question


def approve_answer(user, answer):
    answer = _decide(user, Answer, answer, Answer.Status.PUBLISHED, "community.approve")
    Question.objects.filter(pk=answer.question_id).update(answer_count=F("answer_count") + 1)
    invalidate()
    _notify_author(
        answer, "Your answer is published",
        [f"Your answer to “{answer.question.title}” is now published.",
         absolute_url(f"{answer.question.get_absolute_url()}#answer-{answer.pk}")],
        actor=user, **_target(answer),
    )  # fmt: skip
    return answer


def reject_answer(user, answer, reason):
    if not reason.strip():
        raise ModerationError("Give a reason: the member will see it.")
    answer = _decide(user, Answer, answer, Answer.Status.REJECTED, "community.reject", reason)
    _notify_author(
        answer, "Your answer was not published",
        [f"We did not publish your answer to “{answer.question.title}”.",
         f"Reason: {reason.strip()}", "You are welcome to answer again with that change."],
        actor=user, **_target(answer),
    )  # fmt: skip
    return answer


def mark_clinician_reviewed(user, answer):
    """A clinical reviewer (or moderator) vouches for a published answer."""
    if not (is_moderator(user) or user.groups.filter(name=CLINICAL_REVIEWERS).exists()):
        raise ModerationError("Only clinical reviewers can mark an answer as reviewed.")
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if answer.clinician_reviewed:
            raise ModerationError("This answer is already marked as reviewed.")
        answer.clinician_reviewed = True
        answer.save(update_fields=["clinician_reviewed"])
        log(instance=answer, action="community.clinician_reviewed", user=user)
    return answer


def _lock_open_report(report):
    # Only the report's own row is locked ("of": PostgreSQL cannot lock the nullable side of
    # the outer joins to its thread or reply).
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("thread", "reply")
        .get(pk=report.pk)
    )
    if report.status != Report.Status.OPEN:
        raise ModerationError("Another moderator has already dealt with this report.")
    return report


def dismiss_report(user, report, reason=""):
    """The post is fine: close every open report about it."""
    _require_moderator(user)
    with transaction.atomic():
        report = _lock_open_report(report)
        closed = _resolve_reports(user, report.target, Report.Status.DISMISSED)
        log(
            instance=report,
            action="community.report_dismissed",
            user=user,
            data={"reason": reason, "reports_closed": closed},
        )
    return report


def act_on_report(user, report, reason):
    """Hide the reported post and close every open report about it (hide_post does both)."""
    _require_moderator(user)
    if not reason.strip():
        raise ModerationError("Give a reason: the author will see it.")
    with transaction.atomic():
        report = _lock_open_report(report)
        target = report.target
        hiding = target.hidden_at is None
        if hiding:
            hide_post(user, target, reason)
        else:
            _resolve_reports(user, target)
        log(
            instance=report,
            action="community.report_actioned",
            user=user,
            data={"reason": reason.strip(), "post_hidden": hiding},
        )
    report.refresh_from_db()
    return report
