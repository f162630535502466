"""Fixtures for the whole suite: the home page and one member of each role."""

import copy
import itertools
import uuid

import pytest
import redis
from django.db import transaction
from wagtail.models import Site

from articles.demo import seed_demo
from tests.factories import UserFactory
from tests.running import REDIS_TEST_URL

# Chromium for the browser tests, in any folder: one browser for the whole session.
pytest_plugins = ["tests.browser.fixtures"]

# The four roles every view is tested for (groups from accounts/migrations/0003_roles.py).
ROLES = ["anonymous", "patient", "moderator", "editor"]


def enrol_totp(user):
    """Give a staff member an authenticator app, as allauth's set-up page does."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: rate limits, cooldowns, cached glossary terms,
    this process's page copies and kept answers must not leak from one test into the next
    (a rolled-back test puts SQLite's page generation back, so a copy could look current
    again)."""
    from django.core.cache import cache

    from caching.generation import forget_kept
    from caching.pagecache import local_pages

    cache.clear()
    local_pages.generation = None
    forget_kept()
    yield
    cache.clear()
    local_pages.generation = None
    forget_kept()


@pytest.fixture
def home_page():
    """The HomePage that the articles migration puts at the site root."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def patient(db):
    """An established member: trusted, so their posts appear at once. A brand-new member
    (whose first posts wait for a moderator) is `new_member`."""
    return UserFactory(username="patient", groups=["Patients"])


@pytest.fixture
def new_member(db):
    """A member with a confirmed email and no approved posts yet."""
    return UserFactory(username="newcomer", groups=["Patients"], trusted_at=None)


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderator", groups=["Moderators"])
    enrol_totp(user)
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", groups=["Editors"])
    enrol_totp(user)
    return user


@pytest.fixture
def client_as(client, request):
    """A function giving a test client signed in as the named role (or anonymous)."""

    def sign_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return sign_in


def pytest_itemcollected(item):
    """Tests that drive Chromium (the `browser` fixture) are marked `browser`, wherever they
    are: CI runs them once, on SQLite (`-m "not browser"` on PostgreSQL)."""
    if "browser" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each module, the tests that use the demo content run after those that do not:
    it is seeded once per module and stays until the module ends (`demo_for_module`). The
    order pytest-django sets (tests that empty the database last) is kept."""
    ordered = []
    for _module, run in itertools.groupby(items, key=lambda item: getattr(item, "module", None)):
        ordered += sorted(run, key=lambda item: "demo_for_module" in item.fixturenames)
    items[:] = ordered


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demo content, seeded once per test module inside a transaction that is rolled back
    when the module ends. Each test runs in a savepoint on top of it, as in Django's
    `TestCase.setUpTestData`, so the seeding (a few seconds) is paid once per module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(request, demo_for_module, db):
    """The demo content, as `make run` loads it (the report of what was created)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        raise pytest.UsageError("`demo` runs in a transaction: seed_demo() in the test instead")
    return copy.deepcopy(demo_for_module)


@pytest.fixture
def redis_cache(settings):
    """The production cache on Redis (under a key prefix of its own), page cache on."""
    from django.core.cache import cache

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.FallbackRedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    yield cache
    server = redis.Redis.from_url(REDIS_TEST_URL)
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


@pytest.fixture
def wsgi_front():
    """The WSGI front as portal/wsgi.py builds it, counting what reaches Django."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    from caching.pagecache import PageCacheApp

    django_app = get_wsgi_application()
    reached = []

    def counting(environ, start_response):
        reached.append(environ["PATH_INFO"])
        return django_app(environ, start_response)

    app = PageCacheApp(counting)
    app.reached = reached
    # As Django's test client does: the handler must not close the test's database
    # connection at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield app
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def commands_sent(monkeypatch):
    """Every command this process sends to Redis, on any connection."""
    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    return sent
