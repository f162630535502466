"""Members' pages: one shared page with personal parts filled in for each member.

A signed-in member's community pages differ from another member's in a few small places:
their name and unread count in the navigation, the reaction buttons they pressed, the
Edit and Delete links on their own posts, whether they follow the thread or topic, whether
they may post, and the form token. Everything else (the thread, its replies, the list of
discussions, search results) is the same for every member, and rebuilding it for each of
them was most of a signed-in page's cost.

So templates never write a personal part directly. They write a *hole*, an HTML comment
that says what it depends on, and this module fills the holes for the member being served
(`PersonalPartsMiddleware`, on every response):

- `{% personal "own" post.author_id %}Edit{% otherwise %}…{% endpersonal %}` keeps the
  first part for the member named, the second for everyone else. Kinds: `own`, `can-post`,
  `unread`, `following` (thread, tag or mechanism and its id) and `reacted` (thread or
  reply, its id, the kind of reaction). The member's reactions to the posts on the page and
  follows of its threads are read in one query; the rest comes with the member's cached
  answers (accounts/members.py). Blocks do not nest.
- `{% personal_part "username" %}`, `{% personal_part "unread" %}` and `{% form_token %}`
  are filled with the member's name, their unread count and the CSRF form field;
  `"draft"` and `"draft-note"` with the member's reply draft; `{% personal "muted" … %}`
  folds a muted member's post, and `"note-open"`/`"note-hidden"` apply a member's standing
  choices about content notes (community/gentle_parts.py).

Filling is one pass over the page's markers (HTML comments never come from members' text:
it is escaped, and their markdown is cleaned of comments).

Because every page is built that way, a page built for one member is a correct page for
any other plain member once filled: `shared_with_members` keeps it in the shared cache
under the page cache's generation (caching/pagecache.py: any change to what pages show
moves it on), and serves later members from there. Moderators and staff (who see tools on
the page itself), members with a post awaiting review (who see it where others do not) and
a member with a message waiting (a "Your post is published" note) always get a page made
afresh. MEMBER_PAGE_CACHE_SECONDS (300 by default) bounds how long a shared page lives;
0 turns it off, and the holes are then filled in the page just built.

A stored page is answered before Django's full stack (SharedPageApp, in portal/wsgi.py),
through only the middleware it needs, Django's own (see FRONT_MIDDLEWARE and NOT_IN_FRONT).
"""

import hashlib
import logging
import re
from functools import lru_cache, wraps
from importlib import import_module
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.core.signals import request_finished, request_started
from django.db import connections, router
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve, reverse, set_script_prefix
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from accounts import members
from accounts.sessions import SessionStore as ReadAheadSessionStore
from articles.visibility import reader_key
from caching.backends import available
from caching.pagecache import (
    SKIPPED_PREFIXES,
    AnonymousPageCacheMiddleware,
    environ_key,
    generation,
    kept_headers,
    stored_page,
)
from community.gentle_parts import GentleParts
from community.models import Reaction, Subscription

logger = logging.getLogger(__name__)

KEY_PREFIX = "member-page:v2"  # v2: the reader's visibility in the key
MARK = "<!--~"
END = "<!--~end-->"
ELSE = "<!--~else-->"
MARKER = re.compile(r"(<!--~(?:if:|put:|else|end)[^>]*-->)")
REACTED = re.compile(r"<!--~if:reacted:(thread|reply):(\d+):")
FOLLOWING_THREAD = re.compile(r"<!--~if:following:thread:(\d+)-->")


def _args(values):
    return "".join(":" + quote(str(value), safe="") for value in values)


@lru_cache(maxsize=4096)
def _parse(marker):
    """("if" or "put", kind, args) of a marker's text between "<!--~" and "-->" (the same
    markers come back page after page, so each is parsed once per process)."""
    what, kind, *args = marker.split(":")
    return what, kind, tuple(unquote(arg) if "%" in arg else arg for arg in args)


def if_head(kind, *args):
    """The opening of a personal part that is kept or dropped for each member."""
    return f"<!--~if:{kind}{_args(args)}-->"


def put(kind, *args):
    """A hole filled with something personal (see PUT_KINDS)."""
    return mark_safe(f"<!--~put:{kind}{_args(args)}-->")  # noqa: S308 - our own marker


# --- Filling the holes ---------------------------------------------------------------------


class Fill(GentleParts):
    """What one member's holes need, read once per page and only when a hole asks."""

    def __init__(self, request, html):
        self.request = request
        self.user = members.unwrapped(request.user)  # looked at for every hole
        # The posts whose reactions, and the threads whose following, the page asks about.
        self.posts = {"thread": set(), "reply": set()}
        for post, pk in REACTED.findall(html):
            self.posts[post].add(pk)
        self.threads = set(FOLLOWING_THREAD.findall(html))

    @cached_property
    def token(self):
        return get_token(self.request)

    @cached_property
    def facts(self):
        return members.facts(self.user)

    @cached_property
    def mine(self):
        """{("thread" or "reply", id, reaction)} the member gave and {("following", id)} of
        the threads they follow, among those on the page: one query for both."""
        asked = self.posts["thread"] or self.posts["reply"] or self.threads
        # "marks": whether the member ever reacted or followed a discussion.
        if not self.user.is_authenticated or not asked or not self.facts.get("marks", True):
            return set()
        return mine_on_page(self.user.pk, self.posts, self.threads)

    # Kept or dropped: each returns whether this member gets the first part.

    def if_own(self, author_pk):
        return self.user.is_authenticated and str(self.user.pk) == author_pk

    def if_can_post(self):
        return self.facts["can_post"] and self.stopped is None

    @cached_property
    def stopped(self):
        """Why a moderator stopped this member posting, while it lasts, else None."""
        stopped = self.facts.get("stopped")
        if stopped is None or (stopped["until"] and stopped["until"] <= timezone.now()):
            return None
        return stopped["message"]

    def if_unread(self):
        return self.facts["unread"] > 0

    def if_following(self, kind, pk):
        if not self.user.is_authenticated:
            return False
        if kind == "thread":
            return ("following", pk) in self.mine
        return pk.isdigit() and int(pk) in self.facts["follows"].get(kind, ())

    def if_reacted(self, post, pk, reaction):
        return self.user.is_authenticated and (post, pk, reaction) in self.mine

    # Filled in.

    def put_csrf(self):
        return self.token

    def put_username(self):
        return escape(self.user.get_username()) if self.user.is_authenticated else ""

    def put_unread(self):
        return str(self.facts["unread"])

    def put_why_not_posting(self, what):
        """Where the form to post would be, for a member who may not post: a suspension or
        ban with its reason, said before they type, or else the email still to confirm."""
        if not self.user.is_authenticated:
            return ""
        if self.stopped is not None:
            return f'<p class="notice" role="note">{escape(self.stopped)}</p>'
        if self.facts["can_post"]:
            return ""
        link = f'<a href="{reverse("account_email")}">confirm your email address</a>'
        doing = "start a discussion" if what == "discussion" else "reply"
        return f"<p>Please {link} to {doing}.</p>"


IF_KINDS = {
    "own": Fill.if_own,
    "muted": Fill.if_muted,
    "note-open": Fill.if_note_open,
    "note-hidden": Fill.if_note_hidden,
    "can-post": Fill.if_can_post,
    "unread": Fill.if_unread,
    "following": Fill.if_following,
    "reacted": Fill.if_reacted,
}
PUT_KINDS = {
    "csrf": Fill.put_csrf,
    "username": Fill.put_username,
    "unread": Fill.put_unread,
    "why-not-posting": Fill.put_why_not_posting,
    "draft": Fill.put_draft,
    "draft-note": Fill.put_draft_note,
}


def mine_on_page(user_pk, posts, threads):
    """The member's reactions to these posts and follows of these threads, in one round trip.

    Written as SQL: it runs on every shared page served, and building the two ORM queries
    cost more than the rest of filling the page. Only placeholders and our own table names
    are put into the text."""

    def placeholders(values):
        return ", ".join(["%s"] * len(values))

    parts, params = [], []
    targets = [
        (column, sorted(posts[post]))
        for post, column in [("thread", "thread_id"), ("reply", "reply_id")]
    ]
    targets = [(column, ids) for column, ids in targets if ids]
    if targets:
        where = " OR ".join(f"{column} IN ({placeholders(ids)})" for column, ids in targets)
        parts.append(
            f"SELECT thread_id, reply_id, kind FROM {Reaction._meta.db_table} "  # noqa: S608
            f"WHERE user_id = %s AND ({where})"
        )
        params += [user_pk, *(int(pk) for _, ids in targets for pk in ids)]
    if threads:
        parts.append(
            f"SELECT thread_id, NULL, NULL FROM {Subscription._meta.db_table} "  # noqa: S608
            f"WHERE user_id = %s AND thread_id IN ({placeholders(threads)})"
        )
        params += [user_pk, *(int(pk) for pk in threads)]
    with connections[router.db_for_read(Reaction)].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    found = set()
    for thread, reply, kind in rows:
        if kind is None:
            found.add(("following", str(thread)))
        elif reply is None:
            found.add(("thread", str(thread), kind))
        else:
            found.add(("reply", str(reply), kind))
    return found


def fill(request, html):
    """`html` with every hole filled for the member making `request`: one pass over the
    page's markers, keeping or dropping each personal part and filling each hole."""
    if MARK not in html:
        return html
    parts = MARKER.split(html)  # text, marker, text, marker, …, text
    markers = [part[5:-3] for part in parts[1::2]]
    filling = Fill(request, html)
    out = [parts[0]]
    showing, kept = True, True
    for marker, text in zip(markers, parts[2::2], strict=True):
        if marker == "else":
            showing = not kept
        elif marker == "end":
            showing = True
        elif showing or marker.startswith("if:"):
            what, kind, args = _parse(marker)
            if what == "if":
                test = IF_KINDS.get(kind)
                if test is None:
                    logger.warning("A page has a personal part of an unknown kind: %s", kind)
                kept = showing = test is not None and bool(test(filling, *args))
            else:
                make = PUT_KINDS.get(kind)
                if make is None:
                    logger.warning("A page has a personal hole of an unknown kind: %s", kind)
                else:
                    out.append(make(filling, *args))
        if showing:
            out.append(text)
    return "".join(out)


class PersonalPartsMiddleware:
    """Fills the holes of every HTML page on its way out (before the CSRF middleware, which
    sends the form token's cookie when a page used it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and MARK.encode() in response.content
        ):
            charset = response.charset
            response.content = fill(request, response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


# --- The shared page ----------------------------------------------------------------------


def variant(request):
    """Which shared page this request may be served ("member"), or None for a page made
    afresh (see the module docstring for who and why)."""
    if settings.MEMBER_PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if not available():  # fail closed: no shared page while the cache is unreachable
        return None
    user = request.user
    if not user.is_authenticated:
        return None  # visitors: the anonymous page cache (caching/pagecache.py)
    answers = members.facts(user)
    if answers["staff"] or answers["moderator"] or answers["holding"]:
        return None
    if request.COOKIES.get("messages") or "_messages" in request.session:
        return None
    return "member"


def page_key(request, kind, current):
    """The shared page's key: the generation, the address hashed (any text makes a short,
    safe key), and which restricted articles the member may see (articles.visibility), so a
    page that names one is shared only with members who may see it too."""
    address = environ_key(request.META, current).encode()
    digest = hashlib.sha256(address).hexdigest()
    return f"{KEY_PREFIX}:{kind}:{current}:{reader_key(request.user)}:{digest}"


def storable(request, response):
    """What the anonymous page cache would store, made by a request that neither wrote a
    form token itself (rather than through {% form_token %}) nor changed the session."""
    return (
        AnonymousPageCacheMiddleware.storable(request, response)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        and not request.session.modified
    )


def shared_page(request):
    """(key, stored page) of the shared page this request may be served: (None, None) for a
    page made afresh (variant), (key, None) for one not stored yet."""
    kind = variant(request)
    if kind is None:
        return None, None
    current = generation()
    if current is None:
        return None, None
    key = page_key(request, kind, current)
    return key, stored_page(current, key, settings.MEMBER_PAGE_CACHE_SECONDS)


def shared_with_members(view):
    """View decorator: plain members get the page from the shared cache, holes filled by
    PersonalPartsMiddleware; the first member to ask after a change builds it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        key, stored = shared_page(request)
        if key is None:
            return view(request, *args, **kwargs)
        if stored is not None:
            return stored_response(stored)
        response = view(request, *args, **kwargs)
        if storable(request, response):
            # Stored on its way out, with the headers the middleware adds (StorePageMiddleware).
            request.shared_page = (key, response.content)
            response["X-Member-Page-Cache"] = "miss"
        return response

    wrapped.shared_with_members = True  # what SharedPageApp looks for (outer @wraps copy it)
    return wrapped


class StorePageMiddleware:
    """Stores the shared page a view built (shared_with_members) once every middleware inside
    this one has added its headers (security policy, framing, permissions), so that the
    page is served later with the same headers without running them (SharedPageApp)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        shared = getattr(request, "shared_page", None)
        if shared is not None and response.status_code == 200:
            key, content = shared
            cache.set(key, (content, kept_headers(response)), settings.MEMBER_PAGE_CACHE_SECONDS)
        return response


def stored_response(stored):
    """A response for a stored shared page, its holes not filled yet."""
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response["X-Member-Page-Cache"] = "hit"
    return response


# --- In front of Django -------------------------------------------------------------------

# The middleware SharedPageApp runs for a stored shared page, in settings.MIDDLEWARE's
# order: who the member is (session, authentication), their form token and its cookie, the
# HTTPS, host and read-your-writes checks, and the holes filled.
FRONT_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "portal.routers.PrimaryPinMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "caching.pagecache.PrivateMemberPagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.middleware.MemberAuthenticationMiddleware",
    "community.shells.PersonalPartsMiddleware",
    "accounts.reading_preferences.ReadingPreferencesMiddleware",
)
# Why the rest cannot change what a stored shared page's member gets. A middleware in
# neither list turns the front off (with a warning), until someone decides which it is.
NOT_IN_FRONT = {
    "portal.middleware.DatabaseUnavailableMiddleware": "a database error goes to Django",
    "portal.middleware.RejectNullCharactersMiddleware": "a NUL gets a 400: never stored",
    "whitenoise.middleware.WhiteNoiseMiddleware": "static files are not shared pages",
    "caching.pagecache.AnonymousPageCacheMiddleware": "visitors only",
    "community.shells.StorePageMiddleware": "stores what the front serves",
    "django.contrib.messages.middleware.MessageMiddleware": "messages waiting: made afresh",
    "allauth.account.middleware.AccountMiddleware": "acts on 404s and its exceptions",
    "django.middleware.clickjacking.XFrameOptionsMiddleware": "header stored with the page",
    "accounts.middleware.StaffSecurityMiddleware": "staff: made afresh",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware": "acts on 404s",
    "csp.middleware.CSPMiddleware": "header stored with the page",
    "django_permissions_policy.PermissionsPolicyMiddleware": "header stored with the page",
    "django_ratelimit.middleware.RatelimitMiddleware": "acts on refused requests",
    "zeal.middleware.zeal_middleware": "N+1 detection in the test settings",
}


@lru_cache(maxsize=4096)
def shared_view(path):
    """Whether the view at `path` is marked @shared_with_members (asked once per address)."""
    try:
        return getattr(resolve(path).func, "shared_with_members", False)
    except Resolver404:
        return False


class SessionMembers:
    """Which member each session belonged to when this worker last served it (at most
    LIMIT sessions, forgotten all at once beyond that): only a guess, checked every time."""

    LIMIT = 10_000

    def __init__(self):
        self.members = {}

    def get(self, session_key):
        return self.members.get(session_key)

    def remember(self, session_key, pk):
        if len(self.members) >= self.LIMIT:
            self.members = {}
        self.members[session_key] = pk


class PassToDjango(Exception):  # noqa: N818 - a decision, not an error
    """This request is not a stored shared page for a plain member: Django serves it."""


class SharedPageApp:
    """WSGI front for members' shared pages: a repeat page served without Django's full stack.

    A stored shared page needs little on its way to a member: who they are, their personal
    parts, their form token. SharedPageApp answers a signed-in GET for a view marked
    @shared_with_members through only the middleware that provide those (FRONT_MIDDLEWARE,
    Django's own classes, so sessions, CSRF and authentication work exactly as in Django),
    around the stored page; everything else (a page not stored yet, a moderator, a member
    with a post awaiting review or a message waiting, any other page) goes to Django
    unchanged. Looking changes nothing: a session that would need renewing or ending is
    left to Django (members.LookOnly). When the worker has served a session before, the
    session and its member's cached entries are read in one round trip (read_ahead), or
    none while the worker's tracked copies of them are current (caching.backends).
    PageCacheApp (caching/pagecache.py) does the same for visitors without a session.
    """

    def __init__(self, application):
        self.application = application
        unknown = [
            name
            for name in settings.MIDDLEWARE
            if name not in FRONT_MIDDLEWARE and name not in NOT_IN_FRONT
        ]
        if unknown:
            logger.warning("Shared pages are served by Django alone: %s", ", ".join(unknown))
            self.handler = None
            return
        handler = self.answer
        for name in reversed([name for name in settings.MIDDLEWARE if name in FRONT_MIDDLEWARE]):
            handler = import_string(name)(handler)
        self.handler = handler
        self.sessions = SessionMembers()
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore
        self.reads_ahead = issubclass(self.session_store, ReadAheadSessionStore)

    def session_key(self, environ):
        """The session cookie of a request the front may answer, else None."""
        if (
            self.handler is None
            or settings.MEMBER_PAGE_CACHE_SECONDS <= 0
            or not available()
            or environ.get("REQUEST_METHOD") != "GET"
            or environ.get("PATH_INFO", "").startswith(SKIPPED_PREFIXES)
        ):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if "messages" in cookies:
            return None
        return cookies.get(settings.SESSION_COOKIE_NAME) or None

    def __call__(self, environ, start_response):
        session_key = self.session_key(environ)
        if session_key is None:
            return self.application(environ, start_response)
        # As Django's WSGIHandler: the script prefix, and request_started (database
        # connections checked, the page cache's generation read once for the request).
        set_script_prefix(get_script_name(environ))
        request_started.send(sender=type(self), environ=environ)
        response = None
        try:
            self.read_ahead(session_key)
            request = WSGIRequest(environ)
            request.look_only = True
            response = self.handler(request)
            self.sessions.remember(session_key, request.user.pk)
        except (PassToDjango, members.LookOnly):
            pass
        except Exception:  # Django serves it instead, and reports the error its own way
            logger.exception("A shared page could not be served in front of Django")
        finally:
            members.forget_ahead()
        if response is None:
            request_finished.send(sender=type(self))
            return self.application(environ, start_response)
        response._handler_class = type(self)  # close() sends request_finished
        start_response(
            f"{response.status_code} {response.reason_phrase}",
            [
                *response.items(),
                *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
            ],
        )
        return response

    def read_ahead(self, session_key):
        """The session and the member it belonged to when this worker last served it, in
        one round trip (accounts/sessions.py takes the session from it). Only a guess of which
        member to read: if the session now belongs to another, that member is read as usual."""
        pk = self.sessions.get(session_key)
        if pk is None or not self.reads_ahead:
            return
        store = self.session_store(session_key)
        if store.session_key:  # a well-formed key
            members.read_ahead(pk, store.cache_key)

    @staticmethod
    def answer(request):
        """The innermost step: the stored page for a plain member, or PassToDjango."""
        if not shared_view(request.path_info):
            raise PassToDjango
        _, stored = shared_page(request)
        if stored is None:
            raise PassToDjango
        return stored_response(stored)
