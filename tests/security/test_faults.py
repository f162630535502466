"""Faults: the database or Redis down, the mail server down. The site says so calmly, keeps
serving what it can, and loses nothing."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from community.models import Reply
from tests.factories import ThreadFactory
from tests.running import run_python

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "caching.backends.FallbackRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "KEY_PREFIX": "portal",
    }
}


@pytest.mark.parametrize("path", ["/", "/mechanisms/", "/community/", "/questions/"])
def test_pages_answer_a_friendly_503_when_the_database_is_down(path):
    result = run_python(
        "from django.test import Client\n"
        f"response = Client(raise_request_exception=False).get({path!r})\n"
        "print(response.status_code, response['Retry-After'])\n"
        "print(response.content.decode())",
        "portal.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/portal",
    )

    lines = result.stdout.strip().splitlines()
    status_line = next(line for line in lines if line[:3].isdigit())
    assert status_line == "503 60", result.stderr[-2000:]
    assert "We will be back soon" in result.stdout
    assert "Nothing you have written is lost" in result.stdout


def test_a_database_error_raised_outside_a_view_also_gets_the_calm_page(rf):
    # Raised in a middleware, it reaches handler500 rather than DatabaseUnavailableMiddleware.
    from django.db import OperationalError

    from portal.views import server_error

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/"))

    assert response.status_code == 503
    assert "We will be back soon" in response.content.decode()


@pytest.mark.django_db
def test_the_site_keeps_serving_and_posting_while_redis_is_down(client, patient, demo, caplog):
    thread = ThreadFactory()
    with override_settings(CACHES=UNREACHABLE_REDIS):
        caches["default"].set("probe", 1)
        assert caches["default"].get("probe", "missing") == "missing"
        for path in ["/", "/mechanisms/", "/community/", "/glossary/", "/search/?q=pain"]:
            assert client.get(path).status_code == 200, path
        client.force_login(patient)
        response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Still here"})

    assert response.status_code == 302
    assert Reply.objects.filter(body="Still here").exists()
    assert "Redis is unavailable, serving without a cache" in caplog.text


@pytest.mark.django_db
def test_the_redis_cache_works_when_redis_is_up():
    reachable = {
        "default": {**UNREACHABLE_REDIS["default"], "LOCATION": "redis://127.0.0.1:6379/15"}
    }
    with override_settings(CACHES=reachable):
        cache = caches["default"]
        cache.set("probe", "value", 30)
        assert cache.get("probe") == "value"
        cache.delete("probe-count")
        assert cache.add("probe-count", 0)
        assert cache.incr("probe-count") == 1
        cache.delete_many(["probe", "probe-count"])
        assert cache.get("probe") is None


def test_pages_keep_working_when_the_database_cache_fails(client, demo, patient):
    """A failing cache query (a deadlock under load, here a missing table) is a cache miss:
    reading and posting carry on, and the request's transaction stays usable."""
    broken = {
        "default": {
            "BACKEND": "caching.backends.FallbackDatabaseCache",
            "LOCATION": "no_such_cache_table",
        }
    }
    with override_settings(CACHES=broken, PAGE_CACHE_SECONDS=300, FRAGMENT_CACHE_SECONDS=300):
        caches["default"].close()
        for path in ["/", "/mechanisms/microglia/", "/community/", "/search/?q=sleep"]:
            assert client.get(path).status_code == 200, path
        client.force_login(patient)
        thread = ThreadFactory(title="Still works")
        body = "A reply, cache or not."
        response = client.post(f"/community/t/{thread.pk}/reply/", {"body": body})
        assert response.status_code == 302
        assert Reply.objects.filter(thread=thread, body=body).exists()
