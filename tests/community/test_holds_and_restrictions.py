"""Automatic holds (word lists, crisis words, personal details, new members), pre-moderation,
suspensions and bans: what members and moderators see, and what the audit log records."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from community.models import Notification, Reply, Restriction, Thread, WordList
from tests.conftest import ROLES
from tests.factories import ReplyFactory, ThreadFactory, UserFactory
from tests.helpers import log_entries, soup

pytestmark = pytest.mark.django_db


def start(client, member, title="Does pacing help with flares?", body="I try to pace.", **extra):
    client.force_login(member)
    return client.post("/community/new/", {"title": title, "body": body, "tags": "pacing", **extra})


def queue_rows(client, moderator, **filters):
    client.force_login(moderator)
    page = soup(client.get("/admin/moderation/", filters))
    return [row.get_text(" ", strip=True) for row in page.select("tbody tr")]


def test_spam_words_hold_a_reply_until_a_moderator_approves_it(
    client, patient, moderator, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(title="Sleep and pain")
    follower = UserFactory(username="follower")
    client.force_login(follower)
    client.post(f"/community/follow/thread/{thread.pk}/")
    client.force_login(patient)

    response = client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "Use my DISCOUNT CODE for magnesium"}
    )

    reply = Reply.objects.get(thread=thread)
    assert reply.held_at and reply.hold_reason == "word_list"
    assert reply.hold_detail == "Spam: “DISCOUNT CODE”"
    own_view = client.get(response["Location"]).content.decode()
    assert "Use my DISCOUNT CODE" in own_view and "Awaiting review" in own_view
    client.force_login(follower)
    assert "DISCOUNT CODE" not in client.get(thread.get_absolute_url()).content.decode()
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert not Notification.objects.filter(user=follower).exists()
    assert any("Matched the word list" in row for row in queue_rows(client, moderator))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/community/r/{reply.pk}/moderate/", {"action": "approve"})

    client.force_login(follower)
    assert "Use my DISCOUNT CODE" in client.get(thread.get_absolute_url()).content.decode()
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert Notification.objects.filter(user=follower, reply=reply, kind="reply").exists()
    assert log_entries(reply, "community.approve").get().user == moderator
    told = Notification.objects.get(user=patient, kind="decision")
    assert told.message.startswith("Your post is published")


def test_crisis_words_hold_the_post_show_help_at_once_and_go_first_in_the_queue(
    client, patient, moderator
):
    waiting = UserFactory(username="waiting", trusted_at=None)
    old = ThreadFactory(author=waiting, title="An older held post")
    Thread.objects.filter(pk=old.pk).update(
        held_at=timezone.now() - datetime.timedelta(days=2),
        hold_reason="new_member",
        created_at=timezone.now() - datetime.timedelta(days=2),
    )

    response = start(client, patient, title="Tonight", body="Some days I want to die.")

    thread = Thread.objects.get(title="Tonight")
    assert thread.hold_reason == "crisis"
    assert response["Location"].startswith("/community/support/?next=")
    support = client.get(response["Location"]).content.decode()
    assert "Samaritans" in support and "116 123" in support
    assert f'href="{thread.get_absolute_url()}"' in support
    rows = queue_rows(client, moderator)
    assert "CRISIS" in rows[0] and "Tonight" in rows[0]
    assert "An older held post" in rows[1]


def test_the_support_page_only_links_back_within_the_site(client):
    page = client.get("/community/support/?next=https://evil.example/").content.decode()

    assert "evil.example" not in page
    assert "Back to the community" in page


@pytest.mark.parametrize(
    ("body", "held"),
    [
        ("Call me on 07700 900123 any time", True),
        ("My number is +44 (0)20 7946 0958", True),
        ("Write to me at sam.jones@example.com please", True),
        ("The study is PMID 31234567, well worth a read", False),
        ("See doi 10.1097/j.pain.0000000000001234 for details", False),
        ("Between 2019 and 2021 my pain doubled", False),
        ("Thanks @sam for the tip", False),
    ],
)
def test_phone_numbers_and_email_addresses_are_held_as_personal_details(
    client, patient, body, held
):
    thread = ThreadFactory()
    client.force_login(patient)

    client.post(f"/community/t/{thread.pk}/reply/", {"body": body})

    reply = Reply.objects.get(thread=thread)
    assert (reply.hold_reason == "personal_details") is held
    assert (reply.held_at is not None) is held


def test_a_new_members_first_posts_wait_until_enough_are_approved(
    client, new_member, moderator, settings
):
    settings.COMMUNITY_TRUST_THRESHOLD = 2
    thread = ThreadFactory()
    client.force_login(new_member)

    first = client.post(f"/community/t/{thread.pk}/reply/", {"body": "First"}, follow=True)
    assert "first posts are checked by a moderator" in first.content.decode()
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Second"})
    held = list(Reply.objects.filter(author=new_member).order_by("pk"))
    assert [r.hold_reason for r in held] == ["new_member", "new_member"]

    client.force_login(moderator)
    for reply in held:
        client.post(f"/community/r/{reply.pk}/moderate/", {"action": "approve"})
    new_member.refresh_from_db()
    assert new_member.trusted_at is not None

    client.force_login(new_member)
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Third"})
    assert Reply.objects.get(body="Third").held_at is None


def test_a_rejected_held_post_stays_hidden_with_its_reason_and_can_be_restored(
    client, new_member, moderator
):
    start(client, new_member, title="My first question here")
    thread = Thread.objects.get()
    client.force_login(moderator)

    client.post(
        f"/community/t/{thread.pk}/moderate/",
        {"action": "reject", "reason": "Please ask this in Questions instead"},
    )

    thread.refresh_from_db()
    assert thread.hidden_at and thread.held_at is None
    assert log_entries(thread, "community.reject").get().data["reason"].startswith("Please")
    assert "Please ask this in Questions instead" in mail.outbox[-1].body
    client.force_login(new_member)
    notices = client.get("/community/notifications/").content.decode()
    assert "Your post was not published" in notices
    assert "Please ask this in Questions instead" in notices

    client.force_login(moderator)
    client.post(f"/community/t/{thread.pk}/moderate/", {"action": "restore"})
    thread.refresh_from_db()
    assert thread.is_visible
    assert log_entries(thread, "community.restore").count() == 1


def test_two_moderators_approving_the_same_held_post_apply_it_once(client, new_member, moderator):
    second = UserFactory(username="second-moderator", groups=["Moderators"])
    thread = ThreadFactory()
    client.force_login(new_member)
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Hello all"})
    reply = Reply.objects.get()
    client.force_login(moderator)
    client.post(f"/community/r/{reply.pk}/moderate/", {"action": "approve"})
    client.force_login(second)

    response = client.post(f"/community/r/{reply.pk}/moderate/", {"action": "approve"}, follow=True)

    assert "Another moderator has already dealt with this" in response.content.decode()
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert log_entries(reply, "community.approve").count() == 1


def test_a_pre_moderated_thread_holds_members_replies_but_not_moderators(
    client, patient, moderator
):
    thread = ThreadFactory()
    client.force_login(moderator)
    client.post(
        f"/community/t/{thread.pk}/moderate/",
        {"action": "premoderate", "reason": "Tempers are running high"},
    )
    thread.refresh_from_db()
    assert thread.is_premoderated
    assert log_entries(thread, "community.premoderate").get().data["reason"] == (
        "Tempers are running high"
    )
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Please be kind, everyone."})

    client.force_login(patient)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "New replies here are checked by a moderator" in page
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "I still disagree."})

    assert Reply.objects.get(author=moderator).held_at is None
    assert Reply.objects.get(author=patient).hold_reason == "premoderated"


def test_word_lists_are_edited_by_moderators_and_apply_to_the_next_post(client, patient, moderator):
    thread = ThreadFactory()
    client.force_login(patient)
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Try the snake oil"})
    assert Reply.objects.get().held_at is None

    client.force_login(moderator)
    word_list = WordList.objects.get(kind="misinformation")
    response = client.post(
        f"/admin/snippets/community/wordlist/edit/{word_list.pk}/",
        {
            "name": word_list.name,
            "kind": "misinformation",
            "words": word_list.words + "\nsnake oil",
            "is_active": "on",
        },
    )
    assert response.status_code == 302

    client.force_login(patient)
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Really, try the Snake Oil."})
    assert Reply.objects.get(body__startswith="Really").hold_detail == (
        "Misinformation claims: “Snake Oil”"
    )


def test_editing_a_post_to_add_personal_details_holds_it_again(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Happy to chat"})
    reply = Reply.objects.get()

    client.post(f"/community/r/{reply.pk}/edit/", {"body": "Happy to chat: jo@example.net"})

    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.hold_reason == "personal_details"
    assert thread.reply_count == 0


def test_a_suspended_member_sees_the_reason_and_cannot_post_until_it_ends(
    client, patient, moderator
):
    client.force_login(moderator)
    response = client.post(
        f"/community/members/{patient.username}/restrict/",
        {"kind": "suspend", "days": "7", "reason": "Repeated unkind replies"},
        follow=True,
    )
    assert "The member has been told" in response.content.decode()
    restriction = Restriction.objects.get(member=patient)
    assert log_entries(restriction, "community.restrict").get().user == moderator
    assert "Repeated unkind replies" in mail.outbox[-1].body

    thread = ThreadFactory()
    client.force_login(patient)
    refused = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Hello"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "A moderator has suspended you from posting until" in text
    assert "Repeated unkind replies" in text
    assert not Reply.objects.exists()
    profile = client.get(f"/members/{patient.username}/").content.decode()
    assert "Repeated unkind replies" in profile

    # Once it has ended, posting works again.
    Restriction.objects.filter(pk=restriction.pk).update(
        ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Hello again"})
    assert Reply.objects.filter(author=patient).count() == 1


def test_a_ban_stops_posting_until_a_moderator_lifts_it(client, patient, moderator):
    client.force_login(moderator)
    client.post(
        f"/community/members/{patient.username}/restrict/",
        {"kind": "ban", "reason": "Selling supplements"},
    )
    restriction = Restriction.objects.get(member=patient, kind="ban")
    client.force_login(patient)
    refused = start(client, patient)
    assert "A moderator has banned you from posting. The reason given: Selling supplements" in (
        refused.content.decode()
    )

    client.force_login(moderator)
    client.post(f"/community/restrictions/{restriction.pk}/lift/")
    restriction.refresh_from_db()
    assert restriction.lifted_by == moderator
    assert log_entries(restriction, "community.lift").count() == 1
    start(client, patient)
    assert Thread.objects.filter(author=patient).exists()


def test_a_member_under_pre_moderation_has_every_post_held(client, patient, moderator):
    client.force_login(moderator)
    client.post(
        f"/community/members/{patient.username}/restrict/",
        {"kind": "premoderate", "reason": "Recent posts broke the guidelines"},
    )

    start(client, patient)

    assert Thread.objects.get(author=patient).hold_reason == "premoderated"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "suspend", "reason": "Unkind"}, "Say for how many days"),
        ({"kind": "ban", "reason": ""}, "This field is required"),
        ({"kind": "exile", "reason": "Unkind"}, "Select a valid choice"),
    ],
)
def test_a_restriction_with_bad_input_changes_nothing(client, patient, moderator, data, message):
    client.force_login(moderator)

    response = client.post(f"/community/members/{patient.username}/restrict/", data, follow=True)

    assert message in response.content.decode()
    assert "Nothing was changed" in response.content.decode()
    assert not Restriction.objects.exists()


def test_moderators_cannot_restrict_each_other(client, moderator):
    other = UserFactory(username="other-moderator", groups=["Moderators"])
    client.force_login(moderator)

    response = client.post(
        f"/community/members/{other.username}/restrict/",
        {"kind": "ban", "reason": "Disagreement"},
        follow=True,
    )

    assert "Moderators cannot be restricted here" in response.content.decode()
    assert not Restriction.objects.exists()


def test_the_queue_shows_an_authors_restrictions_and_filters_held_posts(
    client, new_member, moderator
):
    start(client, new_member, title="Held because I am new")
    ReplyFactory(body="Visible reply")
    Restriction.objects.create(
        member=new_member, kind="premoderate", reason="Watching", created_by=moderator
    )

    rows = queue_rows(client, moderator, type="held", reason="new_member")

    assert len(rows) == 1
    assert "Held because I am new" in rows[0] and "Pre-moderation" in rows[0]
    assert queue_rows(client, moderator, type="held", reason="crisis") == []


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("patient", 403), ("moderator", 302), ("editor", 403)],
)
def test_only_moderators_restrict_members(client_as, role, status):
    member = UserFactory(username="someone")
    client = client_as(role)

    response = client.post(
        f"/community/members/{member.username}/restrict/", {"kind": "ban", "reason": "Spam"}
    )

    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    assert Restriction.objects.filter(member=member).exists() is (role == "moderator")


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_lift_restrictions(client_as, role):
    member = UserFactory(username="someone")
    restriction = Restriction.objects.create(member=member, kind="ban", reason="Spam")
    client = client_as(role)

    response = client.post(f"/community/restrictions/{restriction.pk}/lift/")

    restriction.refresh_from_db()
    assert (restriction.lifted_at is not None) is (role == "moderator")
    expected = {"anonymous": 302, "patient": 403, "moderator": 302, "editor": 403}[role]
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_support_page_is_open_to_everyone(client_as, role):
    response = client_as(role).get("/community/support/")

    assert response.status_code == 200
    assert "Who you can talk to today" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_see_the_restriction_tools_on_a_profile(client_as, role):
    member = UserFactory(username="someone")
    Restriction.objects.create(member=member, kind="premoderate", reason="Watching")

    page = client_as(role).get(f"/members/{member.username}/").content.decode()

    assert ("Apply restriction" in page) is (role == "moderator")
    assert ("Watching" in page) is (role == "moderator")


@pytest.mark.parametrize("role", ROLES)
def test_held_threads_are_seen_only_by_their_author_and_moderators(client_as, role, new_member):
    thread = ThreadFactory(author=new_member)
    Thread.objects.filter(pk=thread.pk).update(held_at=timezone.now(), hold_reason="new_member")

    response = client_as(role).get(thread.get_absolute_url())

    assert response.status_code == (200 if role == "moderator" else 404)
    listing = client_as(role).get("/community/").content.decode()
    assert thread.title not in listing
