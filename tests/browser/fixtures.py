"""Browser tests: Playwright driving Debian's Chromium against a live server with demo content.

A plugin of the whole suite (tests/conftest.py `pytest_plugins`), so a browser test in any
folder shares the one Chromium of the session: a second Playwright in the same process
would fail ("Sync API inside the asyncio loop").

Chromium comes from Debian (`make browser` installs it); Playwright never downloads a
browser here. If the binary is missing the tests fail with a message saying so: they are
never skipped.
"""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not at {CHROMIUM}: run `make browser` first.")
    # Playwright's synchronous API runs an event loop in this thread, which makes Django think
    # the tests are async code; their ORM calls are plain synchronous set-up. Removed again
    # when the browser closes (and tests/portal's subprocesses never inherit it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def serialized_contents(django_db_setup):
    """The test database's contents after migrations, captured before any browser starts."""
    from django.db import connections

    return {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }


@pytest.fixture
def carry_serialized_contents(serialized_contents):
    """Let serialized_rollback restore the migrations' data before each browser test.

    Django's connections are local to the thread *and* the asyncio context. While
    Playwright's synchronous API is running, an event loop runs in this thread, so the test
    gets fresh connection objects that lack the contents Django serialized at set-up.
    """
    from django.db import connections

    for alias, contents in serialized_contents.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents


def restore_migrations_data(serialized_contents):
    """Empty the tables and put back exactly the data the migrations made (Site, groups,
    content types...), whatever the tests before left: a test in a transaction of its own
    ends with a flush after which Django may make content types again under new keys, and
    serialized_rollback's own restore over those would collide or be skipped."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections

    for alias, contents in serialized_contents.items():
        if contents is not None:
            call_command(
                "flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0
            )
            connections[alias].creation.deserialize_db_from_string(contents)
    # Content types may now have other keys than this process (and its live server) had
    # cached: read them again, all at once, so nothing looks one up (and makes it anew under
    # another key) while a later test's tables are empty.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture
def site(carry_serialized_contents, transactional_db, live_server, serialized_contents):
    """The live server's address, with the demo content that `make run` loads."""
    from articles.demo import seed_demo

    restore_migrations_data(serialized_contents)
    seed_demo()
    return live_server.url


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context (own cookies), at a given viewport."""
    contexts = []

    def open_page(viewport=DESKTOP, java_script=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=java_script)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, site, user):
    """Give the browser a signed-in session for `user` (staff already have two-factor)."""
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": site}]
    )


def screenshot_dir():
    """Where screenshots go: SCREENSHOTS_DIR (set by `make screenshots`) or build/."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR", Path(settings.BASE_DIR) / "build/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
