"""Caches that degrade to "no cache" when the cache fails, instead of failing pages.

Everything the portal caches can be rebuilt from the database, so an outage of Redis costs
speed, not availability: reads miss, writes are skipped, and one warning a minute is logged.
Rate limits count nothing while Redis is down (they fail open) and resume when it is back.
"""

import functools
import logging
import time

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError, router, transaction
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
