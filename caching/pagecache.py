"""Whole-page caching for anonymous visitors, cleared by any change to what pages show.

Most readers are not signed in, and the articles change a few times a week. A visitor with no
session cookie gets the page from the shared cache (Redis in production) without touching the
database; everyone signed in always gets a fresh page, so nobody ever sees a page made for
someone else.

Invalidation is by generation (caching/generation.py, kept in the database): every cached
key includes it, and publishing, unpublishing or moving a page, saving a snippet or the site
settings, or any change to a thread, reply, question, answer, reaction or tag moves it on,
so the next request for any page is built afresh. Simple, and correct by construction.

A hit needs the generation (one small query) and the page. Each worker keeps the pages of
the current generation it has served in its own memory (PAGE_CACHE_LOCAL_PAGES of them,
PAGE_CACHE_LOCAL_MB at most), and fetches a page from the shared cache only when it has not
seen it yet. While the shared cache is unreachable, no page is served from or stored in
either (caching.backends.available): pages are built afresh, never stale.
"""

import logging
import threading
import time
import urllib.request
from collections import OrderedDict

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished as finished
from django.core.signals import request_started as started
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import patch_cache_control
from wagtail.signals import page_published, page_unpublished

from caching import generation as caching_generation
from caching.backends import available

logger = logging.getLogger(__name__)

KEY_PREFIX = "pagecache:v2"  # v2: generations from the database, every header kept
# Apps whose saves and deletes change what pages show, and their bookkeeping models that
# change nothing a page shows. Third-party apps are named here; the portal's apps add
# themselves from their AppConfig.ready() with `changes_pages`, so this app names none.
CONTENT_APPS = {"taggit", "wagtailcore"}
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
}
SKIPPED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/healthz/",
    "/static/",
    "/media/",
    "/members/",
)
# Headers never stored with a page: made for one response (a cookie, the cache's own mark)
# or recomputed when it is served. Everything else is stored, so a hit is the same answer as
# a miss, security headers, Vary, Last-Modified and X-Robots-Tag included.
NOT_KEPT_HEADERS = frozenset(
    {"set-cookie", "content-length", "date", "x-page-cache", "x-member-page-cache"}
)


def generation():
    """The page generation for this request (caching.generation), or None while it cannot
    be read: then nothing is served from or stored in a page cache."""
    return caching_generation.current()


# App label -> fields whose change alone shows on no page (a save of only these is ignored).
UNSEEN_FIELDS = {}


def changes_pages(app_label, *, except_models=(), unseen_fields=()):
    """Declare that saving or deleting `app_label`'s models changes what pages show, so it
    moves the page generation; except the models in `except_models` ("app.Model" labels:
    bookkeeping no page shows), and saves that change only `unseen_fields`. Call it from the
    app's AppConfig.ready(). Services that `.update()` still call
    caching.generation.invalidate() themselves."""
    CONTENT_APPS.add(app_label)
    IGNORED_MODELS.update(label.lower() for label in except_models)
    if unseen_fields:
        UNSEEN_FIELDS[app_label] = frozenset(unseen_fields)


def bump(**kwargs):
    """Signal receiver: something pages show has changed; forget every cached page."""
    sender = kwargs.get("sender")
    if sender is not None and hasattr(sender, "_meta"):
        if not _current_model(sender):
            return
        app_label, label = sender._meta.app_label, sender._meta.label_lower
        if app_label not in CONTENT_APPS or label in IGNORED_MODELS:
            return
        fields = kwargs.get("update_fields")
        if fields is not None and set(fields) <= UNSEEN_FIELDS.get(app_label, set()):
            return
    caching_generation.invalidate()


def _current_model(sender):
    """False for the historical models that migrations use (the cache may not exist yet)."""
    try:
        return django_apps.get_model(sender._meta.label) is sender
    except LookupError:
        return False


class BanRequest(urllib.request.Request):
    def get_method(self):
        return "BAN"


def queue_front_cache_ban():
    """With a caching front (VARNISH_URL), one BAN once the current transaction commits,
    however many rows it changed (caching.generation.on_invalidate, connected below)."""
    if settings.VARNISH_URL:
        caching_generation.on_commit_once(ban_front_cache)


def ban_front_cache():
    """Ask the caching front (Varnish, VARNISH_URL) to drop every page it holds.

    Wagtail's frontend cache app PURGEs a published page's own URLs; but a new reply also
    changes the community list, the tag pages and the article it is about, so anything
    else that bumps the generation clears the front as well (deploy/varnish/portal.vcl
    answers BAN from the app servers only)."""
    try:
        urllib.request.urlopen(  # noqa: S310 - the configured VARNISH_URL
            BanRequest(settings.VARNISH_URL.rstrip("/") + "/"), timeout=2
        ).close()
    except OSError as error:  # never fail the change itself; the TTL bounds staleness
        logger.warning("Could not clear the caching front at %s: %s", settings.VARNISH_URL, error)


def cacheable_environ(environ):
    """Whether this request may be answered from, or stored in, the page cache.

    Works on the WSGI environ (request.META in Django), so the WSGI front (PageCacheApp) and
    the middleware agree exactly on which requests and which keys."""
    if settings.PAGE_CACHE_SECONDS <= 0 or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if not available():  # fail closed: nothing from any page cache while Redis is unreachable
        return False
    if environ.get("PATH_INFO", "").startswith(SKIPPED_PREFIXES):
        return False
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def cacheable_request(request):
    return cacheable_environ(request.META)


def environ_key(environ, current):
    scheme = environ.get("wsgi.url_scheme", "http")
    if settings.SECURE_PROXY_SSL_HEADER:  # behind a TLS proxy, as Django's request.scheme
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        if environ.get(header, "").split(",")[0].strip() == secure_value:
            scheme = "https"
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
    return f"{KEY_PREFIX}:{current}:{scheme}://{host}{path}{'?' + query if query else ''}"


def cache_key(request, current=None):
    return environ_key(request.META, generation() if current is None else current)


def kept_headers(response):
    """The headers stored with a cached page: all but NOT_KEPT_HEADERS."""
    return {
        name: value
        for name, value in response.headers.items()
        if name.lower() not in NOT_KEPT_HEADERS
    }


def stored_page(current, key, seconds=None):
    """(content, headers) of a cached page, from this worker's memory or the shared cache
    (where it lives for `seconds`, PAGE_CACHE_SECONDS unless given); None for a generation
    that could not be read."""
    if current is None:
        return None
    stored = local_pages.get(current, key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            local_pages.put(current, key, stored, seconds)
    return stored


class LocalPages:
    """This worker's copies of the current generation's pages, least recently used dropped
    beyond PAGE_CACHE_LOCAL_PAGES pages or PAGE_CACHE_LOCAL_MB of content."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.pages = OrderedDict()
        self.size = 0

    def get(self, current, key):
        with self.lock:
            if current != self.generation:  # something changed: every copy is stale
                self.generation, self.pages, self.size = current, OrderedDict(), 0
                return None
            found = self.pages.get(key)
            if found is None:
                return None
            expires, stored = found
            if expires < time.monotonic():  # as old as the shared copy would be: rebuild
                self._drop(key)
                return None
            self.pages.move_to_end(key)
            return stored

    def put(self, current, key, stored, seconds=None):
        limit, budget = settings.PAGE_CACHE_LOCAL_PAGES, settings.PAGE_CACHE_LOCAL_MB * 2**20
        seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
        with self.lock:
            if current != self.generation or limit <= 0 or len(stored[0]) > budget:
                return
            if key in self.pages:
                self._drop(key)
            self.pages[key] = (time.monotonic() + seconds, stored)
            self.size += len(stored[0])
            while len(self.pages) > limit or self.size > budget:
                self._drop(next(iter(self.pages)))

    def _drop(self, key):
        _, (content, _) = self.pages.pop(key)
        self.size -= len(content)


local_pages = LocalPages()


class AnonymousPageCacheMiddleware:
    """Serves and stores whole pages for visitors without a session (see module docstring).

    It is the outermost middleware, so a page is stored with every header the others added
    (security headers, Vary, Last-Modified, X-Robots-Tag) and a hit is the same answer as a
    miss. A stored page says how long a shared cache may keep it (`s-maxage`); browsers
    ask again each time (`max-age=0`), so a change shows on the next visit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        current = generation()
        key = cache_key(request, current)
        stored = stored_page(current, key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, status=200)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if current is not None and self.storable(request, response):
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
            headers = kept_headers(response)
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            local_pages.put(current, key, (response.content, headers))
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def storable(request, response):
        """A whole page made for anyone: a 200, not marked private or no-store by its view
        (a member's own held post, say), and setting no cookie."""
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies  # a CSRF or session cookie: made for this visitor
            and "private" not in cache_control
            and "no-store" not in cache_control
        )


class PrivateMemberPagesMiddleware:
    """`Cache-Control: private` on every answer to a request with a session (a member's
    page holds their name, unread count and form token), so no shared cache, Varnish or
    any other proxy, keeps it. Placed inside the shared pages' store, so a stored member
    page carries it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        name = settings.SESSION_COOKIE_NAME
        if name in request.COOKIES or name in response.cookies:
            patch_cache_control(response, private=True)
        return response


class PageCacheApp:
    """WSGI front for the page cache: a hit is answered before Django builds a request.

    The middleware above stores pages; this answers repeat visits with the same bytes and
    headers, at the cost of one look-up of the generation, without Django's request
    handling, middleware or signals. Everything else goes to Django unchanged. Hosts are
    safe: only pages Django served for an allowed host are ever stored under that host.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if cacheable_environ(environ):
            current = generation()
            stored = stored_page(current, environ_key(environ, current))
            if stored is not None:
                content, headers = stored
                start_response(
                    "200 OK",
                    [
                        *headers.items(),
                        ("Content-Length", str(len(content))),
                        ("X-Page-Cache", "hit"),
                    ],
                )
                return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]
        return self.application(environ, start_response)


def connect_signals():
    """Move the generation on every save, delete and publication; read it once per request
    (called from CachingConfig.ready())."""
    caching_generation.on_invalidate(queue_front_cache_ban)
    started.connect(caching_generation.request_started, dispatch_uid="pagecache-started")
    finished.connect(caching_generation.request_finished, dispatch_uid="pagecache-finished")

    post_save.connect(bump, dispatch_uid="pagecache-save")
    post_delete.connect(bump, dispatch_uid="pagecache-delete")
    m2m_changed.connect(bump, dispatch_uid="pagecache-m2m")
    page_published.connect(bump, dispatch_uid="pagecache-published")
    page_unpublished.connect(bump, dispatch_uid="pagecache-unpublished")
    # A new release runs its migrations: pages cached by the previous release's templates
    # and code are forgotten (once per migrate: post_migrate is sent for each app with
    # models, and this app always has them).
    post_migrate.connect(
        new_release,
        sender=django_apps.get_app_config("caching"),
        dispatch_uid="pagecache-release",
    )


def new_release(**kwargs):
    """post_migrate: what earlier code cached may not be what this code would show."""
    caching_generation.move_on()
