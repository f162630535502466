"""A member's words copied into an article's FAQs leave it when they ask for their text to go.

Promoting an answered question (community.services.faq.promote_to_faq) copies its
title, the asker's words, and an answer, the answerer's, into a mechanism page's FAQs. The
copy is then editorial content, reviewed and published, but the words are still the
members'. When either of them deletes their account with "remove the text of everything I
wrote", the entry leaves the live page and every stored revision of it (drafts included),
and the page's audit log says so. Which answer was copied is read from the promotion's audit
entry, the one record of it.
"""

import json
import logging

from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from articles.visibility import may_see
from caching import generation
from community.models import Answer, Question

logger = logging.getLogger(__name__)

PROMOTE_ACTION = "community.promote_faq"
ERASE_ACTION = "community.faq_erased"


def copies_of(user):
    """The promoted questions whose FAQ entry holds `user`'s words (asked or answered)."""
    answers = list(Answer.objects.filter(author=user).values_list("pk", flat=True))
    answered = ModelLogEntry.objects.filter(
        action=PROMOTE_ACTION, data__answer_id__in=answers or [0]
    ).values_list("object_id", flat=True)
    return (
        Question.objects.filter(Q(author=user) | Q(pk__in=[int(pk) for pk in answered]))
        .filter(faq_page__isnull=False)
        .exclude(faq_block_id="")
        .select_related("faq_page")
    )


def export_faq_copies(user):
    """Which of the member's questions or answers are in an article's FAQs. The article is
    named only if the member may see it (a restricted page's title is not theirs to see)."""
    return [
        {
            "question": question.title,
            "article": question.faq_page.title if may_see(question.faq_page, user) else None,
        }
        for question in copies_of(user)
    ]


def _without_block(stream, block_id):
    """`stream` (a list of blocks, or the JSON text of one, as revisions keep it) without the
    block `block_id`; None when it was not there."""
    as_text = isinstance(stream, str)
    blocks = json.loads(stream) if as_text else list(stream or [])
    kept = [block for block in blocks if block.get("id") != block_id]
    if len(kept) == len(blocks):
        return None
    return json.dumps(kept) if as_text else kept


def erase_faq_copies(user, text):
    """Take every FAQ entry holding `user`'s words out of its page: the live page and every
    revision. Returns how many entries went. (`text` is not used: an FAQ entry that read
    "[removed…]" would help no reader.)"""
    erased = 0
    for question in copies_of(user):
        page, block_id = question.faq_page.specific, question.faq_block_id
        for revision in page.revisions.all():
            faqs = _without_block(revision.content.get("faqs"), block_id)
            if faqs is not None:
                revision.content["faqs"] = faqs
                revision.save(update_fields=["content"])
        live = _without_block(page.faqs.raw_data, block_id)
        if live is not None:
            page.faqs = live
            page.save(update_fields=["faqs"], clean=False)
        Question.objects.filter(pk=question.pk).update(faq_page=None, faq_block_id="")
        log(instance=page, action=ERASE_ACTION, data={"question_id": question.pk})
        erased += 1
    if erased:
        generation.invalidate()
        logger.info("Erased %d FAQ entries holding a deleted member's words", erased)
    return erased
