"""Whole-page caching for anonymous visitors, cleared by any change to what pages show.

Most readers are not signed in, and the articles change a few times a week. A visitor with no
session cookie gets the page from the shared cache (Redis in production) without touching the
database; everyone signed in always gets a fresh page, so nobody ever sees a page made for
someone else.

Invalidation is by generation: every cached key includes a counter, and publishing,
unpublishing or moving a page, saving a snippet or the site settings, or any change to a
thread, reply, question, answer, reaction or tag bumps it, so the next request for any page
is built afresh. Simple, and correct by construction.

A hit needs the generation and the page. Each worker keeps the pages of the current
generation it has served in its own memory (PAGE_CACHE_LOCAL_PAGES of them,
PAGE_CACHE_LOCAL_MB at most), and fetches a page from the shared cache only when it has not
seen it yet. With Redis it also keeps its own copy of the generation, which Redis tells it
of every change to (portal.cache.TrackedEntries), so a hit needs no round trip at all;
otherwise the generation is read from the shared cache on every request. Either way the
generation is what keeps every worker, on every app server, showing a published change at
once.
"""

import logging
import threading
import time
import urllib.request
from collections import OrderedDict

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.http.cookie import parse_cookie

from portal.cache import forget_tracked, read_tracked

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:v1"
# Apps whose models change what pages show. Noisy bookkeeping models are left out below.
CONTENT_APPS = {"accounts", "articles", "community", "taggit", "wagtailcore"}
IGNORED_MODELS = {
    "community.notification",
    "community.subscription",
    "community.report",
    "community.postedit",
    "community.restriction",
    "community.wordlist",
    "community.rejectionreason",
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
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Strict-Transport-Security",
    "Vary",
)


# The generation, read once per request: a page asks for it for every fragment it shows.
# Set only between request_started and request_finished in the thread serving the request,
# and dropped by bump(), so a request sees its own changes and never a stale value later.
_request = threading.local()


def generation():
    memo = getattr(_request, "generation", None)
    if memo is not None:
        return memo
    value = tracked_generation()
    if value is None:
        value = read_generation()
    if getattr(_request, "active", False):
        _request.generation = value
    return value


def tracked_generation():
    """The generation from this process's tracked copy (portal.cache.TrackedEntries: no
    round trip while it has not changed), or None: not Redis, CACHE_TRACKING off, or the
    tracking failing."""
    found = read_tracked(cache, [GENERATION_KEY])
    return None if found is None else found.get(GENERATION_KEY)


def read_generation():
    """The generation read from the shared cache, started if it has none."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, first_generation(), None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def first_generation():
    """Where the generation starts when the shared cache has none (a new or flushed Redis):
    the time in milliseconds, so it never comes back to a number a worker may still hold
    pages for in its own memory."""
    return time.time_ns() // 1_000_000


def remember_generation(value):
    """The generation, read by someone else for this request in the same round trip as what
    they needed (portal/members.py reads it with the signed-in member)."""
    if value is not None and getattr(_request, "active", False) and _request.generation is None:
        _request.generation = value


def request_started(**kwargs):
    _request.active, _request.generation = True, None


def request_finished(**kwargs):
    _request.active, _request.generation = False, None


def _current_model(sender):
    """False for the historical models that migrations use (the cache may not exist yet)."""
    try:
        return django_apps.get_model(sender._meta.label) is sender
    except LookupError:
        return False


def bump(**kwargs):
    """Signal receiver: something pages show has changed; forget every cached page."""
    sender = kwargs.get("sender")
    if sender is not None and hasattr(sender, "_meta"):
        if not _current_model(sender):
            return
        label = sender._meta.label_lower
        if sender._meta.app_label not in CONTENT_APPS or label in IGNORED_MODELS:
            return
        signing_in = kwargs.get("update_fields") is not None and set(kwargs["update_fields"]) <= {
            "last_login",
            "password",
        }
        if sender._meta.app_label == "accounts" and signing_in:
            return  # signing in changes nothing that pages show
    if settings.VARNISH_URL:
        queue_front_cache_ban()
    move_on()
    # And again once the change is committed: a request that read the new generation before
    # the commit may have cached what it saw then, which must not outlive the commit.
    if transaction.get_connection().in_atomic_block:
        on_commit_once(move_on)


def move_on():
    """A new generation: every page and fragment cached so far is forgotten."""
    _request.generation = None
    try:
        # A savepoint: with the database cache, a failure must not spoil the caller's
        # transaction (PostgreSQL refuses every statement after an error until rollback).
        with transaction.atomic():
            try:
                cache.incr(GENERATION_KEY)
            except ValueError:  # not there yet (or evicted): start a new generation
                cache.set(GENERATION_KEY, first_generation(), None)
        forget_tracked(cache, [GENERATION_KEY])  # this process's copy goes at once
    except DatabaseError as error:
        logger.warning("Could not clear the page cache: %s", error)


class BanRequest(urllib.request.Request):
    def get_method(self):
        return "BAN"


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


def on_commit_once(func):
    """func() once the current transaction commits (at once outside one), however many
    changes in the transaction ask for it."""
    connection = transaction.get_connection()
    queued = connection.in_atomic_block and any(
        entry[1] is func for entry in connection.run_on_commit
    )
    if not queued:
        transaction.on_commit(func)


def queue_front_cache_ban():
    """One BAN once the current transaction commits, however many rows it changed."""
    on_commit_once(ban_front_cache)


def cacheable_environ(environ):
    """Whether this request may be answered from, or stored in, the page cache.

    Works on the WSGI environ (request.META in Django), so the WSGI front (PageCacheApp) and
    the middleware agree exactly on which requests and which keys."""
    if settings.PAGE_CACHE_SECONDS <= 0 or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
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
    """The headers stored with a cached page (KEPT_HEADERS that the response has)."""
    return {name: response[name] for name in KEPT_HEADERS if name in response}


def stored_page(current, key, seconds=None):
    """(content, headers) of a cached page, from this worker's memory or the shared cache
    (where it lives for `seconds`, PAGE_CACHE_SECONDS unless given)."""
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
    """Serves and stores whole pages for visitors without a session (see module docstring)."""

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
        if self.storable(request, response):
            headers = kept_headers(response)
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            local_pages.put(current, key, (response.content, headers))
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def storable(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies  # a CSRF or session cookie: made for this visitor
            and not getattr(request, "_page_cache_skip", False)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )


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
    from django.core.signals import request_finished as finished
    from django.core.signals import request_started as started
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
    from wagtail.signals import page_published, page_unpublished

    started.connect(request_started, dispatch_uid="pagecache-request-started")
    finished.connect(request_finished, dispatch_uid="pagecache-request-finished")

    post_save.connect(bump, dispatch_uid="pagecache-save")
    post_delete.connect(bump, dispatch_uid="pagecache-delete")
    m2m_changed.connect(bump, dispatch_uid="pagecache-m2m")
    page_published.connect(bump, dispatch_uid="pagecache-published")
    page_unpublished.connect(bump, dispatch_uid="pagecache-unpublished")
    # A new release runs its migrations: pages cached by the previous release's templates
    # and code are forgotten (once per migrate: post_migrate is sent for each app with
    # models, and the community app always has them).
    post_migrate.connect(
        new_release,
        sender=django_apps.get_app_config("community"),
        dispatch_uid="pagecache-release",
    )


def new_release(**kwargs):
    """post_migrate: what earlier code cached may not be what this code would show."""
    move_on()
