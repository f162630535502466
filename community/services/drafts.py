"""Drafts: save what a member is writing, give it back, and let it go once posted or old.

A draft is saved every few seconds while the member types, so saving must cost nothing
anywhere else: drafts are written with `.update()` and `bulk_create()` and removed with one
DELETE, which send no model signals, so the page generation (caching.pagecache.bump) does
not move. No shared page shows a draft; the reply box on a discussion page is a personal
hole (community.shells, "draft"), filled from the database for a member whose cached
answers say they have a reply draft ("drafting", community.member_facts), which is forgotten
here when a draft is made or removed.

Drafts are not in the audit log: they are the member's own unfinished words, seen by no one
else, and an entry every few seconds would bury the moderators' record.
"""

import datetime
import logging

from django.db import connections, router, transaction
from django.utils import timezone

from accounts import members
from community.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Draft, Question, Thread

logger = logging.getLogger(__name__)

KEEP_DAYS = 90
TARGETS = {Draft.Kind.REPLY: Thread, Draft.Kind.ANSWER: Question}


class DraftError(Exception):
    """A draft could not be saved; the message says why, for the member."""


def _check(author, kind, target):
    if not author.is_authenticated:
        raise DraftError("Please sign in to keep a draft.")
    if kind not in Draft.Kind.values:
        raise DraftError("That kind of draft is not known.")
    model = TARGETS.get(kind)
    if (model is None) != (target is None) or (model and not isinstance(target, model)):
        raise DraftError("That draft does not belong to a form we know.")


def save_draft(author, *, kind, target=None, title="", body="", extra=None):
    """Keep what `author` has typed in the form for `kind` (and its discussion or question),
    replacing the draft kept before. An empty form removes the draft. Returns when it was
    saved, or None when there was nothing to keep."""
    _check(author, kind, target)
    key = Draft.key_for(kind, target)
    if not (title or "").strip() and not (body or "").strip():
        discard_draft(author, key)
        return None
    now = timezone.now()
    fields = {
        "title": (title or "")[:TITLE_MAX_LENGTH],
        "body": (body or "")[:BODY_MAX_LENGTH],
        "extra": extra or {},
        "updated_at": now,
    }
    with transaction.atomic():
        if not Draft.objects.filter(author=author, form_key=key).update(**fields):
            link = {"thread": target} if kind == Draft.Kind.REPLY else {"question": target}
            Draft.objects.bulk_create(
                [
                    Draft(
                        author=author, kind=kind, form_key=key, **(link if target else {}), **fields
                    )
                ],
                ignore_conflicts=True,  # saved a moment ago by another tab: ours is newer
            )
            Draft.objects.filter(author=author, form_key=key).update(**fields)
            members.forget(author)  # "drafting" may have changed
    logger.info("Draft %s saved by member %s", key, author.pk)
    return now


def _delete(where, params):
    """Remove drafts with one DELETE, which sends no signals (see the module docstring)."""
    connection = connections[router.db_for_write(Draft)]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Draft._meta.db_table} WHERE {where}", params)  # noqa: S608
        return cursor.rowcount


def discard_draft(author, key):
    """Let go of the member's draft for one form (they posted it, or chose to start again).
    Returns how many were removed (0 or 1)."""
    if not author.is_authenticated:
        return 0
    removed = _delete("author_id = %s AND form_key = %s", [author.pk, key])
    if removed:
        members.forget(author)
        logger.info("Draft %s discarded by member %s", key, author.pk)
    return removed


def remove_old_drafts(days=KEEP_DAYS):
    """Remove every draft left untouched for more than `days` days; returns how many. Whose
    they were is not needed: a member's "drafting" answer is only a hint (community.shells
    finds no draft and fills nothing) and is read afresh within MEMBER_FACTS_SECONDS."""
    before = timezone.now() - datetime.timedelta(days=days)
    connection = connections[router.db_for_write(Draft)]
    removed = _delete("updated_at < %s", [connection.ops.adapt_datetimefield_value(before)])
    logger.info("Removed %s draft(s) older than %s days", removed, days)
    return removed


def draft_for(author, kind, target=None):
    """The member's draft for this form, or None."""
    if not author.is_authenticated:
        return None
    return Draft.objects.filter(author=author, form_key=Draft.key_for(kind, target)).first()
