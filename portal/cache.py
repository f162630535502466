"""Caches that degrade to "no cache" when the cache fails, instead of failing pages.

Everything the portal caches can be rebuilt from the database, so an outage of Redis costs
speed, not availability: reads miss, writes are skipped, and one warning a minute is logged.
Rate limits count nothing while Redis is down (they fail open) and resume when it is back.
"""

import contextlib
import functools
import logging
import os
import threading
import time

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError, router, transaction
from redis import ConnectionPool
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARN_EVERY = 60  # seconds


def _fallback(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return self.guarded(method, *args, **kwargs)
            except self.fallback_errors as error:
                now = time.monotonic()
                if now - self._last_warning > WARN_EVERY:
                    self._last_warning = now
                    logger.warning("%s, serving without a cache: %s", self.failure, error)
                if default == "key":  # get(key, default=None): hand back the caller's default
                    return kwargs.get("default", args[1] if len(args) > 1 else None)
                return default() if callable(default) else default

        return wrapper

    return decorate


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool.

    Django builds a new `redis.Redis` for every cache call, and redis-py 8 fills a table of
    about 170 response callbacks each time: a third of a millisecond per call, more than the
    round trip to Redis itself, and the largest cost of serving a cached page. A `redis.Redis`
    is safe to share between threads (each command borrows a connection from the pool).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


# What each cache method gives back while the cache fails ("key": the caller's default).
FALLBACKS = {
    "get": "key",
    "get_many": dict,
    "has_key": False,
    "set": None,
    "set_many": list,
    "add": True,
    "touch": False,
    "delete": False,
    "delete_many": None,
    "incr": 1,
    "clear": None,
}


def falls_back(cls):
    """Class decorator: wrap the cache methods of the class's base with _fallback."""
    base = cls.__bases__[0]
    for name, default in FALLBACKS.items():
        setattr(cls, name, _fallback(default)(getattr(base, name)))
    return cls


class WatchedKey:
    """One key's value kept in this process, which Redis tells us the moment it changes.

    The page cache's generation (portal/pagecache.py) is read on every page a visitor gets,
    and changes a few times an hour; reading it was the one round trip to Redis a cached page
    cost, and most of that page's time. Redis's own client tracking keeps a copy correct
    instead: this process reads the key on a connection of its own with `CLIENT TRACKING ON`
    (RESP3), and Redis then pushes an "invalidate" message down that connection whenever
    anyone changes the key, on any app server, or it expires, is evicted or flushed. Before
    the copy is used, the connection is polled (no round trip): any message waiting drops
    the copy, and the key is read again. Redis queues that message as it makes the change
    and sends it in the same step as its answer to whoever made it, so a page asked for after
    a change has committed gets the new value; the process that made the change drops its
    own copy at once (`forget`).

    The copy is also read again after RECHECK_SECONDS, in case the connection fails silently,
    and any error drops the connection: `value()` then gives None and the caller reads the
    key the usual way (so Redis being down is handled as everywhere else), trying again
    after RETRY_SECONDS. One connection per process and key, shared by its threads; a
    forked process makes its own.
    """

    RECHECK_SECONDS = 1.0
    RETRY_SECONDS = 1.0
    MISSING = object()

    def __init__(self, url, key, options, loads):
        self.url, self.key, self.options, self.loads = url, key, options, loads
        self._lock = threading.Lock()
        self._pid = None
        self._connection = None
        self._value = self.MISSING
        self._read_at = 0.0
        self._retry_at = 0.0

    def value(self):
        """The key's current value, or None when it cannot be watched or is not set."""
        with self._lock:
            try:
                return self._current()
            except (RedisError, OSError, ValueError) as error:
                self._drop()
                self._retry_at = time.monotonic() + self.RETRY_SECONDS
                logger.debug("Watching %s failed, reading it as usual: %s", self.key, error)
                return None

    def forget(self):
        """Drop the copy: this process has just changed the key itself."""
        with self._lock:
            self._value = self.MISSING

    def _current(self):
        now = time.monotonic()
        connection = self._connected(now)
        if connection is None:
            return None
        while connection.can_read(timeout=0):  # an invalidation (or a closed connection)
            connection.read_response(push_request=True)
        if self._value is not self.MISSING and now - self._read_at < self.RECHECK_SECONDS:
            return self._value
        connection.send_command("GET", self.key)
        raw = connection.read_response()
        self._value, self._read_at = (None if raw is None else self.loads(raw)), now
        return self._value

    def _connected(self, now):
        if self._pid != os.getpid():  # new, or forked: the parent's socket is not ours
            self._pid, self._connection, self._value = os.getpid(), None, self.MISSING
        if self._connection is None:
            if now < self._retry_at:
                return None
            pool = ConnectionPool.from_url(self.url, protocol=3, **self.options)
            connection = pool.make_connection()
            connection.connect()
            connection.send_command("CLIENT", "TRACKING", "ON")
            connection.read_response()
            connection._parser.set_invalidation_push_handler(self._invalidated)
            self._connection, self._value = connection, self.MISSING
        return self._connection

    def _invalidated(self, message):
        self._value = self.MISSING

    def _drop(self):
        connection, self._connection, self._value = self._connection, None, self.MISSING
        if connection is not None and self._pid == os.getpid():
            with contextlib.suppress(RedisError, OSError):
                connection.disconnect()


_watches = {}
_watches_lock = threading.Lock()


@falls_back
class FallbackRedisCache(RedisCache):
    """django.core.cache's RedisCache, carrying on without a cache while Redis is down."""

    _last_warning = -WARN_EVERY
    fallback_errors = (RedisError,)
    failure = "Redis is unavailable"

    def guarded(self, method, *args, **kwargs):
        return method(self, *args, **kwargs)

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def watched(self, key):
        """This process's WatchedKey for `key`, on the server writes go to (the first)."""
        full_key = self.make_and_validate_key(key)
        server = self._servers[0]
        watch = _watches.get((server, full_key))
        if watch is None:
            # What Django's client takes for itself; the rest are redis-py connection options.
            options = {
                name: value
                for name, value in self._options.items()
                if name not in ("serializer", "pool_class", "parser_class")
            }
            loads = self._cache._serializer.loads
            with _watches_lock:
                watch = _watches.setdefault(
                    (server, full_key), WatchedKey(server, full_key, options, loads)
                )
        return watch


@falls_back
class FallbackDatabaseCache(DatabaseCache):
    """django.core.cache's database cache (used without REDIS_URL), carrying on without a
    cache when a cache query fails.

    Under concurrent load PostgreSQL can report a deadlock between two requests deleting
    the same expired entries (Django deletes them as it reads and culls); that must cost a
    cache miss, not the page. Each call runs in a savepoint, so a failure inside a
    request's transaction leaves that transaction usable.
    """

    _last_warning = -WARN_EVERY
    fallback_errors = (DatabaseError,)
    failure = "A database cache query failed"

    def guarded(self, method, *args, **kwargs):
        with transaction.atomic(using=router.db_for_write(self.cache_model_class)):
            return method(self, *args, **kwargs)
