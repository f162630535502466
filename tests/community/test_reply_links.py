"""A reply's address: every link to a reply opens the page of its discussion that holds it."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from community.models import Reply
from community.services import notifications, posting
from community.services.moderation import hide_post
from tests.factories import ReplyFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_per_page(settings):
    settings.COMMUNITY_REPLIES_PER_PAGE = 3


def replies(thread, count, **fields):
    return [ReplyFactory(thread=thread, body=f"Reply number {n}", **fields) for n in range(count)]


def opened(client, address):
    """The page a link leads to, following redirects, and the reply ids it shows."""
    response = client.get(address, follow=True)
    page = BeautifulSoup(response.content, "html.parser")
    shown = [int(item["id"].removeprefix("reply-")) for item in page.select("li.reply")]
    return response, page, shown


@pytest.mark.parametrize(
    ("role", "page"),
    [("anonymous", 2), ("patient", 2), ("moderator", 3), ("editor", 2)],
)
def test_reply_link_opens_the_page_holding_the_reply_for_each_reader(
    client_as, moderator, role, page
):
    thread = ThreadFactory()
    earlier = replies(thread, 6)
    hide_post(moderator, earlier[0], "Off topic")
    target = ReplyFactory(thread=thread, body="The one we link to")

    response, _, shown = opened(client_as(role), target.get_absolute_url())

    # Five replies come before it for readers; a moderator also sees the hidden one.
    assert response.redirect_chain[0][0].endswith(f"?page={page}#reply-{target.pk}")
    assert target.pk in shown


def test_reply_is_found_where_its_author_is_sent_when_another_lands_at_once(
    client, patient, monkeypatch
):
    """Another member's reply committed between this one and the count of pages added a page
    after it; the member used to be sent to that new page, which did not hold their reply."""
    thread = ThreadFactory()
    replies(thread, 2)
    other = UserFactory(username="other")
    post_reply = posting.post_reply

    def at_the_same_moment(*args, **kwargs):
        mine = post_reply(*args, **kwargs)
        post_reply(other, thread, body="Posted a moment later")
        return mine

    monkeypatch.setattr(posting, "post_reply", at_the_same_moment)
    client.force_login(patient)

    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Mine, third"})

    mine = Reply.objects.get(body="Mine, third")
    assert response["Location"] == f"{thread.get_absolute_url()}#reply-{mine.pk}"
    _, page, shown = opened(client, response["Location"])
    assert mine.pk in shown
    assert "Your post is published." in page.get_text()


def test_reply_held_for_review_sends_its_author_to_the_page_they_see_it_on(client, new_member):
    thread = ThreadFactory()
    replies(thread, 4)
    client.force_login(new_member)

    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "My first words"})

    held = Reply.objects.get(body="My first words")
    assert held.held_at is not None
    assert response["Location"].endswith(f"?page=2#reply-{held.pk}")
    _, page, shown = opened(client, response["Location"])
    assert held.pk in shown
    assert "checked by a moderator" in page.get_text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"deleted_at": timezone.now()}, "That reply was deleted by its author."),
        ({"hidden_at": timezone.now()}, "That reply was removed by a moderator."),
        ({"held_at": timezone.now()}, "That reply is waiting for a moderator."),
    ],
)
def test_reply_link_to_a_reply_no_longer_shown_opens_the_discussion_and_says_why(
    client, patient, change, message
):
    thread = ThreadFactory()
    gone = ReplyFactory(thread=thread, body="Not here any more")
    Reply.objects.filter(pk=gone.pk).update(**change)
    client.force_login(patient)

    response, page, shown = opened(client, gone.get_absolute_url())

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == thread.get_absolute_url()
    assert message in page.get_text()
    assert gone.pk not in shown
    assert "Not here any more" not in page.get_text()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("patient", 404), ("moderator", 302), ("editor", 404)],
)
def test_reply_link_in_a_removed_discussion_is_not_found_except_for_moderators(
    client_as, role, status
):
    thread = ThreadFactory(hidden_at=timezone.now())
    reply = ReplyFactory(thread=thread)

    response = client_as(role).get(reply.get_absolute_url())

    assert response.status_code == status


def test_reply_link_to_an_unknown_reply_is_not_found(client, db):
    assert client.get("/community/r/999999/").status_code == 404


def test_notification_for_a_reply_on_a_later_page_opens_that_page(
    client, patient, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(title="Sleep and pain")
    notifications.follow(patient, thread=thread)
    replies(thread, 6)
    with django_capture_on_commit_callbacks(execute=True):
        later = posting.post_reply(UserFactory(), thread, body="Magnesium did nothing for me")
    client.force_login(patient)

    listed = BeautifulSoup(client.get("/community/notifications/").content, "html.parser")
    link = listed.find("a", string="Sleep and pain")["href"]
    response, page, shown = opened(client, link)

    assert response.redirect_chain[0][0] == later.get_absolute_url()  # read, and on
    assert response.redirect_chain[1][0].endswith(f"?page=3#reply-{later.pk}")
    assert later.pk in shown and "Magnesium did nothing for me" in page.get_text()


def test_edit_reply_returns_to_the_page_holding_it(client, patient):
    thread = ThreadFactory()
    replies(thread, 4)
    mine = ReplyFactory(thread=thread, author=patient, body="First words")
    client.force_login(patient)

    form = BeautifulSoup(client.get(f"/community/r/{mine.pk}/edit/").content, "html.parser")
    response = client.post(f"/community/r/{mine.pk}/edit/", {"body": "Better words"})

    assert form.find("a", string="Cancel")["href"].endswith(f"?page=2#reply-{mine.pk}")
    assert response["Location"].endswith(f"?page=2#reply-{mine.pk}")
    _, page, shown = opened(client, response["Location"])
    assert mine.pk in shown and "Better words" in page.get_text()


def test_reacting_to_a_reply_returns_to_the_page_holding_it(client, patient):
    thread = ThreadFactory()
    target = replies(thread, 5)[-1]
    client.force_login(patient)

    response = client.post(f"/community/r/{target.pk}/react/", {"reaction": "helpful"})

    assert response["Location"].endswith(f"?page=2#reply-{target.pk}")
    _, _, shown = opened(client, response["Location"])
    assert target.pk in shown


def test_reply_link_reads_the_same_few_queries_however_long_the_discussion(
    client, patient, django_assert_max_num_queries
):
    short, long = ThreadFactory(), ThreadFactory()
    first = replies(short, 1)[-1]
    last = replies(long, 60)[-1]
    client.force_login(patient)
    client.get(first.get_absolute_url())  # the member's cached answers are read once

    for reply in (first, last):
        with django_assert_max_num_queries(6):
            assert client.get(reply.get_absolute_url()).status_code == 302


def test_moderator_hiding_a_reply_returns_to_the_page_holding_it(client, moderator):
    thread = ThreadFactory()
    target = replies(thread, 5)[-1]
    client.force_login(moderator)

    response = client.post(
        f"/community/r/{target.pk}/moderate/", {"action": "hide", "reason": "Unkind"}
    )

    assert response["Location"].endswith(f"?page=2#reply-{target.pk}")
    _, page, shown = opened(client, response["Location"])
    assert target.pk in shown  # moderators still see it, marked as hidden, to restore it
    assert page.find(id=f"reply-{target.pk}")["class"] == ["reply", "reply--hidden"]
