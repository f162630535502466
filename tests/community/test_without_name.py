"""Posting without your name: shown as "A member", always held for a moderator first, still
the author's own (to see, change and delete), never on their public page; moderators can see
who wrote it, and every look is recorded in the audit log."""

import pytest
from wagtail.models import ModelLogEntry

from community.models import HoldReason, Notification, Question, Thread
from community.services import moderation, posting
from tests.community.shared_pages import page, signed_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


@pytest.fixture
def secret(patient):
    """A discussion `patient` (a trusted member) started without their name."""
    return posting.start_thread(
        patient, title="Hard to say out loud", body="I cry most days.", without_name=True
    )


def approved(moderator, thread):
    moderation.approve_post(moderator, thread)
    thread.refresh_from_db()
    return thread


def test_without_name_is_held_first_and_then_shown_as_a_member(client, patient, moderator):
    response = signed_in(patient).post(
        "/community/new/",
        {"title": "Hard to say out loud", "body": "I cry most days.", "without_name": "on"},
    )
    thread = Thread.objects.get()
    assert thread.without_name and thread.hold_reason == HoldReason.WITHOUT_NAME
    assert response.status_code == 302
    assert client.get(thread.get_absolute_url()).status_code == 404  # waits for a moderator

    approved(moderator, thread)

    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Started by A member" in html and "patient" not in html
    assert "Started by A member" in client.get("/community/").content.decode()


def test_without_name_author_still_sees_it_as_theirs_and_can_change_it(patient, moderator, secret):
    approved(moderator, secret)
    client = signed_in(patient)

    html = page(client, secret.get_absolute_url()).content.decode()

    assert "You, without your name" in html
    assert f'href="/community/t/{secret.pk}/edit/"' in html
    assert f'href="/community/t/{secret.pk}/delete/"' in html
    assert (
        "You, without your name"
        not in page(signed_in(UserFactory()), secret.get_absolute_url()).content.decode()
    )


def test_without_name_never_shows_on_the_authors_public_page(client, patient, moderator, secret):
    approved(moderator, secret)

    assert "Hard to say out loud" not in client.get("/members/patient/").content.decode()
    assert (
        "Hard to say out loud" not in page(signed_in(patient), "/members/patient/").content.decode()
    )


def test_without_name_moderators_see_who_wrote_it_and_each_look_is_recorded(moderator, secret):
    client = signed_in(moderator)
    assert "See who wrote this" in page(client, secret.get_absolute_url()).content.decode()

    response = client.post(f"/community/t/{secret.pk}/author/")

    assert response.status_code == 200 and ">patient</a>" in response.content.decode()
    entry = ModelLogEntry.objects.get(action="community.reveal_author")
    assert entry.user_id == moderator.pk and entry.object_id == str(secret.pk)


def test_without_name_members_cannot_see_who_wrote_it(moderator, secret):
    approved(moderator, secret)

    response = signed_in(UserFactory()).post(f"/community/t/{secret.pk}/author/")

    assert response.status_code == 403
    assert not ModelLogEntry.objects.filter(action="community.reveal_author").exists()


def test_without_name_queue_does_not_name_the_author(client, moderator, secret):
    client.force_login(moderator)

    html = client.get("/admin/moderation/").content.decode()

    assert "A member (posted without their name)" in html
    assert "/members/patient/" not in html


def test_without_name_question_is_asked_as_a_member(client, patient, moderator):
    signed_in(patient).post(
        "/questions/ask/", {"title": "Is it normal to feel ashamed?", "without_name": "on"}
    )
    question = Question.objects.get()
    assert question.without_name and question.hold_reason == HoldReason.WITHOUT_NAME
    moderation.approve_question(moderator, question)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "Asked by A member" in html and "patient" not in html
    assert "Asked by A member" in client.get("/questions/").content.decode()


def test_without_name_mentions_send_no_notice_that_would_name_the_author(
    patient, moderator, django_capture_on_commit_callbacks
):
    UserFactory(username="friend")
    thread = posting.start_thread(patient, title="Quietly asking", body="@friend, did this help?",
                                  without_name=True)  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_post(moderator, thread)

    assert not Notification.objects.filter(user__username="friend").exists()
    assert Thread.objects.get().held_at is None
