"""Content notes: a discussion or reply folded behind its note for everyone, a member's
standing choices to always open or always hide a note (on the shared pages too), moderators'
list of notes, and crisis words still holding a post."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import export_member_data
from caching import generation
from community.models import ContentNote, ContentNoteChoice, HoldReason, Reply, Thread
from community.services import content_notes, posting
from tests.community.shared_pages import HEADER, page, signed_in
from tests.factories import ThreadFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

FOLDED = '<details class="content-note">'
OPEN = '<details class="content-note" open>'


@pytest.fixture
def doses():
    return ContentNote.objects.get(label="Medication doses")


def test_content_note_folds_a_new_discussion_for_everyone(client, patient, doses):
    signed_in(patient).post(
        "/community/new/",
        {"title": "What dose helped you?", "body": "I take 10 mg at night.",
         "content_note": str(doses.pk)},
    )  # fmt: skip
    thread = Thread.objects.get()

    html = client.get(thread.get_absolute_url()).content.decode()

    assert thread.content_note == "Medication doses" and thread.content_note_kind == doses
    assert FOLDED in html and "Content note:</span> Medication doses" in html
    assert "Medication doses" in client.get("/community/").content.decode()


def test_content_note_other_needs_a_few_words_of_the_members_own(patient):
    thread = ThreadFactory()
    client = signed_in(patient)

    refused = client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "Hard day.", "content_note": "other"}
    )
    client.post(
        f"/community/t/{thread.pk}/reply/",
        {"body": "Hard day.", "content_note": "other", "content_note_other": "Hospital stay"},
    )

    assert refused.status_code == 400 and "Say in a few words" in refused.content.decode()
    reply = Reply.objects.get()
    assert (reply.content_note, reply.content_note_kind) == ("Hospital stay", None)


def test_content_note_standing_choices_open_or_hide_posts_for_that_member_only(patient, doses):
    thread = ThreadFactory(
        body="Take 20 mg", content_note="Medication doses", content_note_kind=doses
    )
    reader = UserFactory(username="reader")
    page(signed_in(reader), thread.get_absolute_url())  # the shared page is built
    before = generation.read()

    signed_in(patient).post("/community/content-notes/", {f"note-{doses.pk}": "open"})

    assert generation.read() == before
    mine = page(signed_in(patient), thread.get_absolute_url())
    assert mine[HEADER] == "hit" and OPEN in mine.content.decode()
    assert FOLDED in page(signed_in(reader), thread.get_absolute_url()).content.decode()

    content_notes.choose_content_notes(patient, {doses.pk: "hide"})
    hidden = page(signed_in(patient), thread.get_absolute_url()).content.decode()
    assert "is hidden, as you chose" in hidden and "<div hidden>" in hidden


def test_content_note_choices_page_shows_and_keeps_choices(patient, doses):
    client = signed_in(patient)

    client.post("/community/content-notes/", {f"note-{doses.pk}": "hide"})

    html = page(client, "/community/content-notes/").content.decode()
    assert f'name="note-{doses.pk}" value="hide" checked' in html
    assert ContentNoteChoice.objects.get().choice == "hide"
    assert export_member_data(patient)["content_note_choices"][0]["note"] == "Medication doses"


def test_content_note_does_not_stop_crisis_words_holding_a_post(patient, doses):
    thread = posting.start_thread(
        patient,
        title="A very bad night",
        body="I want to end my life",
        note=content_notes.note_for(str(doses.pk)),
    )

    assert thread.held_at is not None and thread.hold_reason == HoldReason.CRISIS
    assert thread.content_note == "Medication doses"


def test_content_notes_are_a_snippet_moderators_keep(client, moderator):
    client.force_login(moderator)

    response = client.get("/admin/snippets/community/contentnote/")

    assert response.status_code == 200 and "Self-harm" in response.content.decode()


def test_content_note_choices_page_queries_do_not_grow_with_notes(patient):
    client = signed_in(patient)

    def count():
        with CaptureQueriesContext(connection) as captured:
            page(client, "/community/content-notes/")
        return len(captured)

    count()
    one = count()
    for number in range(10):
        ContentNote.objects.create(label=f"Note {number}")
    count()

    assert count() == one <= 6
