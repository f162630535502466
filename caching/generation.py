"""The page generation: the number every cached page and fragment is keyed by.

Any change to what pages show moves it on (`invalidate`), so every page and fragment
cached before is never served again, on any worker or app server. It is kept in the
database, not in the cache: a cache that is down, flushed or restored from an older
snapshot cannot lose a bump or bring an old number back, and the number never goes
backwards. Reading it costs one small query a request (on PostgreSQL, a sequence's
current value, which needs no lock and sees every committed bump at once).

`invalidate` moves it on at once and again when the transaction commits: a request that
read the first new number before the commit may have cached what it saw then, which must
not outlive the commit.
"""

import logging
import threading
import time

from django.db import DatabaseError, connections, router, transaction
from django.db.models import BigIntegerField, Expression, F

from caching.models import Generation

logger = logging.getLogger(__name__)

SEQUENCE = "caching_generation_seq"

# The generation, read once per request: a page asks for it for every fragment it shows.
# Set only between request_started and request_finished in the thread serving the request,
# and dropped by move_on(), so a request sees its own changes and never a stale value later.
_request = threading.local()


def _alias():
    return router.db_for_write(Generation)  # the primary: a replica may lag behind a bump


def _select(vendor):
    """The SQL that reads the generation: the sequence on PostgreSQL, else the one row."""
    if vendor == "postgresql":
        return f"SELECT last_value FROM {SEQUENCE}"  # noqa: S608 - a constant
    return f"SELECT value FROM {Generation._meta.db_table} WHERE id = 1"  # noqa: S608


def read():
    """The generation straight from the database, or None when it cannot be read (then
    nothing may be served from a cache: callers build pages afresh)."""
    connection = connections[_alias()]
    try:
        with connection.cursor() as cursor:
            cursor.execute(_select(connection.vendor))
            row = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Could not read the page generation, serving without caches: %s", error)
        return None
    return None if row is None else row[0]


def current():
    """The generation for this request (read once per request), or None: see read()."""
    memo = getattr(_request, "generation", None)
    if memo is not None:
        return memo
    value = read()
    if getattr(_request, "active", False):
        _request.generation = value
    return value


class Current(Expression):
    """The generation as a column of another query: for the query every signed-in request
    makes anyway (the member's, accounts.members), so that reading the generation costs no
    round trip of its own. Give what it read to seen()."""

    output_field = BigIntegerField()

    def as_sql(self, compiler, connection):
        return f"({_select(connection.vendor)})", []


def seen(value, alias):
    """The generation, as a query on database `alias` just read it (Current): this request's,
    as if current() had read it then. Ignored from any database but the one the generation
    lives on (a replica may lag behind a bump), outside a request, or once one was read."""
    if (
        value is not None
        and alias == _alias()
        and getattr(_request, "active", False)
        and getattr(_request, "generation", None) is None
    ):
        _request.generation = value


# Answers this process keeps for the current generation (kept()):
# (generation, {key: (answer, made at)}, {answer: answer}: one copy of each distinct answer).
_kept = (None, {}, {})
KEPT_LIMIT = 10_000
KEPT_SECONDS = 30.0  # however sure the invalidation, nothing kept is older than this


def database():
    """The database the generation lives on (the primary). Answers kept under it must be
    read there too: a replica may not have caught up with a change the generation has."""
    return _alias()


def kept(key, build):
    """build()'s answer, kept in this process while the generation stays the same.

    For answers read from the database that only a change which moves the generation on can
    alter (which restricted pages a member may see, say), read from database() by build():
    any worker asks again after such a change, after KEPT_SECONDS in any case, and never
    while the generation cannot be read. Only while serving a request (which reads the
    generation once anyway), and not after the request itself changed something that is not
    committed yet (its own transaction may still roll back); elsewhere build() is called
    every time. The answer is shared between threads and members: build() must return
    something immutable and hashable (equal answers are kept once)."""
    global _kept
    active = getattr(_request, "active", False) and not getattr(_request, "changing", False)
    current_generation = current() if active else None
    if current_generation is None:
        return build()
    generation, answers, distinct = _kept
    now = time.monotonic()
    if generation == current_generation:
        found = answers.get(key)
        if found is not None and now - found[1] < KEPT_SECONDS:
            return found[0]
    # Read after the generation was: a change committing meanwhile moves it on again, so
    # this answer is never used after that change.
    answer = build()
    if generation != current_generation:
        answers, distinct = {}, {}
        _kept = (current_generation, answers, distinct)
    if len(answers) < KEPT_LIMIT:
        answers[key] = (distinct.setdefault(answer, answer), now)
    return answer


def forget_kept():
    """Drop every kept answer (tests: a rolled-back SQLite generation can go backwards)."""
    global _kept
    _kept = (None, {}, {})


def move_on():
    """A new generation now: every page and fragment cached so far is forgotten."""
    _request.generation = None
    alias = _alias()
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [SEQUENCE])
        return
    updated = Generation.objects.using(alias).filter(pk=1).update(value=F("value") + 1)
    if not updated:
        Generation.objects.using(alias).get_or_create(pk=1, defaults={"value": 2})


def continue_after(previous):
    """After the database was put back to an earlier state (portal.backup.restore): the
    generation goes on from beyond both `previous` (read before the restore) and what was
    restored, so a page cached under a later generation of the old timeline can never be
    current again."""
    _request.generation = None
    value = max(previous or 0, read() or 0) + 1
    alias = _alias()
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(%s, %s)", [SEQUENCE, value])
        return
    Generation.objects.using(alias).update_or_create(pk=1, defaults={"value": value})


# What else must hear of a change (a caching front to clear, say): registered by the app
# that owns it, in its AppConfig.ready().
_listeners = []


def on_invalidate(func):
    """Call func() on every invalidate(); it queues its own work for the commit (with
    on_commit_once) if it has any."""
    if func not in _listeners:
        _listeners.append(func)
    return func


def invalidate():
    """What pages show has changed: a new generation now, and again once the current
    transaction commits (once, however many changes it makes). Every service that changes
    what a page shows calls this, whether it saves (signals call it too) or `.update()`s."""
    move_on()
    if transaction.get_connection(_alias()).in_atomic_block:
        _request.changing = True  # until the request ends: kept() stores nothing meanwhile
        on_commit_once(move_on)
    for listener in _listeners:
        listener()


def on_commit_once(func):
    """func() once the current transaction commits (at once outside one), however many
    changes in the transaction ask for it."""
    connection = transaction.get_connection(_alias())
    queued = connection.in_atomic_block and any(
        entry[1] is func for entry in connection.run_on_commit
    )
    if not queued:
        transaction.on_commit(func, using=_alias())


def request_started(**kwargs):
    _request.active, _request.generation, _request.changing = True, None, False


def request_finished(**kwargs):
    _request.active, _request.generation, _request.changing = False, None, False
