"""The page cache's generation watched through Redis's client tracking: a cached page needs
no round trip to Redis, and a change made anywhere still shows at once."""

import pytest
import redis

from portal import pagecache
from portal.cache import WatchedKey
from tests.portal.conftest import REDIS_TEST_URL, wsgi_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def commands_sent(monkeypatch):
    """Every command this process sends to Redis, on any connection."""
    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    return sent


def another_app_server():
    """A plain Redis client, as a worker on another machine would change the generation."""
    return redis.Redis.from_url(REDIS_TEST_URL)


def test_watched_generation_needs_no_round_trip_while_it_is_unchanged(redis_cache, commands_sent):
    pagecache.generation()  # the first ever: started, then read on the watching connection
    first = pagecache.generation()
    commands_sent.clear()

    again = [pagecache.generation() for _ in range(20)]

    assert again == [first] * 20
    assert commands_sent == []


def test_watched_generation_sees_a_change_made_on_another_app_server_at_once(redis_cache):
    before = pagecache.generation()

    another_app_server().incr(redis_cache.make_key(pagecache.GENERATION_KEY))

    assert pagecache.generation() == before + 1


def test_watched_generation_sees_a_change_made_in_this_process_at_once(redis_cache):
    before = pagecache.generation()

    pagecache.move_on()

    assert pagecache.generation() == before + 1


def test_watched_generation_after_a_flushed_redis_starts_from_the_clock(redis_cache):
    before = pagecache.generation()

    another_app_server().delete(redis_cache.make_key(pagecache.GENERATION_KEY))

    assert pagecache.generation() > before  # read again, and started afresh: never older


def test_watched_generation_is_read_as_usual_when_switched_off(
    redis_cache, settings, commands_sent
):
    settings.PAGE_GENERATION_WATCH = False
    pagecache.generation()
    commands_sent.clear()

    pagecache.generation()

    assert len(commands_sent) == 1 and b"GET" in commands_sent[0][0]


def test_watched_key_gives_way_to_a_plain_read_while_redis_is_unreachable():
    watch = WatchedKey("redis://127.0.0.1:1/0", "portal:1:anything", {}, int)

    assert watch.value() is None  # the caller reads the key the usual way (and falls back)
    assert watch.value() is None  # not tried again at once: no reconnect storm


def test_watched_key_comes_back_after_its_connection_is_dropped(redis_cache):
    before = pagecache.generation()
    watch = redis_cache.watched(pagecache.GENERATION_KEY)
    watch._connection._sock.close()  # the connection to Redis is gone (restart, network)

    assert watch.value() is None  # this request reads it as usual
    watch._retry_at = 0  # a second later
    assert watch.value() == before


def test_wsgi_front_with_watched_generation_serves_repeat_visits_without_redis(
    redis_cache,
    wsgi_front,
    demo,
    commands_sent,
):
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    commands_sent.clear()

    status, headers, _ = wsgi_get(wsgi_front, "/mechanisms/microglia/")

    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert commands_sent == []


def test_wsgi_front_with_watched_generation_shows_another_servers_change_at_once(
    redis_cache,
    wsgi_front,
    demo,
):
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    assert wsgi_get(wsgi_front, "/mechanisms/microglia/")[1]["X-Page-Cache"] == "hit"

    another_app_server().incr(redis_cache.make_key(pagecache.GENERATION_KEY))

    assert wsgi_get(wsgi_front, "/mechanisms/microglia/")[1]["X-Page-Cache"] == "miss"
