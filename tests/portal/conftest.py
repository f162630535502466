"""Fixtures for the project's own tests: settings as a fresh process reads them."""

import json

import pytest

from tests.running import run_python


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
