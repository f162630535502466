"""Parts of pages that look the same for everyone, cached until something they show changes.

The navigation, the footer, the community's tag cloud and discussion list, and an article's
"Discussions about this topic" and "Questions about this topic" are the same for every
reader, signed in or not, yet cost most of a signed-in page's database time. They are kept
in the shared cache under the page cache's generation (caching/pagecache.py), which any
published page, snippet, setting, thread, reply, question, answer, reaction or tag change
moves on: a change shows at once, on every app server. What is personal (your name, your
notifications, your follow buttons, your reactions) is never part of a fragment.

FRAGMENT_CACHE_SECONDS (300 by default) bounds how long a fragment lives (relative times
such as "2 hours ago" age by at most that much); 0 turns fragment caching off.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject, cached_property

from caching.backends import available
from caching.pagecache import generation

KEY_PREFIX = "fragment:v1"


def fragment_key(name, *vary):
    """The key for `name` in the current generation; vary values (which may come from the
    address) are hashed, so any text makes a short, safe key."""
    varying = hashlib.md5(  # noqa: S324 - a cache key, not security
        "\x1f".join(str(value) for value in vary).encode()
    ).hexdigest()
    return f"{KEY_PREFIX}:{name}:{generation()}:{varying}"


def caching_now():
    """Whether fragments may be read and stored now: turned on, and (fail closed) the shared
    cache reachable and the generation readable."""
    return settings.FRAGMENT_CACHE_SECONDS > 0 and available() and generation() is not None


class _Seconds:
    """FRAGMENT_CACHE_SECONDS for `{% cache %}`, or 0 while fragments may not be cached
    (decided only by a template that uses it)."""

    def __int__(self):
        return settings.FRAGMENT_CACHE_SECONDS if caching_now() else 0


def cached(name, build, *vary):
    """build(), or what it returned before under the same name, vary values and generation.

    `build` must return something picklable that reads no further from the database when
    used (lists and dicts of plain values, or model instances with what they need loaded).
    """
    if not caching_now():
        return build()
    key = fragment_key(name, *vary)
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, settings.FRAGMENT_CACHE_SECONDS)
    return found


def cached_many(name, items, build, *vary, before_building=None):
    """[build(item) for item in items], each kept as its own fragment (keyed by item.pk and
    the vary values), all read in one round trip; only the missing ones are built, after
    before_building(those items) if given (to read what they need in one go)."""
    if not caching_now():
        if before_building is not None:
            before_building(items)
        return [build(item) for item in items]
    keys = [fragment_key(name, item.pk, *vary) for item in items]
    found = cache.get_many(keys)
    if before_building is not None:
        before_building([item for key, item in zip(keys, items, strict=True) if key not in found])
    missing = {key: build(item) for key, item in zip(keys, items, strict=True) if key not in found}
    if missing:
        cache.set_many(missing, settings.FRAGMENT_CACHE_SECONDS)
    return [found[key] if key in found else missing[key] for key in keys]


class CachedCountPaginator(Paginator):
    """A Paginator whose total (a COUNT over every matching row) is a cached fragment."""

    def __init__(self, object_list, per_page, *, count_name, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        return cached("count", lambda: Paginator.count.func(self), self.count_name)


def cache_generation(request):
    """Context processor: `{% cache fragment_seconds "name" cache_generation … %}` in
    templates. The generation is read only by a template that uses it."""
    return {
        "cache_generation": SimpleLazyObject(generation),
        "fragment_seconds": _Seconds(),
    }
