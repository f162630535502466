"""Moderator actions on the site, and who may open each community view."""

import json

import pytest

from accounts.services import delete_account
from community.models import Thread
from community.services import moderation
from tests.conftest import ROLES
from tests.factories import ReplyFactory, ThreadFactory, UserFactory
from tests.helpers import log_entries, soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("lock", "is_locked", True), ("pin", "is_pinned", True)],
)
def test_moderator_locks_and_pins_from_the_site_with_an_audit_entry(
    client, moderator, action, field, value
):
    thread = ThreadFactory()
    client.force_login(moderator)

    response = client.post(
        f"/community/t/{thread.pk}/moderate/", {"action": action, "reason": "Off topic"}
    )

    assert response["Location"] == thread.get_absolute_url()
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    (entry,) = log_entries(thread, f"community.{action}")
    assert entry.user == moderator and entry.data["reason"] == "Off topic"


def test_a_second_identical_action_is_reported_and_not_applied_twice(client, moderator):
    thread = ThreadFactory()
    client.force_login(moderator)

    client.post(f"/community/t/{thread.pk}/moderate/", {"action": "lock"})
    response = client.post(f"/community/t/{thread.pk}/moderate/", {"action": "lock"}, follow=True)

    assert "Already locked." in response.content.decode()
    assert log_entries(thread, "community.lock").count() == 1


def test_moderator_moves_tags_and_the_log_keeps_before_and_after(client, moderator):
    thread = ThreadFactory(tags=["sleep"])
    client.force_login(moderator)

    client.post(
        f"/community/t/{thread.pk}/moderate/",
        {"action": "retag", "tags": "Fatigue, pain", "reason": "Better fit"},
    )

    assert sorted(thread.tags.names()) == ["fatigue", "pain"]
    entry = log_entries(thread, "community.retag").get()
    assert entry.data["before"] == ["sleep"] and entry.data["after"] == ["fatigue", "pain"]


def test_hidden_thread_is_gone_for_members_kept_for_moderators_and_restorable(
    client, moderator, patient
):
    thread = ThreadFactory(title="Buy my miracle cure")
    client.force_login(moderator)
    client.post(f"/community/t/{thread.pk}/moderate/", {"action": "hide", "reason": "Spam"})

    moderator_view = soup(client.get(thread.get_absolute_url()))
    assert "A moderator hid this discussion: Spam" in moderator_view.get_text()
    client.force_login(patient)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "Buy my miracle cure" not in client.get("/community/").content.decode()

    client.force_login(moderator)
    client.post(f"/community/t/{thread.pk}/moderate/", {"action": "restore"})
    client.force_login(patient)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert log_entries(thread, "community.hide").count() == 1
    assert log_entries(thread, "community.restore").count() == 1


def test_hiding_needs_a_reason(moderator):
    thread = ThreadFactory()

    with pytest.raises(moderation.ModerationError, match="Give a reason"):
        moderation.hide_post(moderator, thread, "  ")
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_moderator_hides_a_reply_and_the_count_follows(client, moderator):
    reply = ReplyFactory(body="Rude words")
    Thread.objects.filter(pk=reply.thread_id).update(reply_count=1)
    client.force_login(moderator)

    client.post(f"/community/r/{reply.pk}/moderate/", {"action": "hide", "reason": "Unkind"})

    assert Thread.objects.get(pk=reply.thread_id).reply_count == 0
    client.force_login(UserFactory(username="reader"))
    assert "Rude words" not in client.get(reply.thread.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["patient", "editor"])
def test_non_moderators_cannot_moderate(client_as, role):
    thread = ThreadFactory()

    response = client_as(role).post(f"/community/t/{thread.pk}/moderate/", {"action": "lock"})

    assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.is_locked


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_community_is_open_to_every_role(client_as, role):
    thread = ThreadFactory(tags=["sleep"])
    client = client_as(role)

    for url in ("/community/", "/community/tags/sleep/", thread.get_absolute_url()):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_starting_a_thread_needs_a_signed_in_member(client_as, role):
    response = client_as(role).get("/community/new/")

    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_the_author_may_edit_or_delete(client_as, role):
    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread)
    client = client_as(role)

    for url in (
        f"/community/t/{thread.pk}/edit/",
        f"/community/t/{thread.pk}/delete/",
        f"/community/r/{reply.pk}/edit/",
        f"/community/r/{reply.pk}/delete/",
    ):
        response = client.get(url)
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), url
        else:
            assert response.status_code == 403, url
    client.force_login(thread.author)
    assert client.get(f"/community/t/{thread.pk}/edit/").status_code == 200


def test_wrong_slug_redirects_to_the_canonical_thread_address(client):
    thread = ThreadFactory(title="Sleep questions")

    response = client.get(f"/community/t/{thread.pk}-old-title/")

    assert response.status_code == 301
    assert response["Location"] == f"/community/t/{thread.pk}-sleep-questions/"


def test_deleted_member_posts_stay_in_their_threads(client):
    member = UserFactory(username="leaving")
    thread = ThreadFactory(author=member, body="My story")
    ReplyFactory(thread=thread, body="Thanks for sharing")

    delete_account(member)

    page = soup(client.get(thread.get_absolute_url()))
    assert "Started by Deleted member" in page.find(class_="post-meta").get_text()
    assert "My story" in page.get_text() and "Thanks for sharing" in page.get_text()


def test_deleting_an_account_can_erase_the_text_and_its_history(client):
    member = UserFactory(username="leaving")
    thread = ThreadFactory(author=member, body="First version")
    client.force_login(member)
    client.post(
        f"/community/t/{thread.pk}/edit/", {"title": thread.title, "body": "Second version"}
    )

    delete_account(member, erase_posts=True)

    thread.refresh_from_db()
    assert thread.body == "[removed at the author's request]"
    assert not thread.edits.exists()


def test_download_my_data_includes_threads_and_replies(client, patient):
    ThreadFactory(author=patient, title="My question", tags=["sleep"])
    ReplyFactory(author=patient, body="My answer")
    client.force_login(patient)

    data = json.loads(client.post("/accounts/export/").content)

    assert [thread["title"] for thread in data["threads"]] == ["My question"]
    assert data["threads"][0]["tags"] == ["sleep"]
    assert [reply["body"] for reply in data["replies"]] == ["My answer"]
