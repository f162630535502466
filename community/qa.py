"""What members do in Q&A: ask, answer, accept. Moderator actions are in moderation.py.

A new question always waits for a moderator. An answer waits while its author is new
(fewer than COMMUNITY_TRUST_THRESHOLD published posts) and is published at once after that.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F

from community.models import Answer, Question
from community.permissions import is_moderator
from community.services import PostingError, check_can_post


def published_posts(user):
    return (
        Question.objects.filter(author=user, status=Question.Status.PUBLISHED).count()
        + Answer.objects.filter(author=user, status=Answer.Status.PUBLISHED).count()
    )


def is_trusted(user):
    """Moderators, staff and members with enough published posts skip pre-moderation."""
    return (
        is_moderator(user)
        or user.is_staff
        or published_posts(user) >= settings.COMMUNITY_TRUST_THRESHOLD
    )


@transaction.atomic
def ask_question(author, *, title, body="", mechanisms=(), tags=()):
    """A new question, pending until a moderator publishes it."""
    check_can_post(author, "thread")
    question = Question.objects.create(author=author, title=title.strip(), body=body)
    if mechanisms:
        question.mechanisms.set(mechanisms)
    if tags:
        question.tags.set(list(tags))
    return question


@transaction.atomic
def post_answer(author, question, *, body):
    """An answer: published at once for trusted members, held for review for new ones."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status != Question.Status.PUBLISHED:
        raise PostingError("This question is not open for answers.")
    check_can_post(author, "reply")
    trusted = is_trusted(author)
    answer = Answer.objects.create(
        question=question,
        author=author,
        body=body,
        status=Answer.Status.PUBLISHED if trusted else Answer.Status.PENDING,
    )
    if trusted:
        Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
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
    return answer
