"""Moderators' private notes on a member: written by a moderator, read by moderators only.

A note changes no page anyone else sees (moderators' pages are made afresh for them), so it
is written with bulk_create, which sends no model signal and leaves every shared page in
place. Each note is recorded once in the audit log, naming the member and its author but
not copying its words.
"""

import logging

from django.db import transaction
from wagtail.log_actions import log

from community.models import NOTE_MAX_LENGTH, MemberNote
from community.permissions import is_moderator

logger = logging.getLogger(__name__)


class MemberNoteError(Exception):
    """The note was refused; the message says why, for the moderator."""


@transaction.atomic
def write_member_note(moderator, member, text):
    """Add a dated note about `member`, with `moderator` as its author."""
    if not is_moderator(moderator):
        raise MemberNoteError("Only moderators can write notes on a member.")
    if moderator.pk == member.pk:
        raise MemberNoteError("Notes are about other members. Ask another moderator to write one.")
    text = (text or "").strip()
    if not text:
        raise MemberNoteError("Write the note first.")
    if len(text) > NOTE_MAX_LENGTH:
        raise MemberNoteError(f"Keep the note under {NOTE_MAX_LENGTH} characters.")
    MemberNote.objects.bulk_create([MemberNote(member=member, author=moderator, text=text)])
    note = MemberNote.objects.filter(member=member, author=moderator).order_by("-pk").first()
    log(instance=note, action="community.note", user=moderator, data={"member": member.pk})
    logger.info("Moderator %s wrote a note on member %s", moderator.pk, member.pk)
    return note


def notes_on(member_ids, per_member=5):
    """{member id: their latest notes, newest first}, in one query whatever their number."""
    found = {pk: [] for pk in member_ids}
    if not found:
        return found
    notes = MemberNote.objects.filter(member_id__in=list(found)).select_related("author")
    for note in notes.order_by("-created_at", "-pk"):
        if len(found[note.member_id]) < per_member:
            found[note.member_id].append(note)
    return found
