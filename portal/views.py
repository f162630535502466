"""Site-wide views that are not Wagtail pages: health check, robots.txt and search."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as default_server_error

from articles.visibility import reader_key
from caching.fragments import CachedCountPaginator, cached
from common.ratelimits import limit
from community import search as site_search
from community.shells import shared_with_members
from portal.middleware import DatabaseUnavailableMiddleware

logger = logging.getLogger(__name__)

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


@never_cache
@require_GET
def healthz(request):
    """Say whether the site can reach its database: 200 when it can, 503 when it cannot.

    Load balancers and uptime monitors call this, so it is small, uncached and JSON.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database is unavailable")
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    """Keep crawlers out of the admin and account pages and point them at the sitemap."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(
        request,
        "portal/robots.txt",
        {"sitemap_url": sitemap_url},
        content_type="text/plain; charset=utf-8",
    )


def server_error(request):
    """handler500: the calm 503 page when the cause is an unreachable database (raised in a
    middleware, before DatabaseUnavailableMiddleware could see it), else the 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return DatabaseUnavailableMiddleware.unavailable(error)
    return default_server_error(request)


def rate_limited(request, exception=None):
    """Too many requests in a short time: a calm page with status 429, nothing changed."""
    return render(request, "429.html", status=429)


@require_GET
@shared_with_members
@limit("search", method="GET")
def search(request):
    """Search pages, glossary, discussions and answered questions, from the URL's q and page.

    The rate limit guards the searching: a page already shared with members (or cached for
    visitors) is served without it, as it costs no query."""
    query = request.GET.get("q", "").strip()
    too_long = len(query) > SEARCH_QUERY_MAX_LENGTH
    if too_long:
        query = query[:SEARCH_QUERY_MAX_LENGTH]

    results_page, glossary_matches, discussions, questions, suggestion = None, [], [], [], None
    if query:
        # The same query gives everyone the same results until content changes, so the
        # counts and the glossary, discussion and question matches are shared fragments;
        # the pages found are shared by the readers who may see the same pages (reader).
        reader = reader_key(request.user)
        paginator = CachedCountPaginator(
            site_search.search_pages(query, request.user),
            SEARCH_RESULTS_PER_PAGE,
            count_name=f"search:{reader}:{query}",
        )
        # get_page: page 1 for a bad number, the last page for one past the end.
        results_page = paginator.get_page(request.GET.get("page"))
        results_page.object_list = cached(
            "search-results",
            lambda: [
                {
                    "title": result.title,
                    "url": result.get_url(request),
                    "evidence_level": getattr(result, "evidence_level", ""),
                    # The glossary's synonyms of the query are marked too: they were found.
                    "search_snippet": site_search.highlight(
                        site_search.result_text(result), site_search.with_synonyms(query)
                    ),
                }
                for result in results_page.object_list
            ],
            query,
            results_page.number,
            request.get_host(),
            reader,
        )
        if results_page.number == 1:
            glossary_matches = cached(
                "search-glossary", lambda: site_search.search_glossary(query), query
            )
            discussions = cached(
                "search-discussions", lambda: site_search.search_discussions(query), query
            )
            questions = cached(
                "search-questions", lambda: site_search.search_questions(query), query
            )
        if not (paginator.count or glossary_matches or discussions or questions):
            suggestion = site_search.suggest(query, request.user)

    return render(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "search_results": results_page,
            "glossary_matches": glossary_matches,
            "discussions": discussions,
            "questions": questions,
            "suggestion": suggestion,
            "query_truncated": too_long,
            "query_max_length": SEARCH_QUERY_MAX_LENGTH,
        },
    )
