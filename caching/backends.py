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

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError, router, transaction
from redis import ConnectionPool
from redis.exceptions import NoPermissionError, RedisError, ResponseError

logger = logging.getLogger(__name__)

WARN_EVERY = 60  # seconds
# After a failure the cache is not asked again for this long (each try may wait for a
# timeout): meanwhile every cache counts as unreachable.
RETRY_SECONDS = 2.0


def _fallback(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.healthy():
                try:
                    return self.guarded(method, *args, **kwargs)
                except self.fallback_errors as error:
                    # Shared by every thread of the process: each would wait for a timeout.
                    _failed_at[self.where()] = now = time.monotonic()
                    if now - self._last_warning > WARN_EVERY:
                        type(self)._last_warning = now
                        logger.warning("%s, serving without a cache: %s", self.failure, error)
            if default == "key":  # get(key, default=None): hand back the caller's default
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            return default() if callable(default) else default

        return wrapper

    return decorate


# When each cache (by its location) last failed, for every thread of this process.
_failed_at = {}


def forget_failures():
    """Ask every cache again at once (tests: "a moment later")."""
    _failed_at.clear()


def available(backend=None):
    """Whether the shared cache answered its last question (or its last failure is more than
    RETRY_SECONDS old). While it does not, nothing is served from or stored in any page
    cache, fragment cache, shared page or worker copy: pages are built afresh, slower but
    never stale."""
    backend = cache if backend is None else backend
    healthy = getattr(backend, "healthy", None)
    return True if healthy is None else healthy()


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


class TrackedEntries:
    """Copies of the few cache entries every page reads, kept in this process, which Redis
    tells us the moment they change.

    Reading them from Redis on every request would cost a round trip a page, most of a
    cached page's time. They change rarely, so Redis's own client tracking keeps copies
    correct instead (figures in bench/README): this process reads them on a connection of its
    own with `CLIENT TRACKING ON` (RESP3), and Redis then pushes an "invalidate" message
    down that connection whenever anyone changes one of them, on any app server, or it
    expires, is evicted or flushed. Before copies are used, the connection is polled (no
    round trip): a message waiting drops the copies it names, and those are read again.
    Redis queues that message as it makes the change and sends it in the same step as its
    answer to whoever made it, so a request made after a change has committed gets the new
    value; the process that made the change drops its own copy at once (`forget`).

    The bytes are kept, not the objects, so each request unpickles its own (a cached member
    is changed by the request using it). Each copy is read again after RECHECK_SECONDS, in
    case the connection fails silently; beyond LIMIT_BYTES (about a thousand members' worth)
    all are dropped and read again as asked for. Any error drops the connection: `get_many`
    then gives None and the caller reads the usual way (so Redis being down is handled as
    everywhere else), trying again after RETRY_SECONDS; a server that cannot track (before
    Redis 6) is not asked again. One connection per process, shared by its threads; a
    forked process makes its own.
    """

    RECHECK_SECONDS = 1.0
    RETRY_SECONDS = 1.0
    LIMIT_BYTES = 2 * 1024 * 1024
    OVERHEAD = 200  # bytes a copy costs besides its key and value (the tuple, the dict slot)

    def __init__(self, url, options):
        self.url, self.options = url, options
        self._lock = threading.Lock()
        self._pid = None
        self._connection = None
        self._copies = {}  # key: (bytes, or None where Redis has no such key; when read)
        self._size = 0  # about how many bytes the copies take
        self._retry_at = 0.0

    def get_many(self, keys):
        """{key: bytes} of those of `keys` Redis has, or None when they cannot be tracked now."""
        with self._lock:
            try:
                return self._get_many(keys)
            except (RedisError, OSError, ValueError) as error:
                self._drop()
                self._retry_at = time.monotonic() + self.RETRY_SECONDS
                logger.debug("Tracking cache entries failed, reading them as usual: %s", error)
                return None

    def forget(self, keys):
        """Drop these copies: this process has just changed them itself."""
        with self._lock:
            for key in keys:
                self._pop(key)

    def _get_many(self, keys):
        now = time.monotonic()
        connection = self._connected(now)
        if connection is None:
            return None
        while connection.can_read(timeout=0):  # an invalidation (or a closed connection)
            connection.read_response(push_request=True)
        found, stale = {}, []
        for key in keys:
            copy = self._copies.get(key)
            if copy is None or now - copy[1] >= self.RECHECK_SECONDS:
                stale.append(key)
            else:
                found[key] = copy[0]
        if stale:
            connection.send_command("MGET", *stale)
            for key, value in zip(stale, connection.read_response(), strict=True):
                self._keep(key, value, now)
                found[key] = value
        return {key: value for key, value in found.items() if value is not None}

    def _connected(self, now):
        if self._pid != os.getpid():  # new, or forked: the parent's socket is not ours
            self._pid, self._connection = os.getpid(), None
            self._clear()
        if self._connection is None:
            if now < self._retry_at:
                return None
            pool = ConnectionPool.from_url(self.url, protocol=3, **self.options)
            connection = pool.make_connection()
            try:
                connection.connect()
                connection.send_command("CLIENT", "TRACKING", "ON")
                connection.read_response()
            except ResponseError as error:  # older than Redis 6, or a server without tracking
                self._retry_at = float("inf")
                logger.warning("Redis cannot track cache entries; reading them as usual: %s", error)
                connection.disconnect()
                return None
            connection._parser.set_invalidation_push_handler(self._invalidated)
            self._connection = connection
            self._clear()
        return self._connection

    def _invalidated(self, message):
        keys = message[1]
        if keys is None:  # the database was flushed
            self._clear()
            return
        for key in keys:
            self._pop(key.decode() if isinstance(key, bytes) else key)

    def _cost(self, key, value):
        return len(key) + (0 if value is None else len(value)) + self.OVERHEAD

    def _keep(self, key, value, now):
        self._pop(key)
        cost = self._cost(key, value)
        if self._size + cost > self.LIMIT_BYTES:
            self._clear()
        self._copies[key] = (value, now)
        self._size += cost

    def _pop(self, key):
        copy = self._copies.pop(key, None)
        if copy is not None:
            self._size -= self._cost(key, copy[0])

    def _clear(self):
        self._copies.clear()
        self._size = 0

    def _drop(self):
        connection, self._connection = self._connection, None
        self._clear()
        if connection is not None and self._pid == os.getpid():
            with contextlib.suppress(RedisError, OSError):
                connection.disconnect()


_tracked = {}
_tracked_lock = threading.Lock()


def read_tracked(cache, keys):
    """`cache.get_many(keys)` from this process's tracked copies (no round trip for those
    that have not changed), or None where the backend keeps none or cannot now."""
    tracked = getattr(cache, "get_many_tracked", None)
    return None if tracked is None or not available(cache) else tracked(keys)


def forget_tracked(cache, keys):
    """This process changed these entries itself: its copies go at once rather than when
    Redis's message arrives (nothing to do for a backend that keeps none)."""
    forget = getattr(cache, "forget_tracked", None)
    if forget is not None:
        forget(keys)


@falls_back
class FallbackRedisCache(RedisCache):
    """django.core.cache's RedisCache, carrying on without a cache while Redis is down."""

    _last_warning = -WARN_EVERY
    fallback_errors = (RedisError,)
    failure = "Redis is unavailable"

    def guarded(self, method, *args, **kwargs):
        return method(self, *args, **kwargs)

    def healthy(self):
        """False for RETRY_SECONDS after a failure (see available())."""
        return time.monotonic() - _failed_at.get(self.where(), -RETRY_SECONDS) >= RETRY_SECONDS

    def where(self):
        return tuple(self._servers)

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def tracked(self):
        """This process's TrackedEntries on the server writes go to (the first)."""
        server = self._servers[0]
        entries = _tracked.get(server)
        if entries is None:
            # What Django's client takes for itself; the rest are redis-py connection options.
            options = {
                name: value
                for name, value in self._options.items()
                if name not in ("serializer", "pool_class", "parser_class")
            }
            with _tracked_lock:
                entries = _tracked.setdefault(server, TrackedEntries(server, options))
        return entries

    def get_many_tracked(self, keys):
        """Like get_many, from this process's tracked copies (no round trip for those that
        have not changed); None when they cannot be tracked now (CACHE_TRACKING off, or
        the tracking connection failing): read them with get_many."""
        if not settings.CACHE_TRACKING:
            return None
        full = {self.make_and_validate_key(key): key for key in keys}
        found = self.tracked().get_many(list(full))
        if found is None:
            return None
        loads = self._cache._serializer.loads
        return {full[key]: loads(value) for key, value in found.items()}

    def forget_tracked(self, keys):
        """This process changed these entries: its copies go at once."""
        self.tracked().forget([self.make_and_validate_key(key) for key in keys])

    def server_run(self):
        """Which run of the Redis server answers now: its run_id, which changes with every
        start, and so when Redis comes back from an older snapshot. Asked of the server
        writes go to, at most once in RUN_CHECK_SECONDS per process; None while it cannot be
        told (the cache itself is not marked as failing for that: only what depends on the
        run is not cached); "" for good when Redis will not say (INFO refused)."""
        where, now = self.where(), time.monotonic()
        known = _runs.get(where)
        if known is not None and now - known[1] < RUN_CHECK_SECONDS:
            return known[0]
        if not self.healthy():
            return None
        run = None
        try:
            run = self._cache.get_client(write=True).info("server").get("run_id", "")
        except NoPermissionError as error:
            logger.warning("Redis does not say which run it is (%s): snapshots go unnoticed", error)
            _runs[where] = ("", float("inf"))  # not asked again by this process
            return ""
        except RedisError as error:
            if now - _run_warned.get(where, -WARN_EVERY) > WARN_EVERY:
                _run_warned[where] = now
                logger.warning("Could not ask Redis which run it is: %s", error)
        _runs[where] = (run, now)
        return run


# Each Redis server's run_id as this process last saw it, and when (server_run); when a
# failure to ask was last logged.
_runs = {}
_run_warned = {}
RUN_CHECK_SECONDS = 1.0


def server_run(backend=None):
    """Which run of the cache server answers now (FallbackRedisCache.server_run): entries
    that a cache validates with tokens kept in the same cache (accounts.members) carry it,
    so entries and tokens that an older snapshot brings back are never taken as current.
    "" for a cache that cannot be restored on its own (the database cache, local memory);
    None while the cache cannot be reached."""
    backend = cache if backend is None else backend
    run = getattr(backend, "server_run", None)
    return "" if run is None else run()


def forget_server_runs():
    """Ask each server its run again at once (tests: "a moment later")."""
    _runs.clear()


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

    def healthy(self):
        """False for RETRY_SECONDS after a failure (see available())."""
        return time.monotonic() - _failed_at.get(self.where(), -RETRY_SECONDS) >= RETRY_SECONDS

    def where(self):
        return self._table
