"""What every signed-in page asks about the member: what they may do, from the database on
every request, and what they see, from the shared cache.

What a member may do (active, staff, moderator, may post) is authorization: it is read
from the database with the member themselves, in the one query Django's authentication
makes on every signed-in request (`user_for_session`, used by
accounts.middleware.MemberAuthenticationMiddleware). No cache is trusted for it, so a
Redis outage, flush or older snapshot can never bring back a role, a session or an account
that was removed: a demoted moderator loses the tools on their next request.

What the member sees (their unread count, the topics and articles they follow, whether they
have a post waiting or have reacted or followed anything) is kept in the shared cache, one
entry per member, read in one round trip, and forgotten when it changes:

- a notification is created for the member or they read their notifications, or they
  follow or stop following a topic or an article: forgotten;
- a discussion or reply of theirs is saved or deleted (it may be waiting for a moderator,
  or no longer be): forgotten;
- the member's account, groups or email addresses change: forgotten.

"Forgotten" means the member's token changes, at once and again when the transaction
commits. An entry is used only if it carries the tokens that were current before its answers
were read from the database, so an answer read just before a change commits is never used
after it. MEMBER_FACTS_SECONDS bounds how long an entry lives; 0 turns the cache off. While
the cache is unreachable nothing is read from it (caching.backends.available). Tokens name
the run of the Redis server they were made in (caching.backends.server_run), so when Redis
comes back from an older snapshot, the entries and tokens it brings back are not used: the
first request after it makes a new token for everyone.

Within one request the answers stay on the user object, as Django keeps permissions.

The shared pages' front (community/shells.py) reads a session it has served before together
with that member's entries (`read_ahead`): one round trip instead of two. Which member to
read is only the worker's guess; if the session now says someone else, they are read as
usual, and nothing read ahead outlives the request.
"""

import datetime
import threading
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.functional import LazyObject

from accounts.roles import MODERATORS
from caching import generation
from caching.backends import available, forget_tracked, read_tracked, server_run
from common.prepared import PreparedQuery

EVERYONE_KEY = "member-facts:everyone"
STAMP_KEY = "member-facts:token:{}"
ENTRY_KEY = "member-facts:v5:{}"  # v5: what the member sees only, never what they may do
MEMO = "_member_facts"
AUTHORIZED = "_member_may"  # what they may do, read with the member (user_for_session)
MAY = ("may_moderate", "may_reach_admin", "has_verified_email")  # _authorized's annotations


class LookOnly(Exception):  # noqa: N818 - a decision, not an error
    """Reading who is signed in would change the session (renew it, or end it), in a request
    that may only look (the shared pages' front, community/shells.py): Django serves it."""


# What a visitor gets; apps that register what members see (seen_by_members) add theirs.
ANONYMOUS = {"staff": False, "moderator": False, "can_post": False}

# What higher apps show on every signed-in page about the member, registered from their
# AppConfig.ready() (community.member_facts): a layer below never imports them.
_SEEN = []


def _authorized(queryset):
    """The members in `queryset`, each with what they may do read in the same query.

    The admin permission is asked as "among the member's own permissions or their groups'"
    (two IN lists), not as one join of five tables with an OR: the same answer, and
    PostgreSQL plans it in half the time, on every signed-in request."""
    user_model = get_user_model()
    member = OuterRef("pk")
    # The member seen from inside the permission's subquery, and one level further in.
    own = user_model.user_permissions.through.objects.filter(user=OuterRef(member))
    groups = user_model.groups.through.objects.filter(user=OuterRef(OuterRef(member)))
    granted = Group.permissions.through.objects.filter(group_id__in=groups.values("group_id"))
    return queryset.annotate(
        may_moderate=Exists(
            user_model.groups.through.objects.filter(user=member, group__name=MODERATORS)
        ),
        may_reach_admin=Exists(
            Permission.objects.filter(
                codename="access_admin", content_type__app_label="wagtailadmin"
            ).filter(
                Q(pk__in=own.values("permission_id")) | Q(pk__in=granted.values("permission_id"))
            )
        ),
        has_verified_email=Exists(EmailAddress.objects.filter(user=member, verified=True)),
    )


def _member(pk):
    """The member `pk`, with what they may do, and the page generation (which every request
    reads anyway: caching.generation.Current)."""
    member = _authorized(get_user_model()._default_manager.filter(pk=pk))
    return member.annotate(page_generation=generation.Current())


def _member_in_session(pk, session_key, now):
    """The member `pk`, with what they may do and whether the database keeps `session_key`
    (unexpired at `now`)."""
    kept = Session.objects.filter(session_key=session_key, expire_date__gt=now)
    return _member(pk).annotate(session_kept=Exists(kept))


# Compiled once per worker thread (common/prepared.py): every signed-in request asks one.
# The placeholders only mark where each value goes; they are never sent.
MEMBER = PreparedQuery(_member, pk=-424242)
MEMBER_IN_SESSION = PreparedQuery(
    _member_in_session,
    pk=-424242,
    session_key="placeholder-session-key",
    now=datetime.datetime(2001, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
)


def _may(user):
    """What `user` may do: from the annotations user_for_session read with them, or else
    one query now."""
    found = user.__dict__.get(AUTHORIZED)
    if found is None:
        row = next(iter(MEMBER.run(pk=user.pk)), None)
        found = dict.fromkeys(MAY, False) if row is None else _annotations(row)
        user.__dict__[AUTHORIZED] = found
    superuser = user.is_superuser
    return {
        "staff": superuser or user.is_staff or found["may_reach_admin"],
        "moderator": superuser or found["may_moderate"],
        "can_post": user.is_active
        and not user.is_deleted
        and (superuser or found["has_verified_email"]),
    }


def _annotations(user):
    """What user_for_session's query read about what `user` may do (SQLite gives 0 or 1)."""
    return {name: bool(getattr(user, name)) for name in MAY}


def seen_by_members(read, anonymous, owned=(), authored=()):
    """Register what a higher app shows every signed-in page about the member.

    `read(user)` returns a dict of answers from the database; they are cached with the rest,
    one entry per member. `anonymous` is the same dict for a visitor. Saving or deleting a
    row of a model in `owned` (by its `user`) or `authored` (by its `author`) forgets the
    member's entry. Call it from an AppConfig.ready()."""
    _SEEN.append(read)
    ANONYMOUS.update(anonymous)
    for signal in (post_save, post_delete):
        for model in owned:
            signal.connect(owner_changed, sender=model, dispatch_uid=f"members:{signal}:{model}")
        for model in authored:
            signal.connect(author_changed, sender=model, dispatch_uid=f"members:{signal}:{model}")


def _read(user):
    """What the member sees, straight from the database (every registered reader)."""
    seen = {}
    for read in _SEEN:
        seen.update(read(user))
    return seen


def _new_token():
    """A token that names the run of the cache server it was made in (server_run)."""
    return f"{server_run() or ''}:{uuid.uuid4().hex}"


def _token(key, found):
    """The current token under `key`, making one if there is none (or it was evicted)."""
    token = found.get(key)
    if token is None:
        cache.add(key, _new_token(), None)
        token = cache.get(key)
    return token


def _everyone_token(found, run):
    """The everyone-token, if it was made in this run of the cache server. One an older
    snapshot brought back (made in an earlier run) is replaced, and None answered: with it,
    every entry made before the restart is never used again, although its member's token
    came back from the snapshot too. Any token will do for a cache that has no runs ("")."""
    token = _token(EVERYONE_KEY, found)
    if run and token is not None and not token.startswith(f"{run}:"):
        _forget_now(EVERYONE_KEY)
        return None
    return token


def _keys(pk):
    return [EVERYONE_KEY, STAMP_KEY.format(pk), ENTRY_KEY.format(pk)]


# Read ahead for one request (the shared pages' front, community/shells.py): the session and
# the member it belonged to last time, in one round trip instead of two.
_ahead = threading.local()


def read_ahead(pk, *keys):
    """Reads member `pk`'s entries, the generation and `keys` (the session's) now, in one
    round trip; the next _lookup(pk) and ahead(key) take them instead of a round trip of
    their own. Each is used once; forget_ahead() drops what is left."""
    found = _read_many([*_keys(pk), *keys]) if available() else {}
    _ahead.pk, _ahead.found, _ahead.keys = str(pk), found, set(keys)


def _read_many(keys):
    """cache.get_many, from this process's tracked copies where it can (caching/backends.py:
    no round trip for entries that have not changed)."""
    found = read_tracked(cache, keys)
    return cache.get_many(keys) if found is None else found


def ahead(key):
    """(True, value or None) when `key` was read ahead for this request, else (False, None)."""
    keys = getattr(_ahead, "keys", None)
    if not keys or key not in keys:
        return False, None
    keys.discard(key)
    return True, _ahead.found.get(key)


def forget_ahead():
    _ahead.pk = _ahead.found = _ahead.keys = None


def _lookup(pk):
    """One round trip: the current tokens, and the cached answers that carry them (None when
    missing, made before the latest change, or the cache is unreachable)."""
    keys = _keys(pk)
    run = server_run() if available() else None
    if run is None:
        return (None, None), None
    if getattr(_ahead, "pk", None) == str(pk):
        found, _ahead.pk = _ahead.found, None  # read just now, for this request
    else:
        found = _read_many(keys)
    tokens = (_everyone_token(found, run), _token(keys[1], found))
    entry = found.get(keys[2])
    if entry is None or entry[0] != tokens or None in tokens:
        return tokens, None
    return tokens, entry[1]


def facts(user):
    """{"staff", "moderator", "can_post", …} for `user` (anyone): what they may do from the
    database, and what they see (registered by seen_by_members) from the shared cache."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    # The memo lives on the member itself, not on request.user's lazy wrapper.
    user = unwrapped(user)
    memo = user.__dict__.get(MEMO)
    if memo is not None:
        return memo
    if settings.MEMBER_FACTS_SECONDS <= 0:
        seen = _read(user)
    else:
        tokens, seen = _lookup(user.pk)
        if seen is None:
            # The tokens were read before the answers: a change committed in between has
            # already replaced them, so this entry will never be used after it.
            seen = _read(user)
            if None not in tokens:
                cache.set(ENTRY_KEY.format(user.pk), (tokens, seen), settings.MEMBER_FACTS_SECONDS)
    answers = {**seen, **_may(user)}
    user.__dict__[MEMO] = answers
    return answers


def is_staff_member(user):
    """Staff reach the Wagtail admin: they must use two-factor sign-in and time out sooner."""
    return facts(user)["staff"]


def user_for_session(backend, user_id, session_key=None):
    """`backend.get_user(user_id)` (what Django's authentication asks on every signed-in
    request), with what the member may do read in the same query: always from the
    database, never from a cache.

    With `session_key` (a session the database also keeps: cached_db), the same query asks
    whether the database still has that session. A session ended by signing out is gone
    from the database at once; a cache restored from an older snapshot may still hold it,
    and must not sign anyone in with it."""
    if not isinstance(backend, ModelBackend):
        return backend.get_user(user_id)
    user_model = get_user_model()
    try:
        pk = user_model._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    if session_key is None:
        found = MEMBER.run(pk=pk)
    else:
        found = MEMBER_IN_SESSION.run(pk=pk, session_key=session_key, now=timezone.now())
    user = next(iter(found), None)
    if user is None or (session_key is not None and not user.session_kept):
        return None
    if not backend.user_can_authenticate(user):
        return None
    user.__dict__[AUTHORIZED] = _annotations(user)
    generation.seen(user.page_generation, user._state.db)
    return user


def unwrapped(user):
    """The member behind request.user (a SimpleLazyObject, set up on first use)."""
    if isinstance(user, LazyObject):
        user.pk  # noqa: B018 - sets the wrapper up if nothing has yet
        return user._wrapped
    return user


def _forget_now(key):
    cache.set(key, _new_token(), None)
    forget_tracked(cache, [key])  # this process's copy goes now, not when Redis tells it


def forget(*users):
    """The answers for these members (User instances or primary keys) may have changed."""
    for user in users:
        if user is None:
            continue
        if isinstance(user, int):
            pk = user
        else:
            pk = user.pk  # (sets up a lazy request.user)
            user = unwrapped(user)
            user.__dict__.pop(MEMO, None)
            user.__dict__.pop(AUTHORIZED, None)
        key = STAMP_KEY.format(pk)
        _forget_now(key)
        transaction.on_commit(lambda key=key: _forget_now(key))


def forget_everyone():
    """A change that may affect any member's answers (a group's permissions)."""
    _forget_now(EVERYONE_KEY)
    transaction.on_commit(lambda: _forget_now(EVERYONE_KEY))


# --- Signal receivers (connected in accounts.apps and by seen_by_members) ---------------------


def membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed for User.groups and User.user_permissions."""
    if not action.startswith("post_"):
        return
    if not reverse:
        forget(instance)
    elif pk_set is None:  # group.user_set.clear(): who was in it is no longer known
        forget_everyone()
    else:
        forget(*pk_set)


def group_permissions_changed(sender, action, **kwargs):
    """m2m_changed for Group.permissions."""
    if action.startswith("post_"):
        forget_everyone()


def everyone_changed(sender, **kwargs):
    """post_delete of a Group or a Permission: memberships went without an m2m signal."""
    forget_everyone()


def user_changed(sender, instance, **kwargs):
    """post_save/post_delete of a User (active, superuser, staff, deleted)."""
    if kwargs.get("raw"):
        return
    forget(instance)


def owner_changed(sender, instance, **kwargs):
    """post_save/post_delete of an EmailAddress, or of a row a member owns that is shown
    about them (seen_by_members): its user's answers."""
    if kwargs.get("raw"):
        return
    cached_user = instance._state.fields_cache.get("user")
    forget(cached_user if cached_user is not None else instance.user_id)


def author_changed(sender, instance, **kwargs):
    """post_save/post_delete of a post (seen_by_members): whether its author has one waiting."""
    if kwargs.get("raw"):
        return
    forget(instance.author_id)


def connect_signals():
    """Forget members' answers when their account, groups, permissions or email addresses
    change (called from AccountsConfig.ready())."""
    user_model = get_user_model()
    uid = "accounts.members"
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(membership_changed, sender=through, dispatch_uid=f"{uid}:{through}")
    m2m_changed.connect(
        group_permissions_changed, sender=Group.permissions.through, dispatch_uid=f"{uid}:gp"
    )
    for model in (Group, Permission):
        post_delete.connect(everyone_changed, sender=model, dispatch_uid=f"{uid}:{model}")
    for signal in (post_save, post_delete):
        signal.connect(user_changed, sender=user_model, dispatch_uid=f"{uid}:{signal}:user")
        signal.connect(owner_changed, sender=EmailAddress, dispatch_uid=f"{uid}:{signal}:email")
