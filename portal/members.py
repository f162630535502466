"""What every signed-in page asks about the member, answered from the shared cache.

Every signed-in page used to ask the database the same questions on each request: is this
member staff (two permission queries, in the staff-security middleware), a moderator (asked
up to three times on a thread page), allowed to post (a verified email address), and how
many of their notifications are unread. The answers change rarely, and only through the
changes this module listens for, so they are kept in the shared cache, one entry per member,
read in one round trip:

- the member's groups, own permissions, account (active, superuser, deleted) or email
  addresses change: that member's answers are forgotten;
- a group's permissions change, or a group is deleted: everyone's answers are forgotten;
- a notification is created for the member or they read their notifications, or they
  follow or stop following a topic or an article: forgotten;
- a discussion or reply of theirs is saved or deleted (it may be waiting for a moderator,
  or no longer be): forgotten.

"Forgotten" means the member's token changes, at once and again when the transaction
commits. An entry is used only if it carries the tokens that were current before its answers
were read from the database, so an answer read just before a change commits is never used
after it: a demoted moderator loses the moderator tools on their next request, on every app
server. MEMBER_FACTS_SECONDS bounds how long an entry lives, in case a change bypasses the
signals (a raw SQL update); 0 turns the cache off.

The member themselves (the row Django's authentication loads on every signed-in request) is
kept beside the answers under the same tokens (`user_for_session`, used by
accounts.middleware.MemberAuthenticationMiddleware): Django's checks still run on the cached
copy (the session's password hash, an active account), and saving the account, changing the
password or deactivating it forgets the copy. Wagtail's bulk "mark as inactive", which
updates rows without saving them, forgets them through a hook (accounts/wagtail_hooks.py).

Within one request the answers stay on the user object, as Django keeps permissions.

The shared pages' front (portal/shells.py) reads a session it has served before together
with that member's entries (`read_ahead`): one round trip instead of two. Which member to
read is only the worker's guess; if the session now says someone else, they are read as
usual, and nothing read ahead outlives the request. With Redis, these reads come from the
worker's copies that Redis tracks (portal.cache.TrackedEntries), so an unchanged session
and member need no round trip at all; forgetting a member drops this worker's copy of
their token at once.
"""

import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.functional import LazyObject

from portal import pagecache
from portal.cache import forget_tracked, read_tracked

EVERYONE_KEY = "member-facts:everyone"
STAMP_KEY = "member-facts:token:{}"
ENTRY_KEY = "member-facts:v4:{}"  # v4: with "marks"
USER_KEY = "member-user:v1:{}"
MEMO = "_member_facts"


class LookOnly(Exception):  # noqa: N818 - a decision, not an error
    """Reading who is signed in would change the session (renew it, or end it), in a request
    that may only look (the shared pages' front, portal/shells.py): Django serves it."""


ANONYMOUS = {
    "staff": False,
    "moderator": False,
    "can_post": False,
    "unread": 0,
    "follows": {"tag": frozenset(), "mechanism": frozenset()},
    "holding": False,
    "marks": False,
}


def _read(user):
    """The answers, straight from the database."""
    from allauth.account.models import EmailAddress

    from accounts.roles import MODERATORS

    if not user.is_authenticated:
        return dict(ANONYMOUS)
    superuser = user.is_superuser
    return {
        "staff": superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"),
        "moderator": superuser or user.groups.filter(name=MODERATORS).exists(),
        "can_post": user.is_active
        and not user.is_deleted
        and (superuser or EmailAddress.objects.filter(user=user, verified=True).exists()),
        "unread": user.notifications.filter(read_at__isnull=True).count(),
        # Topics and articles followed (a few each); followed threads can be thousands and
        # are asked one at a time on the thread page.
        "follows": _follows(user),
        **_posts_and_marks(user),
    }


def _posts_and_marks(user):
    """Two yes-or-no answers in one query.

    "holding": a discussion or reply waiting for a moderator, which only they (and
    moderators) see: their thread pages are made for them alone (portal/shells.py).
    "marks": any reaction given or discussion followed. Most members have none, and then a
    shared thread page needs no query to show which buttons they pressed."""
    from django.db.models import Exists, OuterRef

    from community.models import Reaction, Reply, Subscription, Thread

    def waiting(model):
        return model.objects.filter(
            author=OuterRef("pk"), held_at__isnull=False, deleted_at__isnull=True
        )

    row = (
        type(user)
        .objects.filter(pk=user.pk)
        .annotate(
            held_thread=Exists(waiting(Thread)),
            held_reply=Exists(waiting(Reply)),
            reacted=Exists(Reaction.objects.filter(user=OuterRef("pk"))),
            following=Exists(
                Subscription.objects.filter(user=OuterRef("pk"), thread__isnull=False)
            ),
        )
        .values("held_thread", "held_reply", "reacted", "following")
        .first()
    ) or dict.fromkeys(("held_thread", "held_reply", "reacted", "following"), False)
    return {
        "holding": row["held_thread"] or row["held_reply"],
        "marks": row["reacted"] or row["following"],
    }


def _follows(user):
    rows = user.subscriptions.filter(thread__isnull=True).values_list("tag_id", "mechanism_id")
    return {
        "tag": frozenset(tag for tag, _ in rows if tag is not None),
        "mechanism": frozenset(mechanism for _, mechanism in rows if mechanism is not None),
    }


def _token(key, found):
    """The current token under `key`, making one if there is none (or it was evicted)."""
    token = found.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key)
    return token


def _keys(pk):
    return [EVERYONE_KEY, STAMP_KEY.format(pk), ENTRY_KEY.format(pk), USER_KEY.format(pk)]


# Read ahead for one request (the shared pages' front, portal/shells.py): the session and
# the member it belonged to last time, in one round trip instead of two.
_ahead = threading.local()


def read_ahead(pk, *keys):
    """Reads member `pk`'s entries, the generation and `keys` (the session's) now, in one
    round trip; the next _lookup(pk) and ahead(key) take them instead of a round trip of
    their own. Each is used once; forget_ahead() drops what is left."""
    found = _read_many([*_keys(pk), pagecache.GENERATION_KEY, *keys])
    _ahead.pk, _ahead.found, _ahead.keys = str(pk), found, set(keys)


def _read_many(keys):
    """cache.get_many, from this process's tracked copies where it can (portal/cache.py:
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
    """One round trip: the current tokens, and the cached answers and member that carry them
    (None for either when missing or made before the latest change). The page cache's
    generation comes in the same round trip, as every signed-in page asks for it next."""
    keys = _keys(pk)
    if getattr(_ahead, "pk", None) == str(pk):
        found, _ahead.pk = _ahead.found, None  # read just now, for this request
    else:
        found = _read_many([*keys, pagecache.GENERATION_KEY])
    pagecache.remember_generation(found.get(pagecache.GENERATION_KEY))
    tokens = (_token(EVERYONE_KEY, found), _token(keys[1], found))

    def current(key):
        entry = found.get(key)
        if entry is None or entry[0] != tokens or None in tokens:
            return None
        return entry[1]

    return tokens, current(keys[2]), current(keys[3])


def facts(user):
    """{"staff", "moderator", "can_post", "unread", "follows", "holding", "marks"} for `user`
    (anyone)."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    # The memo lives on the member itself (where user_for_session put the answers read
    # with the member), not on request.user's lazy wrapper.
    user = unwrapped(user)
    memo = user.__dict__.get(MEMO)
    if memo is not None:
        return memo
    if settings.MEMBER_FACTS_SECONDS <= 0:
        answers = _read(user)
    else:
        tokens, answers, _ = _lookup(user.pk)
        if answers is None:
            # The tokens were read before the answers: a change committed in between has
            # already replaced them, so this entry will never be used after it.
            answers = _read(user)
            cache.set(ENTRY_KEY.format(user.pk), (tokens, answers), settings.MEMBER_FACTS_SECONDS)
    user.__dict__[MEMO] = answers
    return answers


def user_for_session(backend, user_id):
    """`backend.get_user(user_id)` (what Django's authentication asks on every signed-in
    request), from the shared cache when it holds a current copy; the member's answers
    come in the same round trip."""
    if settings.MEMBER_FACTS_SECONDS <= 0 or not hasattr(backend, "user_can_authenticate"):
        return backend.get_user(user_id)  # only backends whose checks can be re-run below
    tokens, answers, user = _lookup(user_id)
    if user is None:
        user = backend.get_user(user_id)  # read after the tokens, as in facts()
        if user is None:
            return None
        cache.set(USER_KEY.format(user_id), (tokens, user), settings.MEMBER_FACTS_SECONDS)
    elif not backend.user_can_authenticate(user):
        return None
    if answers is not None:
        user.__dict__[MEMO] = answers
    return user


def unwrapped(user):
    """The member behind request.user (a SimpleLazyObject, set up on first use)."""
    if isinstance(user, LazyObject):
        user.pk  # noqa: B018 - sets the wrapper up if nothing has yet
        return user._wrapped
    return user


def _forget_now(key):
    cache.set(key, uuid.uuid4().hex, None)
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
        key = STAMP_KEY.format(pk)
        _forget_now(key)
        transaction.on_commit(lambda key=key: _forget_now(key))


def forget_everyone():
    """A change that may affect any member's answers (a group's permissions)."""
    _forget_now(EVERYONE_KEY)
    transaction.on_commit(lambda: _forget_now(EVERYONE_KEY))


# --- Signal receivers (connected in portal.apps) ----------------------------------------------


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
    """post_save/post_delete of an EmailAddress, Notification, Subscription or Reaction: its
    user's answers."""
    if kwargs.get("raw"):
        return
    cached_user = instance._state.fields_cache.get("user")
    forget(cached_user if cached_user is not None else instance.user_id)


def author_changed(sender, instance, **kwargs):
    """post_save/post_delete of a Thread or Reply: whether its author has a post waiting."""
    if kwargs.get("raw"):
        return
    forget(instance.author_id)


def connect_signals():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from community.models import Notification, Reaction, Reply, Subscription, Thread

    user_model = get_user_model()
    uid = "portal.members"
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(membership_changed, sender=through, dispatch_uid=f"{uid}:{through}")
    m2m_changed.connect(
        group_permissions_changed, sender=Group.permissions.through, dispatch_uid=f"{uid}:gp"
    )
    for model in (Group, Permission):
        post_delete.connect(everyone_changed, sender=model, dispatch_uid=f"{uid}:{model}")
    for signal in (post_save, post_delete):
        signal.connect(user_changed, sender=user_model, dispatch_uid=f"{uid}:{signal}:user")
        for model in (EmailAddress, Notification, Subscription, Reaction):
            signal.connect(owner_changed, sender=model, dispatch_uid=f"{uid}:{signal}:{model}")
        for model in (Thread, Reply):
            signal.connect(author_changed, sender=model, dispatch_uid=f"{uid}:{signal}:{model}")
