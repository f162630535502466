"""What members do in Q&A: ask, answer, accept. Moderators' decisions: moderation.py.

A new question always waits for a moderator. An answer waits while its author is new
(fewer than COMMUNITY_TRUST_THRESHOLD approved posts) or when the rules (rules.py) hold it, and
is published at once otherwise.
"""

from django.db import transaction
from django.db.models import F
from wagtail.log_actions import log

from caching.generation import invalidate
from community.models import Answer, Draft, HoldReason, Question
from community.permissions import is_moderator
from community.services import drafts, rules
from community.services.posting import PostingError, check_can_post


@transaction.atomic
def ask_question(author, *, title, body="", mechanisms=(), tags=(), without_name=False):
    """A new question, pending until a moderator publishes it; `without_name`, shown as by
    "A member"."""
    check_can_post(author, "thread")
    # Every question waits anyway; the rules only say why it matters (crisis goes first).
    hold = rules.screen(author, f"{title}\n{body}", check_trust=False)
    if hold is None and without_name:
        hold = rules.Hold(HoldReason.WITHOUT_NAME, "Shown as “A member”")
    question = Question.objects.create(
        author=author,
        title=title.strip(),
        body=body,
        without_name=without_name,
        **rules.hold_fields(hold),
    )
    if mechanisms:
        question.mechanisms.set(mechanisms)
    if tags:
        question.tags.set(list(tags))
    drafts.discard_draft(author, Draft.key_for(Draft.Kind.QUESTION))  # posted: kept no longer
    return question


@transaction.atomic
def post_answer(author, question, *, body):
    """An answer: published at once for trusted members, held for review for new ones."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status != Question.Status.PUBLISHED:
        raise PostingError("This question is not open for answers.")
    check_can_post(author, "reply")
    hold = rules.screen(author, body)
    answer = Answer.objects.create(
        question=question,
        author=author,
        body=body,
        status=Answer.Status.PENDING if hold else Answer.Status.PUBLISHED,
        **rules.hold_fields(hold),
    )
    drafts.discard_draft(author, Draft.key_for(Draft.Kind.ANSWER, question))
    if hold is None:
        Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
        invalidate()  # the count on the question's page and in lists
    return answer


@transaction.atomic
def accept_answer(user, answer):
    """The asker or a moderator marks one published answer as the accepted one."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not (user.pk == question.author_id or is_moderator(user)):
        raise PostingError("Only the person who asked, or a moderator, can accept an answer.")
    if answer.status != Answer.Status.PUBLISHED:
        raise PostingError("Only a published answer can be accepted.")
    question.answers.filter(is_accepted=True).update(is_accepted=False)
    Answer.objects.filter(pk=answer.pk).update(is_accepted=True)
    Question.objects.filter(pk=question.pk).update(has_accepted_answer=True)
    invalidate()  # .update() sends no signal: "Accepted answer" must show to visitors at once
    return answer


@transaction.atomic
def resubmit_question(user, question, *, title, body="", mechanisms=None):
    """The asker changes a question that waits or was not published; it waits for review again.

    The earlier wording is kept in the audit log, so nothing a moderator saw is lost.
    """
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.author_id != user.pk:
        raise PostingError("Only the person who asked can change this question.")
    if question.status not in (Question.Status.PENDING, Question.Status.REJECTED):
        raise PostingError("A published question can no longer be changed.")
    check_can_post(user, "reply")
    previous = {"title": question.title, "body": question.body, "status": question.status}
    hold = rules.screen(user, f"{title}\n{body}", check_trust=False)
    question.title, question.body = title.strip(), body
    question.status, question.rejection_reason = Question.Status.PENDING, ""
    for field, value in rules.hold_fields(hold).items():
        setattr(question, field, value)
    question.save()
    if mechanisms is not None:
        question.mechanisms.set(mechanisms)
    log(instance=question, action="community.resubmit", user=user, data={"previous": previous})
    return question
