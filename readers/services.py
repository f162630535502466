"""Every change the readers app makes: saving and removing articles, the reading place,
appointment sheets, and answers to "Was this page helpful?".

None of these change what a shared page shows (pages never show a member's saved articles;
the script asks for them: readers/views/saved.py), so none moves the page generation.
Logs name members and pages by id only: never a question, comment or section a reader wrote
or read.
"""

import logging

from django.db import transaction
from django.utils import timezone

from readers.masking import mask_personal_details
from readers.models import (
    ANCHOR_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    AppointmentSheet,
    PageFeedback,
    SavedArticle,
)

logger = logging.getLogger(__name__)


def save_article(user, page):
    """Save `page` for `user`; saving it again keeps the first save. True if newly saved."""
    _saved, created = SavedArticle.objects.get_or_create(user=user, page=page)
    if created:
        logger.info("Member %s saved article %s", user.pk, page.pk)
    return created


def remove_saved_article(user, page_id):
    """Take an article off the member's saved list. True if it was there."""
    removed, _ = SavedArticle.objects.filter(user=user, page_id=page_id).delete()
    if removed:
        logger.info("Member %s removed saved article %s", user.pk, page_id)
    return bool(removed)


def record_reading_place(user, page_id, section, anchor):
    """Remember the last section the member reached in an article they saved (nothing is
    kept for articles they did not save). True if a saved article was updated."""
    updated = SavedArticle.objects.filter(user=user, page_id=page_id).update(
        section=" ".join(section.split())[:SECTION_MAX_LENGTH],
        anchor=anchor[:ANCHOR_MAX_LENGTH],
        read_at=timezone.now(),
    )
    if updated:
        logger.info("Member %s reached a new place in saved article %s", user.pk, page_id)
    return bool(updated)


@transaction.atomic
def save_appointment_sheet(user, *, pages, questions, name="", sheet=None):
    """Save the member's choice of articles and questions as a sheet, or update `sheet`
    (one of theirs). Returns the sheet."""
    if sheet is None:
        sheet = AppointmentSheet(user=user)
    elif sheet.user_id != user.pk:
        raise PermissionError("A member may only change their own appointment sheets.")
    sheet.name = name.strip()
    sheet.questions = questions.strip()
    sheet.updated_at = timezone.now()
    sheet.save()
    sheet.pages.set(pages)
    logger.info("Member %s saved appointment sheet %s", user.pk, sheet.pk)
    return sheet


def delete_appointment_sheet(user, sheet_id):
    """Delete one of the member's sheets. True if it was theirs and is gone."""
    removed, _ = AppointmentSheet.objects.filter(user=user, pk=sheet_id).delete()
    if removed:
        logger.info("Member %s deleted appointment sheet %s", user.pk, sheet_id)
    return bool(removed)


def record_feedback(page, *, helpful, comment=""):
    """Keep one anonymous answer to "Was this page helpful?", its comment shortened and with
    email addresses and phone numbers masked before it is stored."""
    feedback = PageFeedback.objects.create(
        page=page,
        helpful=helpful,
        comment=mask_personal_details(comment.strip()[:COMMENT_MAX_LENGTH]),
    )
    logger.info("Feedback %s on article %s: helpful=%s", feedback.pk, page.pk, helpful)
    return feedback
