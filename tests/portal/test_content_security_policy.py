"""The Content-Security-Policy: public pages allow only the site's own scripts, none inline."""

import pytest

from tests.helpers import soup

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/mechanisms/",
    "/mechanisms/microglia/",
    "/glossary/",
    "/faq/",
    "/updates/",
    "/search/?q=glia",
    "/community/",
    "/questions/",
    "/accounts/login/",
    "/accounts/signup/",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_send_a_policy_without_inline_script(client, demo, path):
    response = client.get(path)

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    for script in soup(response).find_all("script"):
        # Either a file from this site, or a JSON-LD data block (data, not script).
        assert script.get("src", "").startswith("/static/") or (
            script.get("type") == "application/ld+json"
        ), script
    assert not soup(response).find(attrs={"onclick": True})
    assert not soup(response).find(attrs={"style": True})


def test_the_wagtail_admin_keeps_its_own_inline_scripts(client, editor):
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
