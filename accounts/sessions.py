"""Sessions: Django's cached_db engine (the shared cache, written through to the database),
able to take a session already read with the member it belongs to.

The shared pages' front (community/shells.py) reads the session and the member's cached
entries in one round trip when it knows which member a session belonged to last time
(accounts.members.read_ahead), from the worker's tracked copies when it can
(caching.backends.TrackedEntries); this engine then uses that read instead of its own.
Everything else is Django's: what is stored, when it expires, the database behind it.
"""

from django.contrib.sessions.backends import cached_db

from accounts import members
from caching.backends import forget_tracked


class SessionStore(cached_db.SessionStore):
    """Django's cached_db SessionStore, reading a session read ahead for this request, and
    dropping this process's tracked copy (caching.backends.TrackedEntries) of a session it
    changes at once, rather than when Redis's message arrives."""

    def load(self):
        was_read, data = members.ahead(self.cache_key)
        if was_read and data is not None:
            return data
        return super().load()  # not read ahead, or not in the cache: Django's own way

    def save(self, must_create=False):
        super().save(must_create)
        self._forget_tracked(self.session_key)

    def delete(self, session_key=None):
        session_key = session_key or self.session_key
        super().delete(session_key)
        self._forget_tracked(session_key)

    def _forget_tracked(self, session_key):
        if session_key:
            forget_tracked(self._cache, [self.cache_key_prefix + session_key])
