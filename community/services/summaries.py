"""A discussion's "Summary so far" and "What the evidence says", kept by moderators and
editors. Each change is saved as a row (its signals move the page generation, so the
discussion shows it at once) and recorded once in the audit log."""

import logging

from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from wagtail.log_actions import log

from accounts.roles import EDITORS
from community.models import SUMMARY_MAX_LENGTH, ThreadEvidence, ThreadSummary
from community.permissions import is_moderator

logger = logging.getLogger(__name__)


class SummaryError(Exception):
    """Refused; the message says why."""


def can_summarise(user):
    """Moderators and editors sum discussions up and attach the evidence."""
    return is_moderator(user) or (
        user.is_authenticated and user.groups.filter(name=EDITORS).exists()
    )


def _check(user):
    if not can_summarise(user):
        raise SummaryError("Only moderators and editors can do this.")


def claims_of(mechanism):
    """[(block id, plain text, evidence level)] of the findings in an article's body."""
    found = []
    for block in mechanism.body:
        if block.block_type == "claim":
            text = " ".join(strip_tags(str(block.value["text"])).split())
            found.append((block.id, text, block.value["evidence_level"]))
    return found


@transaction.atomic
def write_summary(user, thread, body):
    """A new version of the discussion's summary; earlier versions are kept."""
    _check(user)
    body = (body or "").strip()
    if not body:
        raise SummaryError("Write the summary first.")
    if len(body) > SUMMARY_MAX_LENGTH:
        raise SummaryError(f"Keep the summary under {SUMMARY_MAX_LENGTH} characters.")
    summary = ThreadSummary.objects.create(thread=thread, author=user, body=body)
    log(instance=thread, action="community.summary", user=user, data={"summary": summary.pk})
    logger.info("Member %s wrote a summary of thread %s", user.pk, thread.pk)
    return summary


@transaction.atomic
def attach_evidence(user, thread, mechanism, claim_id=""):
    """Show an article, or one of its findings, as what the evidence says."""
    _check(user)
    if claim_id and claim_id not in {pk for pk, _text, _level in claims_of(mechanism)}:
        raise SummaryError("That finding is not in the article.")
    try:
        with transaction.atomic():
            evidence = ThreadEvidence.objects.create(
                thread=thread, mechanism=mechanism, claim_id=claim_id, added_by=user
            )
    except IntegrityError:
        raise SummaryError("That evidence is already shown here.") from None
    log(
        instance=thread,
        action="community.evidence",
        user=user,
        data={"mechanism": mechanism.pk, "claim": claim_id},
    )
    logger.info("Member %s attached evidence to thread %s", user.pk, thread.pk)
    return evidence


@transaction.atomic
def detach_evidence(user, evidence):
    """Take an article or finding off a discussion's evidence."""
    _check(user)
    thread = evidence.thread
    data = {"mechanism": evidence.mechanism_id, "claim": evidence.claim_id, "removed": True}
    evidence.delete()
    log(instance=thread, action="community.evidence", user=user, data=data)
    logger.info("Member %s took evidence off thread %s", user.pk, thread.pk)
