"""Moderators' private notes on a member: dated, with their author, seen by moderators on
the member's page and in the moderation queue, and never by the member, in their page or in
"Download my data"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from accounts.services import export_member_data
from caching import generation
from community.models import MemberNote
from community.services.member_notes import MemberNoteError, write_member_note
from tests.community.shared_pages import page, signed_in
from tests.factories import QuestionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

NOTE = "Spoke kindly by email about sharing doses. Understood."


def test_member_notes_are_written_by_moderators_and_shown_to_moderators_only(patient, moderator):
    before = generation.read()

    response = signed_in(moderator).post("/community/members/patient/notes/", {"text": NOTE})

    assert response.status_code == 302 and generation.read() == before
    for_moderators = page(signed_in(moderator), "/members/patient/").content.decode()
    assert NOTE in for_moderators and "moderator ·" in for_moderators
    assert NOTE not in page(signed_in(patient), "/members/patient/").content.decode()
    assert NOTE not in page(signed_in(UserFactory()), "/members/patient/").content.decode()


def test_member_notes_are_refused_to_members_who_are_not_moderators(patient):
    other = UserFactory(username="other")

    response = signed_in(patient).post("/community/members/other/notes/", {"text": "Rude"})

    assert response.status_code == 403 and not MemberNote.objects.exists()
    with pytest.raises(MemberNoteError):
        write_member_note(patient, other, "Rude")


def test_member_notes_need_words_and_are_audit_logged_without_them(patient, moderator):
    with pytest.raises(MemberNoteError):
        write_member_note(moderator, patient, "  ")

    write_member_note(moderator, patient, NOTE)

    entry = ModelLogEntry.objects.get(action="community.note")
    assert entry.user_id == moderator.pk and NOTE not in str(entry.data)


def test_member_notes_show_beside_the_members_history_in_the_queue(client, moderator):
    asker = UserFactory(username="asker")
    QuestionFactory(author=asker, status="pending", published_at=None)
    write_member_note(moderator, asker, NOTE)
    client.force_login(moderator)

    html = client.get("/admin/moderation/").content.decode()

    assert "Moderators&#x27; notes (1)" in html or "Moderators' notes (1)" in html
    assert NOTE in html


def test_member_notes_are_never_in_the_members_data_download(patient, moderator):
    write_member_note(moderator, patient, NOTE)

    assert NOTE not in str(export_member_data(patient))


def test_member_notes_on_a_profile_cost_the_same_however_many(patient, moderator):
    client = signed_in(moderator)

    def count():
        with CaptureQueriesContext(connection) as captured:
            page(client, "/members/patient/")
        return len(captured)

    write_member_note(moderator, patient, NOTE)
    count()
    one = count()
    for number in range(10):
        write_member_note(moderator, patient, f"Note {number}")

    assert count() == one
