"""Helpers for tests that start Django afresh in a subprocess with a chosen environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
