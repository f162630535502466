"""/healthz/ tells a load balancer whether the site can reach its database."""

import json

import pytest

from tests.conftest import ROLES
from tests.running import run_python


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_healthz_says_ok_when_the_database_answers(client_as, role):
    response = client_as(role).get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_with_json_when_the_database_is_down():
    # A real outage: nothing listens on port 1, so connecting to PostgreSQL fails.
    result = run_python(
        "from django.test import Client\n"
        "response = Client().get('/healthz/')\n"
        "print(response.status_code, response.content.decode())",
        "portal.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/portal",
    )

    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503", result.stderr
    assert json.loads(body) == {"status": "unavailable", "database": "unavailable"}
