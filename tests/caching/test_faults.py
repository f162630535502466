"""The five faults found by trying the caches as an operator would, each against a real
Redis server that the test stops, restarts or restores from an older snapshot."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from accounts.services import delete_account
from caching.pagecache import local_pages
from community.services.moderation import hide_post
from community.services.questions import accept_answer
from tests.caching.conftest import cache_answers_again
from tests.factories import AnswerFactory, QuestionFactory, ReplyFactory, ThreadFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def visit_until_cached(client, address):
    """A visitor's first visits (the first also makes the site's settings), until the page is
    served from the page cache."""
    client.get(address)
    client.get(address)
    assert client.get(address)["X-Page-Cache"] == "hit"


def moderator_tools_shown(client, thread):
    return "Moderator tools" in client.get(thread.get_absolute_url()).content.decode()


def test_demoted_moderator_loses_tools_after_redis_comes_back_from_an_older_snapshot(
    own_redis, moderator
):
    thread = ThreadFactory()
    client = Client()
    client.force_login(moderator)
    assert moderator_tools_shown(client, thread)
    moderator_tools_shown(client, thread)  # what they may do, were it cached, is cached now
    own_redis.snapshot()

    Group.objects.get(name="Moderators").user_set.remove(moderator)
    own_redis.restart_from_snapshot()
    cache_answers_again()

    assert not moderator_tools_shown(client, thread)
    response = client.post(
        f"/community/r/{ReplyFactory(thread=thread).pk}/moderate/",
        {"action": "hide", "reason": "Off topic"},
    )
    assert response.status_code in (403, 404)


def test_deleted_account_is_signed_out_in_every_browser_across_a_redis_restart(own_redis, patient):
    first, second = Client(), Client()
    first.force_login(patient)
    second.force_login(patient)
    second.get("/community/")
    own_redis.snapshot()

    delete_account(User.objects.get(pk=patient.pk))
    own_redis.restart_from_snapshot()
    cache_answers_again()

    navigation = soup(second.get("/community/")).find("nav", class_="site-nav").get_text()
    assert "Sign in" in navigation and "patient" not in navigation
    assert second.get("/community/new/").status_code == 302  # sent to sign in


def test_hidden_reply_leaves_public_pages_at_once_while_redis_is_down(own_redis, moderator, client):
    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread, body="A reply about a dangerous dose.")
    own_redis.stop()
    assert "dangerous dose" in client.get(thread.get_absolute_url()).content.decode()
    assert "dangerous dose" in client.get(thread.get_absolute_url()).content.decode()

    hide_post(moderator, reply, "Medication doses")

    response = client.get(thread.get_absolute_url())
    assert "dangerous dose" not in response.content.decode()
    assert "X-Page-Cache" not in response  # nothing served from or kept in any page cache


def test_hidden_reply_stays_hidden_when_redis_comes_back_from_an_older_snapshot(
    own_redis, moderator, client
):
    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread, body="A reply about a dangerous dose.")
    visit_until_cached(client, thread.get_absolute_url())
    own_redis.snapshot()  # holds the page with the reply in it

    hide_post(moderator, reply, "Medication doses")
    own_redis.restart_from_snapshot()
    cache_answers_again()
    local_pages.generation = None  # and a worker started afresh

    response = client.get(thread.get_absolute_url())
    assert "dangerous dose" not in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_accepted_answer_shows_to_a_visitor_at_once(own_redis, client):
    question = QuestionFactory(title="Does pacing help with flares?")
    answer = AnswerFactory(question=question, body="Pacing helped many members.")
    visit_until_cached(client, question.get_absolute_url())

    accept_answer(question.author, answer)

    response = client.get(question.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Accepted answer" in response.content.decode()


def test_signed_out_session_stays_signed_out_after_redis_comes_back_from_an_older_snapshot(
    own_redis, patient, settings
):
    settings.SESSION_ENGINE = "accounts.sessions"  # as in production: Redis, then the database
    browser = Client()
    browser.force_login(patient)
    browser.get("/community/")
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value
    own_redis.snapshot()

    browser.post("/accounts/logout/")
    own_redis.restart_from_snapshot()
    cache_answers_again()

    someone_with_the_old_cookie = Client()
    someone_with_the_old_cookie.cookies[settings.SESSION_COOKIE_NAME] = cookie
    page = soup(someone_with_the_old_cookie.get("/community/"))
    navigation = page.find("nav", class_="site-nav").get_text()
    assert "Sign in" in navigation and "patient" not in navigation
    assert someone_with_the_old_cookie.get("/community/new/").status_code == 302
