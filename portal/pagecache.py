"""Whole-page caching for anonymous visitors, cleared by any change to what pages show.

Most readers are not signed in, and the articles change a few times a week. A visitor with no
session cookie gets the page from the shared cache (Redis in production) without touching the
database; everyone signed in always gets a fresh page, so nobody ever sees a page made for
someone else.

Invalidation is by generation: every cached key includes a counter, and publishing,
unpublishing or moving a page, saving a snippet or the site settings, or any change to a
thread, reply, question, answer, reaction or tag bumps it, so the next request for any page
is built afresh. Simple, and correct by construction.
"""

import logging

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse

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
    "Vary",
)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


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
    try:
        # A savepoint: with the database cache, a failure must not spoil the caller's
        # transaction (PostgreSQL refuses every statement after an error until rollback).
        with transaction.atomic():
            try:
                cache.incr(GENERATION_KEY)
            except ValueError:  # not there yet (or evicted): start a new generation
                cache.set(GENERATION_KEY, 2, None)
    except DatabaseError as error:
        logger.warning("Could not clear the page cache: %s", error)


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def cache_key(request):
    return f"{KEY_PREFIX}:{generation()}:{request.get_host()}:{request.get_full_path()}"


class AnonymousPageCacheMiddleware:
    """Serves and stores whole pages for visitors without a session (see module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, status=200)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
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


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(bump, dispatch_uid="pagecache-save")
    post_delete.connect(bump, dispatch_uid="pagecache-delete")
    m2m_changed.connect(bump, dispatch_uid="pagecache-m2m")
    page_published.connect(bump, dispatch_uid="pagecache-published")
    page_unpublished.connect(bump, dispatch_uid="pagecache-unpublished")
