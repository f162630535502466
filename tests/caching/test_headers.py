"""A cache hit is the same answer as a miss, headers included; members' pages are private
and visitors' pages say how long a shared cache may keep them."""

import pytest

from caching.generation import move_on
from tests.factories import AnswerFactory, ReplyFactory
from tests.running import wsgi_get

pytestmark = pytest.mark.django_db

# Every header but these must be the same on a hit as on the miss that stored the page.
ALLOWED_TO_DIFFER = {"X-Page-Cache", "Content-Length", "Date"}


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def public_addresses(demo):
    """One address of each kind of public page."""
    reply = ReplyFactory(thread__title="Pacing on a bad day")
    answer = AnswerFactory(question__title="Does sleep change pain?")
    return [
        "/",
        "/mechanisms/",
        "/mechanisms/microglia/",
        "/glossary/",
        "/community/",
        "/community/tags/sleep/",
        reply.thread.get_absolute_url(),
        "/questions/",
        answer.question.get_absolute_url(),
        "/search/?q=microglia",
        "/sitemap.xml",
        "/updates/",
        "/updates/feed/",
    ]


def test_cache_hit_from_the_wsgi_front_has_every_header_of_the_miss(
    page_cache_on, wsgi_front, demo
):
    for address in public_addresses(demo):
        move_on()  # whatever was cached before is forgotten
        status, missed, _ = wsgi_get(wsgi_front, address)
        _, hit, _ = wsgi_get(wsgi_front, address)

        assert status == "200 OK", address
        assert (missed.get("X-Page-Cache"), hit.get("X-Page-Cache")) == ("miss", "hit"), address
        differing = {
            name
            for name in set(missed) | set(hit)
            if name not in ALLOWED_TO_DIFFER and missed.get(name) != hit.get(name)
        }
        assert differing == set(), address
        assert hit["X-Content-Type-Options"] == "nosniff", address
        assert "Referrer-Policy" in hit and "Cross-Origin-Opener-Policy" in hit, address


def test_cache_hit_keeps_the_sitemaps_robots_header_and_the_feeds_last_modified(
    page_cache_on, wsgi_front, demo
):
    for address in ("/sitemap.xml", "/updates/feed/"):
        move_on()
        _, missed, _ = wsgi_get(wsgi_front, address)
        _, hit, _ = wsgi_get(wsgi_front, address)
        for name in ("X-Robots-Tag", "Last-Modified"):
            assert hit.get(name) == missed.get(name), (address, name)


def test_visitors_pages_say_how_long_a_shared_cache_may_keep_them(page_cache_on, client, demo):
    response = client.get("/mechanisms/microglia/")

    assert "s-maxage=300" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]  # browsers ask again each visit


@pytest.mark.parametrize("address", ["/community/", "/mechanisms/microglia/", "/search/?q=sleep"])
def test_members_pages_are_private(page_cache_on, client, demo, patient, address):
    client.force_login(patient)

    response = client.get(address)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
