"""Answered questions into an article's FAQs: moderators and editors promote one, and the
article goes to clinical review with it (the copy's later life, when its authors erase their
words, is in community.faq_copies)."""

import uuid

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from accounts.roles import EDITORS
from community.models import Answer, Question
from community.permissions import is_moderator
from community.services.moderation import ModerationError


def can_promote(user):
    """Moderators and editors turn answered questions into FAQ entries."""
    return is_moderator(user) or (
        user.is_authenticated and user.groups.filter(name=EDITORS).exists()
    )


def promote_to_faq(user, question, mechanism=None):
    """Add an answered question to a linked article's FAQs, as a draft for clinical review.

    The entry (the question's title and its accepted, or else best, published answer) is
    added to the article's latest draft and the article is submitted to its workflow, so a
    clinical reviewer checks it before it goes live. Returns the new page revision.
    """
    if not can_promote(user):
        raise ModerationError("Only moderators and editors can add a question to the FAQs.")
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.status != Question.Status.PUBLISHED:
            raise ModerationError("Only a published question can go into the FAQs.")
        if question.faq_block_id:
            raise ModerationError(
                f"This question is already in the FAQs of “{question.faq_page}”."
                if question.faq_page
                else "This question is already in the FAQs."
            )
        answer = (
            question.answers.filter(status=Answer.Status.PUBLISHED)
            .order_by("-is_accepted", "-clinician_reviewed", "created_at")
            .first()
        )
        if answer is None:
            raise ModerationError("Only an answered question can go into the FAQs.")
        linked = question.mechanisms.all()
        page = linked.filter(pk=mechanism.pk).first() if mechanism else linked.first()
        if page is None:
            raise ModerationError("Link the question to one of its articles first.")
        if page.workflow_in_progress:
            raise ModerationError(
                f"“{page.title}” is in review already. Add the question once that review ends."
            )
        draft = page.get_latest_revision_as_object()
        block_id = str(uuid.uuid4())
        draft.faqs.append(
            ("faq", {"question": question.title, "answer": answer.body_html}, block_id)
        )
        revision = draft.save_revision(user=user, log_action=True)
        question.faq_page, question.faq_block_id = page, block_id
        question.promoted_at = timezone.now()
        question.save(update_fields=["faq_page", "faq_block_id", "promoted_at"])
        log(
            instance=question,
            action="community.promote_faq",
            user=user,
            data={"page": page.title, "page_id": page.pk, "answer_id": answer.pk},
        )
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    return revision
