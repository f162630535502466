"""The five faults found by trying the caches as an operator would, each against a real
Redis server that the test stops, restarts or restores from an older snapshot."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.services import delete_account
from caching.pagecache import local_pages
from community.services import notifications
from community.services.moderation import hide_post
from community.services.posting import post_reply
from community.services.questions import accept_answer
from tests.caching.conftest import cache_answers_again
from tests.factories import (
    AnswerFactory,
    QuestionFactory,
    ReplyFactory,
    ThreadFactory,
    UserFactory,
)
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


def test_unread_count_is_not_brought_back_when_redis_comes_back_from_an_older_snapshot(
    own_redis, patient, django_capture_on_commit_callbacks
):
    """What a member sees about themselves (their unread count) is cached under tokens kept in
    Redis; a snapshot brings back old tokens with old entries, which must not be used."""
    thread = ThreadFactory(author=patient)
    notifications.follow(patient, thread=thread)
    client = Client()
    client.force_login(patient)

    def badge():
        navigation = soup(client.get("/community/")).find("nav", class_="site-nav")
        label = navigation.find("span", class_="label")
        return label.get_text(" ", strip=True) if label else ""

    assert badge() == ""
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(UserFactory(username="replier"), thread, body="Me too, every night.")
    assert badge() == "1 new"
    own_redis.snapshot()  # holds the entry with one unread notification

    client.post("/community/notifications/")  # marks them read
    assert badge() == ""
    own_redis.restart_from_snapshot()
    cache_answers_again()

    assert badge() == ""


def test_a_redis_that_will_not_say_which_run_it_is_still_caches_members_answers(
    own_redis, patient, monkeypatch
):
    """Some hosted Redis refuse INFO to the application's user: snapshots then go
    unnoticed (a warning says so), but nothing else changes."""
    from redis.exceptions import NoPermissionError

    from caching import backends

    def refused(self, *args, **kwargs):
        raise NoPermissionError("this user has no permissions to run the 'info' command")

    monkeypatch.setattr("redis.Redis.info", refused)
    backends.forget_server_runs()
    client = Client()
    client.force_login(patient)
    client.get("/community/")

    assert backends.server_run() == "" and backends.available()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/community/").status_code == 200
    assert not any("community_notification" in query["sql"] for query in captured)  # cached


def test_a_redis_that_cannot_say_which_run_it_is_for_a_moment_is_not_taken_for_down(
    own_redis, patient, client, monkeypatch
):
    """Only members' own answers wait for the run to be known again; pages stay cached."""
    from redis.exceptions import BusyLoadingError

    from caching import backends

    def loading(self, *args, **kwargs):
        raise BusyLoadingError("Redis is loading the dataset in memory")

    thread = ThreadFactory()
    visit_until_cached(client, thread.get_absolute_url())
    monkeypatch.setattr("redis.Redis.info", loading)
    backends.forget_server_runs()
    member = Client()
    member.force_login(patient)

    assert member.get("/community/").status_code == 200
    assert backends.server_run() is None and backends.available()
    assert client.get(thread.get_absolute_url())["X-Page-Cache"] == "hit"
