"""Follows and notifications, mentions, reactions, reports, search and structured data."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from community.models import Notification, Reaction, Report, Subscription, Thread
from community.services import notifications
from community.services.posting import post_reply, start_thread
from tests.conftest import ROLES
from tests.factories import ReplyFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def reply_as(user, thread, body, capture):
    with capture(execute=True):
        return post_reply(user, thread, body=body)


def test_authors_follow_their_threads(patient):
    thread = start_thread(patient, title="My first question", body="Hello")

    assert Subscription.objects.filter(user=patient, thread=thread).exists()


def test_a_reply_notifies_each_follower_once_by_site_and_email(
    patient, django_capture_on_commit_callbacks, articles
):
    thread = ThreadFactory(author=patient, tags=["sleep"], mechanisms=[articles["sleep"]])
    notifications.follow(patient, thread=thread)
    # One member follows the thread, its tag and its article: still one notification.
    keen = UserFactory(username="keen")
    notifications.follow(keen, thread=thread)
    notifications.follow(keen, tag=Tag.objects.get(name="sleep"))
    notifications.follow(keen, mechanism=articles["sleep"])
    daily = UserFactory(username="daily", email_notifications="daily")
    notifications.follow(daily, thread=thread)
    replier = UserFactory(username="replier")
    notifications.follow(replier, thread=thread)

    reply = reply_as(replier, thread, "Rest helps me", django_capture_on_commit_callbacks)

    recipients = sorted(Notification.objects.values_list("user__username", flat=True))
    assert recipients == ["daily", "keen", "patient"]  # never the author of the reply
    emailed = sorted(address for message in mail.outbox for address in message.to)
    assert emailed == ["keen@example.org", "patient@example.org"]  # "daily" waits
    message = mail.outbox[0]
    # The reply's lasting address, which opens whichever page of the discussion holds it.
    assert "replied in" in message.body
    assert f"http://testserver/community/r/{reply.pk}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/accounts/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_daily_digest_gathers_what_is_new_in_one_email(django_capture_on_commit_callbacks):
    daily = UserFactory(username="daily", email_notifications="daily")
    thread = ThreadFactory()
    notifications.follow(daily, thread=thread)
    for body in ("One", "Two"):  # each replier follows the discussion now, without email
        replier = UserFactory(email_notifications="none")
        reply_as(replier, thread, body, django_capture_on_commit_callbacks)
    assert mail.outbox == []

    call_command("send_digests")
    call_command("send_digests")  # nothing twice

    assert len(mail.outbox) == 1
    assert "2 new in discussions you follow" in mail.outbox[0].subject
    assert mail.outbox[0].body.count("replied in") == 2


def test_mentions_link_to_the_profile_and_notify_that_member(
    client, django_capture_on_commit_callbacks
):
    named = UserFactory(username="sam", email_notifications="none")
    thread = ThreadFactory()

    reply = reply_as(
        UserFactory(), thread, "Thanks @sam and @nobody-here.", django_capture_on_commit_callbacks
    )

    assert '<a href="/members/sam/" rel="nofollow ugc noopener">@sam</a>' in reply.body_html
    assert "@nobody-here" in reply.body_html and "/members/nobody-here/" not in reply.body_html
    notification = Notification.objects.get(user=named)
    assert notification.kind == "mention"
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]  # mentions on


def test_follow_and_unfollow_a_topic_from_the_site(client, patient):
    ThreadFactory(tags=["pain"])
    client.force_login(patient)
    assert soup(client.get("/community/tags/pain/")).find("button", string="Follow this topic")

    client.post("/community/follow/tag/pain/", {"next": "/community/tags/pain/"})
    page = soup(client.get("/community/tags/pain/"))
    assert page.find("button", attrs={"aria-pressed": "true"}) is not None
    client.post("/community/follow/tag/pain/", {"action": "unfollow"})

    assert not Subscription.objects.filter(user=patient).exists()
    page = soup(client.get("/community/tags/pain/"))
    assert page.find("button", string="Follow this topic") and not page.find(
        "button", attrs={"aria-pressed": "true"}
    )
    assert client.post("/community/follow/cheese/x/").status_code == 404


def test_notifications_page_lists_and_marks_read(
    client, patient, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(author=patient, title="Sleep trouble")
    notifications.follow(patient, thread=thread)
    reply_as(
        UserFactory(username="friend"), thread, "Same here", django_capture_on_commit_callbacks
    )
    client.force_login(patient)

    page = soup(client.get("/community/notifications/"))
    assert "friend replied in Sleep trouble" in " ".join(page.find("ol").get_text().split())
    nav = soup(client.get("/")).find("nav", attrs={"aria-label": "Main"})
    assert "Notifications 1 new" in " ".join(nav.get_text().split())

    client.post("/community/notifications/")

    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_reactions_are_one_per_member_per_kind_and_can_be_taken_back(client, patient):
    reply = ReplyFactory()
    client.force_login(patient)
    url = f"/community/r/{reply.pk}/react/"

    client.post(url, {"reaction": "helpful"})
    client.post(url, {"reaction": "me_too"})
    page = soup(client.get(reply.thread.get_absolute_url()))
    buttons = page.find(id=f"reply-{reply.pk}").select("button.reaction")
    assert [(b.get_text(" ", strip=True), b["aria-pressed"]) for b in buttons] == [
        ("Helpful 1", "true"),
        ("Me too 1", "true"),
    ]

    client.post(url, {"reaction": "helpful"})

    assert list(Reaction.objects.values_list("kind", flat=True)) == ["me_too"]
    assert client.post(url, {"reaction": "love"}).status_code == 302
    assert Reaction.objects.count() == 1


def test_reports_reach_moderators_once_per_member(client, patient, moderator):
    thread = ThreadFactory()
    client.force_login(patient)

    first = client.post(
        f"/community/t/{thread.pk}/report/",
        {"reason": "misinformation", "details": "Cure claim"},
        follow=True,
    )
    second = client.post(f"/community/t/{thread.pk}/report/", {"reason": "spam"}, follow=True)

    assert "A moderator will look at it soon" in first.content.decode()
    assert "You have already reported this" in second.content.decode()
    assert Report.objects.get().details == "Cure claim"
    client.force_login(moderator)
    assert (
        "Open reports: Misinformation (1)" in client.get(thread.get_absolute_url()).content.decode()
    )


def test_report_page_shows_the_post_and_every_reason_and_article(client, patient, articles):
    reply = ReplyFactory(body="Stop all your medicines at once, it cured me.")
    client.force_login(patient)

    page = soup(client.get(f"/community/r/{reply.pk}/report/"))

    assert "Stop all your medicines at once" in page.find("blockquote").get_text()
    reasons = [option.get_text() for option in page.select("select[name=reason] option")]
    assert "Contradicts the evidence" in reasons and "Someone may be in crisis" in reasons
    articles_listed = [option["value"] for option in page.select("select[name=mechanism] option")]
    assert "microglia" in articles_listed
    cancel = page.find("a", string="Cancel")["href"]
    assert cancel == f"{reply.thread.get_absolute_url()}#reply-{reply.pk}"


def test_report_with_a_mistake_keeps_what_was_written_and_sends_nothing(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)

    response = client.post(
        f"/community/t/{thread.pk}/report/",
        {"reason": "contradicts", "details": "It says glia never matter."},
    )

    assert response.status_code == 400
    page = soup(response)
    assert "Choose the article whose evidence this post contradicts." in page.get_text()
    assert page.find("textarea", attrs={"name": "details"}).get_text().strip() == (
        "It says glia never matter."
    )
    assert not Report.objects.exists()


def test_thread_page_links_each_post_to_its_report_page(client, patient):
    thread = ThreadFactory()
    replies = ReplyFactory.create_batch(3, thread=thread)
    client.force_login(patient)

    page = soup(client.get(thread.get_absolute_url()))

    links = {a["href"] for a in page.find_all("a", href=lambda href: href.endswith("/report/"))}
    assert links == {f"/community/t/{thread.pk}/report/"} | {
        f"/community/r/{reply.pk}/report/" for reply in replies
    }
    assert not page.select("select[name=reason]")  # no form per post to download


def test_report_page_of_a_hidden_reply_is_not_found(client, patient):
    reply = ReplyFactory(hidden_at=timezone.now())
    client.force_login(patient)

    assert client.get(f"/community/r/{reply.pk}/report/").status_code == 404


def test_a_crisis_report_shows_help_at_once(client, patient):
    reply = ReplyFactory()
    client.force_login(patient)

    response = client.post(f"/community/r/{reply.pk}/report/", {"reason": "crisis"}, follow=True)

    assert "call your local emergency number" in response.content.decode()
    assert Report.objects.get().reason == "crisis"


def test_report_needs_a_known_reason(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)

    response = client.post(f"/community/t/{thread.pk}/report/", {"reason": "boring"}, follow=True)

    assert "Choose a reason for your report." in response.content.decode()
    assert not Report.objects.exists()


def test_thread_page_emits_discussion_forum_posting_json_ld(client):
    thread = ThreadFactory(title="Does heat help?")
    ReplyFactory(thread=thread, body="A warm bath helps me")
    Thread.objects.filter(pk=thread.pk).update(reply_count=1)

    page = soup(client.get(thread.get_absolute_url()))

    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == "Does heat help?"
    assert data["author"]["@type"] == "Person"
    assert data["interactionStatistic"]["userInteractionCount"] == 1
    assert [comment["text"] for comment in data["comment"]] == ["A warm bath helps me"]


def test_site_search_finds_discussions_but_not_hidden_ones(client, moderator):
    visible = ThreadFactory(title="Tingling hands at night")
    hidden = ThreadFactory(title="Tingling feet miracle pills")
    from community.services.moderation import hide_post

    hide_post(moderator, hidden, "Spam")

    page = soup(client.get("/search/", {"q": "tingling"}))

    links = [a["href"] for a in page.select(".discussion-matches a")]
    assert links == [visible.get_absolute_url()]


@pytest.mark.parametrize("role", ROLES)
def test_notifications_page_needs_a_signed_in_member(client_as, role):
    response = client_as(role).get("/community/notifications/")

    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_react_report_and_follow_need_a_signed_in_member(client_as, role):
    thread = ThreadFactory(tags=["sleep"])
    client = client_as(role)

    responses = [
        client.post(f"/community/t/{thread.pk}/react/", {"reaction": "helpful"}),
        client.post(f"/community/t/{thread.pk}/report/", {"reason": "spam"}),
        client.post(f"/community/follow/thread/{thread.pk}/"),
    ]

    for response in responses:
        assert response.status_code == 302
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    expected = 0 if role == "anonymous" else 1
    assert Reaction.objects.count() == expected
    assert Report.objects.count() == expected
    assert (
        Subscription.objects.filter(thread=thread).exclude(user=thread.author).count() == expected
    )


def test_site_search_finds_a_discussion_by_the_words_of_a_reply(client):
    thread = ThreadFactory(title="Evening routines")
    ReplyFactory(thread=thread, body="Magnesium baths calm my legs")

    page = soup(client.get("/search/", {"q": "magnesium"}))

    assert [a["href"] for a in page.select(".discussion-matches a")] == [thread.get_absolute_url()]
