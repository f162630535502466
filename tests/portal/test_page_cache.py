"""The anonymous page cache: served without the database, cleared by any content change,
never used for anyone signed in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import MechanismPage
from tests.factories import TEST_PASSWORD, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_visitor_gets_a_cached_page_without_touching_the_database(client, demo):
    first = client.get("/mechanisms/microglia/")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/mechanisms/microglia/")

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert len(captured) == 0
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
    from portal.pagecache import generation

    before = generation()
    response = client.post("/accounts/login/", {"login": patient.email, "password": TEST_PASSWORD})

    assert response.status_code == 302  # signed in, which saved last_login
    assert generation() == before


def test_sign_in_pages_and_responses_with_cookies_are_never_stored(client, demo, rf):
    from django.http import HttpResponse

    from portal.pagecache import AnonymousPageCacheMiddleware

    assert "X-Page-Cache" not in client.get("/accounts/login/")
    with_cookie = HttpResponse("made for one visitor")
    with_cookie.set_cookie("csrftoken", "abc")

    assert AnonymousPageCacheMiddleware.storable(rf.get("/"), with_cookie) is False
    assert AnonymousPageCacheMiddleware.storable(rf.get("/"), HttpResponse("shared")) is True


def test_a_fresh_database_migrates_with_the_database_cache(tmp_path):
    # Migrations save pages before the cache table exists; clearing the page cache must not
    # get in their way.
    from tests.portal.conftest import run_manage

    result = run_manage(
        ["migrate", "--noinput", "-v", "0"],
        "portal.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        PAGE_CACHE_SECONDS="300",
    )

    assert result.returncode == 0, result.stderr[-3000:]
