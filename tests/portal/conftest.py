"""Helpers for tests that start Django afresh in a subprocess with a chosen environment."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

PROJECT_DIR = Path(__file__).resolve().parents[2]

# Variables that would leak the developer's or CI's configuration into the subprocess.
CONFIG_VARIABLES = [
    "DATABASE_URL",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "REDIS_URL",
    "EMAIL_URL",
    "DJANGO_SECURE_SSL_REDIRECT",
    "TASKS_BACKEND",
    # Set by the browser tests while Playwright runs; never wanted in a deploy check.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def _run(argv, settings_module, env_vars):
    env = {key: value for key, value in os.environ.items() if key not in CONFIG_VARIABLES}
    env.update(env_vars, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, *argv],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_python(code, settings_module, **env_vars):
    """Run `code` with Django set up under `settings_module` and only `env_vars` configured."""
    return _run(["-c", "import django; django.setup()\n" + code], settings_module, env_vars)


def run_manage(args, settings_module, **env_vars):
    """Run `manage.py` with `args` under `settings_module` and only `env_vars` configured."""
    return _run(["manage.py", *args], settings_module, env_vars)


@pytest.fixture
def settings_values():
    """Read settings as a subprocess sees them: settings_values(module, names, **env)."""

    def read(settings_module, names, **env_vars):
        code = (
            "import json\nfrom django.conf import settings\n"
            f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
        )
        result = run_python(code, settings_module, **env_vars)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    return read


REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_cache(settings):
    """The production cache on Redis (under a key prefix of its own), page cache on."""
    from django.core.cache import cache

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.FallbackRedisCache",
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


def wsgi_get(app, address, method="GET", cookie="", host="testserver"):
    """Call a WSGI application as gunicorn would; returns (status, headers, body)."""
    from io import BytesIO
    from wsgiref.util import setup_testing_defaults

    path, _, query = address.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    environ.update(HTTP_HOST=host, REMOTE_ADDR="127.0.0.1")
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    setup_testing_defaults(environ)
    environ["wsgi.input"] = BytesIO()
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = app(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return answer["status"], answer["headers"], content


@pytest.fixture
def wsgi_front():
    """The WSGI front as portal/wsgi.py builds it, counting what reaches Django."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    from portal.pagecache import PageCacheApp

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
