"""Content notes: which note a post is folded behind, and each member's standing choices.

A member's choices (always open, always hidden) change only how their own pages are filled
(community.gentle_parts), never a shared page: they are written with bulk_create and
removed with one DELETE, which send no model signals, and the member's cached answers
("noting", community.member_facts) are forgotten. The list of notes is a snippet that
moderators edit; saving it moves the page generation like any snippet.
"""

import logging

from django.db import connections, router, transaction

from accounts import members
from caching import fragments
from community.models import CONTENT_NOTE_MAX_LENGTH, ContentNote, ContentNoteChoice

logger = logging.getLogger(__name__)

OTHER = "other"


def offered_notes():
    """(pk, label) of the notes members choose from, shared by every form (a fragment)."""
    return fragments.cached(
        "content-notes",
        lambda: list(ContentNote.objects.filter(is_active=True).values_list("pk", "label")),
    )


def note_for(choice, words=""):
    """{"content_note", "content_note_kind"} for a post from a form's choice: nothing, a
    listed note's number, or "other" with a few words of the member's own."""
    if not choice:
        return {"content_note": "", "content_note_kind": None}
    if choice == OTHER:
        words = " ".join((words or "").split())[:CONTENT_NOTE_MAX_LENGTH]
        return {"content_note": words, "content_note_kind": None}
    note = ContentNote.objects.filter(pk=int(choice)).first() if str(choice).isdigit() else None
    if note is None:
        return {"content_note": "", "content_note_kind": None}
    return {"content_note": note.label, "content_note_kind": note}


def standing_choices(user):
    """{note pk: "open" or "hide"} of the member's standing choices (no query without any)."""
    if not user.is_authenticated or not members.facts(user).get("noting"):
        return {}
    return dict(ContentNoteChoice.objects.filter(user=user).values_list("note_id", "choice"))


@transaction.atomic
def choose_content_notes(user, choices):
    """Keep the member's standing choices: {note pk: "open", "hide" or "" (folded, as for
    everyone)}. Notes not named keep their choice."""
    known = set(ContentNote.objects.values_list("pk", flat=True))
    choices = {pk: choice for pk, choice in choices.items() if pk in known}
    connection = connections[router.db_for_write(ContentNoteChoice)]
    if choices:
        placeholders = ", ".join(["%s"] * len(choices))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {ContentNoteChoice._meta.db_table} "  # noqa: S608
                f"WHERE user_id = %s AND note_id IN ({placeholders})",
                [user.pk, *choices],
            )
    ContentNoteChoice.objects.bulk_create(
        [
            ContentNoteChoice(user=user, note_id=pk, choice=choice)
            for pk, choice in choices.items()
            if choice in ContentNoteChoice.Choice.values
        ]
    )
    members.forget(user)
    logger.info("Member %s chose how content notes show", user.pk)
