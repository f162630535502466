"""Scaling beyond one machine, switched on by environment variables: a read replica, Redis
for cache and sessions, S3-compatible media storage, and OpenSearch or Elasticsearch."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from portal import routers
from tests.running import run_python

PRODUCTION = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "fibro.example.org"}


def test_a_replica_url_adds_the_replica_router_and_pinning(settings_values):
    values = settings_values(
        "portal.settings.production",
        ["DATABASES", "DATABASE_ROUTERS", "MIDDLEWARE"],
        DATABASE_URL="postgres://app@primary.internal:5432/portal",
        DATABASE_REPLICA_URL="postgres://app@replica.internal:5432/portal",
        **PRODUCTION,
    )

    assert values["DATABASES"]["default"]["HOST"] == "primary.internal"
    assert values["DATABASES"]["replica"]["HOST"] == "replica.internal"
    assert values["DATABASES"]["replica"]["TEST"]["MIRROR"] == "default"
    assert values["DATABASE_ROUTERS"] == ["portal.routers.PrimaryReplicaRouter"]
    middleware = values["MIDDLEWARE"]
    assert middleware.index("portal.routers.PrimaryPinMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_without_a_replica_there_is_one_database(settings_values):
    values = settings_values("portal.settings.production", ["DATABASES"], **PRODUCTION)

    assert list(values["DATABASES"]) == ["default"]


def test_production_keeps_database_connections_open_between_requests(settings_values):
    values = settings_values(
        "portal.settings.production",
        ["DATABASES"],
        DATABASE_REPLICA_URL="postgres://app@replica.internal:5432/portal",
        **PRODUCTION,
    )
    assert {db["CONN_MAX_AGE"] for db in values["DATABASES"].values()} == {60}
    assert all(db["CONN_HEALTH_CHECKS"] for db in values["DATABASES"].values())

    shorter = settings_values(
        "portal.settings.production", ["DATABASES"], DATABASE_CONN_MAX_AGE="5", **PRODUCTION
    )
    assert shorter["DATABASES"]["default"]["CONN_MAX_AGE"] == 5


def test_redis_holds_the_cache_and_the_sessions(settings_values):
    values = settings_values(
        "portal.settings.production",
        ["CACHES", "SESSION_ENGINE"],
        REDIS_URL="redis://cache.internal:6379/0",
        **PRODUCTION,
    )

    assert values["CACHES"]["default"]["BACKEND"] == "caching.backends.FallbackRedisCache"
    assert values["SESSION_ENGINE"] == "accounts.sessions"  # Django's cached_db, reading ahead


def test_workers_track_what_every_page_reads_unless_told_not_to(settings_values):
    tracked = settings_values(
        "portal.settings.production",
        ["CACHE_TRACKING"],
        REDIS_URL="redis://cache.internal:6379/0",
        **PRODUCTION,
    )
    read_each_time = settings_values(
        "portal.settings.production",
        ["CACHE_TRACKING"],
        REDIS_URL="redis://cache.internal:6379/0",
        CACHE_TRACKING="false",
        **PRODUCTION,
    )

    assert tracked["CACHE_TRACKING"] is True
    assert read_each_time["CACHE_TRACKING"] is False


def test_a_bucket_name_puts_media_on_s3_compatible_storage(settings_values):
    values = settings_values(
        "portal.settings.production",
        ["STORAGES"],
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://minio.internal:9000",
        **PRODUCTION,
    )

    default = values["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "portal-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://minio.internal:9000"
    assert default["OPTIONS"]["file_overwrite"] is False


@pytest.mark.parametrize(
    ("engine", "backend"),
    [
        (None, "wagtail.search.backends.opensearch3"),
        ("elasticsearch", "wagtail.search.backends.elasticsearch8"),
    ],
)
def test_a_search_url_switches_to_opensearch_or_elasticsearch(settings_values, engine, backend):
    env = {"SEARCH_URL": "https://search.internal:9200", **PRODUCTION}
    if engine:
        env["SEARCH_ENGINE"] = engine

    values = settings_values("portal.settings.production", ["WAGTAILSEARCH_BACKENDS"], **env)

    config = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert config["BACKEND"] == backend
    assert config["URLS"] == ["https://search.internal:9200"]
    assert config["INDEX"] == "portal"


def test_an_unknown_search_engine_is_refused_with_a_clear_message():
    result = run_python(
        "", "portal.settings.production", SEARCH_URL="http://x:9200", SEARCH_ENGINE="solr",
        **PRODUCTION,
    )  # fmt: skip

    assert result.returncode != 0
    assert "SEARCH_ENGINE='solr' is not known; use one of opensearch, elasticsearch" in (
        result.stderr
    )


def test_the_router_reads_from_the_replica_and_writes_to_the_primary():
    router = routers.PrimaryReplicaRouter()

    assert router.db_for_read(None) == "replica"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "community") is False


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary():
    from django.db import transaction

    router = routers.PrimaryReplicaRouter()
    with transaction.atomic():
        assert router.db_for_read(None) == "default"


def test_a_write_pins_that_browser_to_the_primary_for_a_while():
    router = routers.PrimaryReplicaRouter()
    seen = []

    def view(request):
        seen.append(router.db_for_read(None))
        return HttpResponse()

    middleware = routers.PrimaryPinMiddleware(view)
    factory = RequestFactory()

    posted = middleware(factory.post("/community/t/1/reply/"))
    follow_up = factory.get("/community/t/1-x/")
    follow_up.COOKIES[routers.PIN_COOKIE] = posted.cookies[routers.PIN_COOKIE].value
    middleware(follow_up)
    middleware(factory.get("/community/"))  # another browser, without the cookie

    assert seen == ["default", "default", "replica"]
    assert posted.cookies[routers.PIN_COOKIE]["max-age"] == routers.PIN_SECONDS
    assert routers.pinned() is False


def test_redis_cache_shares_one_client_per_connection_pool_and_still_works():
    # Django makes a redis-py client per cache call, which costs more than the round trip;
    # the portal's cache keeps one per pool (safe across threads) and behaves the same.
    from caching.backends import FallbackRedisCache

    cache = FallbackRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "scale-test"})
    client = cache._cache.get_client()

    assert cache._cache.get_client(write=True) is client
    cache.set("answer", {"value": 42}, 30)
    assert cache.get("answer") == {"value": 42}
    cache.delete("counter")
    assert cache.add("counter", 1, 30) is True
    assert cache.incr("counter") == 2 and cache.get("counter") == 2
    cache.delete_many(["answer", "counter"])
    assert cache.get("answer") is None
