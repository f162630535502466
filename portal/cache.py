"""A Redis cache that degrades to "no cache" while Redis is down, instead of failing pages.

Everything the portal caches can be rebuilt from the database, so an outage of Redis costs
speed, not availability: reads miss, writes are skipped, and one warning a minute is logged.
Rate limits count nothing while Redis is down (they fail open) and resume when it is back.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARN_EVERY = 60  # seconds


def _fallback(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                now = time.monotonic()
                if now - self._last_warning > WARN_EVERY:
                    self._last_warning = now
                    logger.warning("Redis is unavailable, serving without a cache: %s", error)
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


class FallbackRedisCache(RedisCache):
    """django.core.cache's RedisCache, carrying on without a cache while Redis is down."""

    _last_warning = -WARN_EVERY

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _fallback("key")(RedisCache.get)
    get_many = _fallback(dict)(RedisCache.get_many)
    has_key = _fallback(False)(RedisCache.has_key)
    set = _fallback(None)(RedisCache.set)
    set_many = _fallback(list)(RedisCache.set_many)
    add = _fallback(True)(RedisCache.add)
    touch = _fallback(False)(RedisCache.touch)
    delete = _fallback(False)(RedisCache.delete)
    delete_many = _fallback(None)(RedisCache.delete_many)
    incr = _fallback(1)(RedisCache.incr)
    clear = _fallback(None)(RedisCache.clear)
