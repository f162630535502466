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
from portal.links import absolute_url


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


def _notify_author(post, subject, lines):
    from django.conf import settings
    from django.core.mail import EmailMessage

    from accounts.tasks import queue_email

    if not post.author.email:
        return
    body = "\n".join([f"Hello {post.author.username},", "", *lines, "", "The moderators"])
    queue_email(
        EmailMessage(
            f"[Fibromyalgia Mechanisms] {subject}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [post.author.email],
        )
    )


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
        for field, value in extra.items():
            setattr(post, field, value)
        post.save()
        log(instance=post, action=action, user=user, data={"reason": reason.strip()})
    return post


def approve_question(user, question):
    from community.models import Question

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
    )  # fmt: skip
    return question


def reject_question(user, question, reason):
    from community.models import Question

    if not reason.strip():
        raise ModerationError("Give a reason: the member will see it.")
    question = _decide(
        user, Question, question, Question.Status.REJECTED, "community.reject", reason
    )
    _notify_author(
        question,
        "Your question was not published",
        [f"We did not publish your question “{question.title}”.", f"Reason: {reason.strip()}",
         "You can change it and ask again: " + absolute_url("/questions/ask/")],
    )  # fmt: skip
    return question


def approve_answer(user, answer):
    from community.models import Answer, Question

    answer = _decide(user, Answer, answer, Answer.Status.PUBLISHED, "community.approve")
    Question.objects.filter(pk=answer.question_id).update(answer_count=F("answer_count") + 1)
    return answer


def reject_answer(user, answer, reason):
    from community.models import Answer

    if not reason.strip():
        raise ModerationError("Give a reason: the member will see it.")
    return _decide(user, Answer, answer, Answer.Status.REJECTED, "community.reject", reason)


def mark_clinician_reviewed(user, answer):
    """A clinical reviewer (or moderator) vouches for a published answer."""
    from accounts.roles import CLINICAL_REVIEWERS
    from community.models import Answer

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


def _close_reports(user, report, status, reason):
    from community.models import Report

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Report.Status.OPEN:
            raise ModerationError("Another moderator has already dealt with this report.")
        target = {"thread_id": report.thread_id, "reply_id": report.reply_id}
        closed = Report.objects.filter(status=Report.Status.OPEN, **target).update(
            status=status, handled_by=user, handled_at=timezone.now()
        )
        log(
            instance=report,
            action=f"community.report_{status}",
            user=user,
            data={"reason": reason, "reports_closed": closed},
        )
    return report


def dismiss_report(user, report, reason=""):
    """The post is fine: close every open report about it."""
    _require_moderator(user)
    return _close_reports(user, report, "dismissed", reason)


def act_on_report(user, report, reason):
    """Hide the reported post and close every open report about it."""
    _require_moderator(user)
    if not reason.strip():
        raise ModerationError("Give a reason: the author will see it.")
    target = report.thread or report.reply
    if target.hidden_at is None:
        hide_post(user, target, reason)
    return _close_reports(user, report, "actioned", reason)
