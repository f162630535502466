"""What signed-in pages read from Redis (a member's session and entries), kept in each worker
and tracked by Redis (client tracking): a repeat page needs no round trip, and a change made
anywhere shows at once. The page generation lives in the database (caching/generation.py)."""

import pytest
import redis

from caching import generation
from caching.backends import TrackedEntries
from tests.running import REDIS_TEST_URL, wsgi_get

pytestmark = pytest.mark.django_db


def another_app_server():
    """A plain Redis client, as a worker on another machine would change the generation."""
    return redis.Redis.from_url(REDIS_TEST_URL)


def test_tracked_entry_needs_no_round_trip_while_it_is_unchanged(redis_cache, commands_sent):
    redis_cache.set("member-facts:token:1", "first", None)
    redis_cache.get_many_tracked(["member-facts:token:1"])
    commands_sent.clear()

    again = [redis_cache.get_many_tracked(["member-facts:token:1"]) for _ in range(20)]

    assert again == [{"member-facts:token:1": "first"}] * 20
    assert commands_sent == []


def test_tracked_entry_sees_a_change_made_on_another_app_server_at_once(redis_cache):
    redis_cache.set("member-facts:token:1", "first", None)
    redis_cache.get_many_tracked(["member-facts:token:1"])

    another_app_server().delete(redis_cache.make_key("member-facts:token:1"))

    assert redis_cache.get_many_tracked(["member-facts:token:1"]) == {}


def test_tracked_entries_give_way_to_a_plain_read_while_redis_is_unreachable():
    entries = TrackedEntries("redis://127.0.0.1:1/0", {})

    assert entries.get_many(["portal:1:anything"]) is None  # read as usual (and fall back)
    assert entries._retry_at > 0  # and not tried again at once: no reconnect storm


def test_tracked_entries_come_back_after_their_connection_is_dropped(redis_cache):
    redis_cache.set("member-facts:token:1", "first", None)
    redis_cache.get_many_tracked(["member-facts:token:1"])
    entries = redis_cache.tracked()
    entries._connection._sock.close()  # the connection to Redis is gone (restart, network)

    assert redis_cache.get_many_tracked(["member-facts:token:1"]) is None  # read as usual
    entries._retry_at = 0  # a second later
    assert redis_cache.get_many_tracked(["member-facts:token:1"]) == {
        "member-facts:token:1": "first"
    }


def test_wsgi_front_serves_repeat_visits_without_redis(
    redis_cache, wsgi_front, demo, commands_sent
):
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    commands_sent.clear()

    status, headers, _ = wsgi_get(wsgi_front, "/mechanisms/microglia/")

    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert commands_sent == []  # the worker's own copy, under the database's generation


def test_wsgi_front_shows_another_servers_change_at_once(redis_cache, wsgi_front, demo):
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    assert wsgi_get(wsgi_front, "/mechanisms/microglia/")[1]["X-Page-Cache"] == "hit"

    generation.move_on()  # as another app server's change would, in the shared database

    assert wsgi_get(wsgi_front, "/mechanisms/microglia/")[1]["X-Page-Cache"] == "miss"


def test_tracked_entries_keep_at_most_their_budget_of_bytes(redis_cache, monkeypatch):
    entries = redis_cache.tracked()
    monkeypatch.setattr(entries, "LIMIT_BYTES", 5_000)
    keys = [f"member-{n}" for n in range(40)]
    redis_cache.set_many(dict.fromkeys(keys, "x" * 500), 30)

    answers = [redis_cache.get_many_tracked([key]) for key in keys]

    assert answers == [{key: "x" * 500} for key in keys]  # every one right, kept or not
    assert 0 < len(entries._copies) < len(keys)
    assert entries._size <= 5_000
    assert entries._size == sum(entries._cost(k, copy[0]) for k, copy in entries._copies.items())


def test_tracked_entries_stop_asking_a_server_that_cannot_track(monkeypatch, caplog):
    original = redis.connection.AbstractConnection.send_command

    def without_tracking(self, *args, **kwargs):
        if args[:2] == ("CLIENT", "TRACKING"):
            args = ("CLIENT", "NO-SUCH-THING")  # answered with an error, as Redis 5 would
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_command", without_tracking)
    entries = TrackedEntries(REDIS_TEST_URL, {})

    assert entries.get_many(["portal:1:anything"]) is None
    assert entries.get_many(["portal:1:anything"]) is None  # not asked again
    assert caplog.text.count("Redis cannot track cache entries") == 1
