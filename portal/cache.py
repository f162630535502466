"""A Redis cache that degrades to "no cache" while Redis is down, instead of failing pages.

Everything the portal caches can be rebuilt from the database, so an outage of Redis costs
speed, not availability: reads miss, writes are skipped, and one warning a minute is logged.
Rate limits count nothing while Redis is down (they fail open) and resume when it is back.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
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


class FallbackRedisCache(RedisCache):
    """django.core.cache's RedisCache, carrying on without a cache while Redis is down."""

    _last_warning = -WARN_EVERY

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
