"""Running the portal outside the test client: Django started afresh in a subprocess with a
chosen environment (run_python, run_manage), and the WSGI application called as gunicorn
would (wsgi_get)."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]

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


REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


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
