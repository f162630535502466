"""The anonymous page cache: served without the database, cleared by any content change,
never used for anyone signed in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import MechanismPage
from tests.factories import TEST_PASSWORD, ThreadFactory
from tests.running import wsgi_get

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_visitor_gets_a_cached_page_reading_only_the_generation(client, demo):
    first = client.get("/mechanisms/microglia/")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/mechanisms/microglia/")

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert len(captured) == 1 and "caching_generation" in captured[0]["sql"]  # nothing else
    assert second.content == first.content
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_publishing_a_change_shows_at_once(client, demo, editor):
    client.get("/mechanisms/microglia/")
    page = MechanismPage.objects.get(slug="microglia")
    draft = page.get_latest_revision_as_object()
    draft.summary = "A brand new summary for readers."
    draft.save_revision(user=editor).publish()

    response = client.get("/mechanisms/microglia/")

    assert response["X-Page-Cache"] == "miss"
    assert "A brand new summary for readers." in response.content.decode()


def test_a_new_discussion_shows_at_once_on_the_list(client, demo):
    client.get("/community/")
    ThreadFactory(title="Brand new discussion")

    assert "Brand new discussion" in client.get("/community/").content.decode()


def test_signed_in_members_never_get_or_fill_the_cache(client, demo, patient):
    anonymous = client.get("/community/")
    client.force_login(patient)

    mine = client.get("/community/")

    assert "X-Page-Cache" not in mine
    assert "patient" in mine.content.decode() and "patient" not in anonymous.content.decode()
    client.logout()
    again = client.get("/community/")
    assert again["X-Page-Cache"] == "hit"
    assert "patient" not in again.content.decode()


def test_signing_in_does_not_clear_the_cache(client, demo, patient):
    from caching.pagecache import generation

    before = generation()
    response = client.post("/accounts/login/", {"login": patient.email, "password": TEST_PASSWORD})

    assert response.status_code == 302  # signed in, which saved last_login
    assert generation() == before


def test_sign_in_pages_and_responses_with_cookies_are_never_stored(client, demo, rf):
    from django.http import HttpResponse

    from caching.pagecache import AnonymousPageCacheMiddleware

    assert "X-Page-Cache" not in client.get("/accounts/login/")
    with_cookie = HttpResponse("made for one visitor")
    with_cookie.set_cookie("csrftoken", "abc")

    assert AnonymousPageCacheMiddleware.storable(rf.get("/"), with_cookie) is False
    assert AnonymousPageCacheMiddleware.storable(rf.get("/"), HttpResponse("shared")) is True


def test_a_fresh_database_migrates_with_the_database_cache(tmp_path):
    # Migrations save pages before the cache table exists; clearing the page cache must not
    # get in their way.
    from tests.running import run_manage

    result = run_manage(
        ["migrate", "--noinput", "-v", "0"],
        "portal.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        PAGE_CACHE_SECONDS="300",
    )

    assert result.returncode == 0, result.stderr[-3000:]


def test_the_wsgi_front_answers_repeat_visits_reading_only_the_generation(wsgi_front, demo):
    status, first_headers, first = wsgi_get(wsgi_front, "/mechanisms/microglia/")
    with CaptureQueriesContext(connection) as captured:
        status, headers, second = wsgi_get(wsgi_front, "/mechanisms/microglia/")

    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert wsgi_front.reached == ["/mechanisms/microglia/"]  # the second never reached Django
    assert len(captured) == 1 and "caching_generation" in captured[0]["sql"]
    assert second == first and int(headers["Content-Length"]) == len(first)
    assert headers["Content-Security-Policy"] == first_headers["Content-Security-Policy"]
    assert headers["Content-Type"].startswith("text/html")


@pytest.fixture
def shared_cache(request):
    """The tests' own cache, or Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")


@pytest.mark.parametrize("shared_cache", ["test cache", "redis"], indirect=True)
def test_the_wsgi_front_shows_a_published_change_at_once(shared_cache, wsgi_front, demo, editor):
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    wsgi_get(wsgi_front, "/mechanisms/microglia/")
    page = MechanismPage.objects.get(slug="microglia")
    draft = page.get_latest_revision_as_object()
    draft.summary = "Freshly reviewed summary."
    draft.save_revision(user=editor).publish()

    status, headers, body = wsgi_get(wsgi_front, "/mechanisms/microglia/")

    assert headers["X-Page-Cache"] == "miss"
    assert "Freshly reviewed summary." in body.decode()


def test_the_wsgi_front_passes_members_and_head_requests_correctly(
    wsgi_front, demo, client, patient
):
    wsgi_get(wsgi_front, "/community/")
    client.force_login(patient)
    member_cookie = f"sessionid={client.cookies['sessionid'].value}"

    status, headers, body = wsgi_get(wsgi_front, "/community/", cookie=member_cookie)
    assert "X-Page-Cache" not in headers and patient.display_name in body.decode()
    assert wsgi_front.reached == ["/community/", "/community/"]

    status, headers, body = wsgi_get(wsgi_front, "/community/", method="HEAD")
    assert headers["X-Page-Cache"] == "hit" and body == b""
    assert int(headers["Content-Length"]) > 1000


def test_the_wsgi_front_keeps_pages_apart_by_query_and_host(wsgi_front, demo):
    wsgi_get(wsgi_front, "/search/?q=microglia")
    status, headers, other = wsgi_get(wsgi_front, "/search/?q=sleep")
    assert headers["X-Page-Cache"] == "miss"
    assert 'value="sleep"' in other.decode()

    status, headers, again = wsgi_get(wsgi_front, "/search/?q=microglia")
    assert headers["X-Page-Cache"] == "hit" and 'value="microglia"' in again.decode()
    status, headers, elsewhere = wsgi_get(wsgi_front, "/search/?q=microglia", host="localhost")
    assert headers["X-Page-Cache"] == "miss"


def test_a_forwarded_scheme_counts_only_behind_a_configured_proxy(settings):
    from caching.pagecache import environ_key

    plain = {"wsgi.url_scheme": "http", "HTTP_HOST": "testserver", "PATH_INFO": "/"}
    forged = {**plain, "HTTP_X_FORWARDED_PROTO": "https"}

    settings.SECURE_PROXY_SSL_HEADER = None
    assert environ_key(forged, 1) == environ_key(plain, 1)
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert environ_key(forged, 1) == "pagecache:v2:1:https://testserver/"


def test_page_cache_after_a_flushed_cache_never_serves_a_workers_older_copy(client, demo):
    from django.core.cache import cache

    from caching import pagecache

    client.get("/community/")
    assert client.get("/community/")["X-Page-Cache"] == "hit"  # kept in this worker's memory
    before = pagecache.generation()

    cache.clear()  # Redis flushed or restarted: the generation lives on in the database
    ThreadFactory(title="Started after the flush")

    assert pagecache.generation() > before  # never a number the worker held pages for
    response = client.get("/community/")
    assert response["X-Page-Cache"] == "miss"
    assert "Started after the flush" in response.content.decode()


def test_page_cache_keeps_at_most_its_budget_of_pages_in_worker_memory(settings):
    from caching.pagecache import LocalPages

    settings.PAGE_CACHE_LOCAL_PAGES, settings.PAGE_CACHE_LOCAL_MB = 3, 1
    pages = LocalPages()
    pages.get(7, "any")  # the current generation
    small, large = b"x" * 1000, b"y" * 600_000
    for key in ("a", "b", "c", "d"):
        pages.put(7, key, (small, {}))
    assert [pages.get(7, key) is not None for key in "abcd"] == [False, True, True, True]

    pages.put(7, "big", (large, {}))
    pages.put(7, "bigger", (large, {}))  # over 1 MB together: the older one goes

    assert pages.get(7, "big") is None and pages.get(7, "bigger") == (large, {})
    assert pages.size <= 2**20
    pages.put(7, "huge", (b"z" * (2**20 + 1), {}))  # larger than the budget: not kept
    assert pages.get(7, "huge") is None
