"""Sessions: Django's cached_db engine (the shared cache, written through to the database),
able to take a session already read with the member it belongs to.

The shared pages' front (portal/shells.py) reads the session and the member's cached
entries in one round trip when it knows which member a session belonged to last time
(portal.members.read_ahead); this engine then uses that read instead of its own.
Everything else is Django's: what is stored, when it expires, the database behind it.
"""

from django.contrib.sessions.backends import cached_db

from portal import members


class SessionStore(cached_db.SessionStore):
    """Django's cached_db SessionStore, reading a session read ahead for this request."""

    def load(self):
        was_read, data = members.ahead(self.cache_key)
        if was_read and data is not None:
            return data
        return super().load()  # not read ahead, or not in the cache: Django's own way
