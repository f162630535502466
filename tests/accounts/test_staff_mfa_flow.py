"""Issue #25 item 11 and 13: a new staff member signs in, sets up two-factor sign-in and
reaches the admin in one go, without typing the password twice; admin avatars load."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from bs4 import BeautifulSoup

from tests.conftest import enrol_totp
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email):
    response = client.post("/accounts/login/", {"login": email, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_staff_mfa_setup_after_sign_in_needs_no_second_password_and_leads_to_the_admin(client):
    UserFactory(username="fresh-editor", email="fresh@example.org", groups=["Editors"])
    sign_in(client, "fresh@example.org")

    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200, response.get("Location")

    secret = response.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"

    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 200, response.get("Location")
    soup = BeautifulSoup(response.content, "html.parser")
    onward = soup.select_one("a[data-mfa-continue]")
    assert onward.get_text(strip=True) == "Continue to the admin"
    assert onward["href"] == "/admin/"
    assert client.get(onward["href"]).status_code == 200


def test_mfa_changes_still_ask_for_the_password_when_set_up_before_this_sign_in(client):
    editor = UserFactory(username="set-editor", email="set@example.org", groups=["Editors"])
    secret = enrol_totp(editor)
    sign_in(client, "set@example.org")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post("/accounts/2fa/authenticate/", {"code": code})

    response = client.get("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_mfa_setup_long_after_sign_in_asks_for_the_password(client, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    UserFactory(username="slow-editor", email="slow@example.org", groups=["Editors"])
    sign_in(client, "slow@example.org")

    response = client.get("/accounts/2fa/totp/activate/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_recovery_codes_page_sends_members_back_to_their_settings(client, patient):
    enrol_totp(patient)
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(patient)
    client.force_login(patient)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(patient.pk)
    session.save()

    soup = BeautifulSoup(client.get("/accounts/2fa/recovery-codes/").content, "html.parser")

    onward = soup.select_one("a[data-mfa-continue]")
    assert onward["href"] == "/accounts/profile/"


def test_admin_avatar_is_the_local_default_not_gravatar(client, editor):
    client.force_login(editor)

    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")

    sources = [img["src"] for img in soup.select("img.avatar, .avatar img") if img.get("src")]
    assert sources
    for src in sources:
        assert "gravatar" not in src
        assert src.startswith("/static/wagtailadmin/images/default-user-avatar.png")
