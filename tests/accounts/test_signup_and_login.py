"""Sign-up, email confirmation, sign-in, password reset, email change and rate limits."""

import logging
from unittest import mock

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail

from accounts.models import User
from tests.accounts.conftest import SIGNUP, link_in_last_mail
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, **changes):
    return client.post("/accounts/signup/", {**SIGNUP, **changes})


def test_signup_sends_a_confirmation_and_confirming_makes_a_patient(client):
    response = sign_up(client)

    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(username="ana")
    assert not EmailAddress.objects.get(user=user).verified
    assert user.groups.count() == 0
    assert mail.outbox[-1].to == ["ana@example.org"]
    assert "Confirm" in mail.outbox[-1].subject

    confirm = client.post(link_in_last_mail("accounts/confirm-email/"))

    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert list(user.groups.values_list("name", flat=True)) == ["Patients"]


def test_unconfirmed_member_cannot_sign_in(client):
    sign_up(client)
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "ana@example.org", "password": SIGNUP["password1"]}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_sign_in_with_email_rotates_the_session(client):
    UserFactory(username="bea", email="bea@example.org")
    client.get("/accounts/login/")
    before = client.session.session_key

    response = client.post(
        "/accounts/login/", {"login": "bea@example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="bea").pk)
    assert client.session.session_key != before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password2": "something else entirely"}, "password2", "You must type the same password"),
        ({"username": "someone@example.org"}, "username", "cannot be an email address"),
        ({"username": "moderator"}, "username", "That name is reserved"),
        ({"password1": "short1", "password2": "short1"}, "password1", "at least 10 characters"),
        ({"password1": "password123", "password2": "password123"}, "password1", "too common"),
    ],
)
def test_signup_bad_input_explains_and_creates_nothing(client, changes, field, message):
    response = sign_up(client, **changes)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not User.objects.filter(email="ana@example.org").exists()
    assert mail.outbox == []
    assert response.context["form"]["email"].value() == "ana@example.org"  # input kept


def test_signup_with_a_taken_display_name_says_so(client):
    UserFactory(username="ana", email="other@example.org")

    response = sign_up(client)

    assert "already exists" in " ".join(response.context["form"].errors["username"])
    assert User.objects.count() == 1


def test_signup_with_a_registered_email_reveals_nothing_and_tells_the_owner(client):
    UserFactory(username="owner", email="ana@example.org")

    response = sign_up(client)

    # The same neutral page as a real sign-up: whether an address is registered on a
    # fibromyalgia site is health information, so the screen never says.
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="ana@example.org").count() == 1
    assert mail.outbox[-1].to == ["ana@example.org"]
    assert "already" in mail.outbox[-1].body.lower()


def test_expired_confirmation_link_says_so_and_confirms_nothing(client, settings):
    sign_up(client)
    link = link_in_last_mail("accounts/confirm-email/")
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0

    response = client.get(link)

    assert "expired or is invalid" in response.content.decode()
    assert not EmailAddress.objects.get(email="ana@example.org").verified


def test_password_reset_by_email(client):
    UserFactory(username="bea", email="bea@example.org")

    client.post("/accounts/password/reset/", {"email": "bea@example.org"})
    form_url = client.get(link_in_last_mail("accounts/password/reset/key/"))["Location"]
    client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )

    assert User.objects.get(username="bea").check_password("a brand new passphrase")


def test_changing_email_asks_for_the_password_again(client, patient):
    client.force_login(patient)

    response = client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="new@example.org").exists()


def test_repeated_password_resets_are_rate_limited_with_a_429_page(client):
    UserFactory(username="bea", email="bea@example.org")

    statuses = [
        client.post("/accounts/password/reset/", {"email": "bea@example.org"}).status_code
        for _ in range(7)
    ]

    # allauth allows a few resets a minute for one address, then answers 429.
    first_refusal = statuses.index(429)
    assert first_refusal >= 3 and set(statuses[:first_refusal]) == {302}
    assert set(statuses[first_refusal:]) == {429}
    response = client.post("/accounts/password/reset/", {"email": "bea@example.org"})
    assert "Please wait a moment" in response.content.decode()


def test_confirmation_mail_is_retried_when_the_mail_server_fails(client, caplog):
    real_send = mail.EmailMultiAlternatives.send
    calls = {"count": 0}

    def flaky_send(message, fail_silently=False):
        calls["count"] += 1
        if calls["count"] < 3:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, fail_silently=fail_silently)

    with (
        mock.patch.object(mail.EmailMultiAlternatives, "send", flaky_send),
        caplog.at_level(logging.WARNING, logger="accounts.tasks"),
    ):
        response = sign_up(client)

    assert response.status_code == 302
    assert len(mail.outbox) == 1 and calls["count"] == 3
    assert [record.message.split(" failed on attempt ")[1][:1] for record in caplog.records] == [
        "1",
        "2",
    ]


def test_sign_up_still_works_when_the_mail_server_stays_down(client, caplog):
    def down(message, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with (
        mock.patch.object(mail.EmailMultiAlternatives, "send", down),
        caplog.at_level(logging.WARNING, logger="accounts.tasks"),
    ):
        response = sign_up(client)

    assert response.status_code == 302
    assert User.objects.filter(username="ana").exists()
    assert "Giving up on mail" in caplog.text


def test_confirmation_hmac_for_a_deleted_address_is_invalid(client):
    sign_up(client)
    address = EmailAddress.objects.get(email="ana@example.org")
    key = EmailConfirmationHMAC(address).key
    address.delete()

    response = client.get(f"/accounts/confirm-email/{key}/")

    assert "expired or is invalid" in response.content.decode()


def test_signup_errors_are_tied_to_their_fields_for_screen_readers(client):
    from bs4 import BeautifulSoup

    response = sign_up(client, password2="something else entirely")

    page = BeautifulSoup(response.content, "html.parser")
    field = page.find("input", attrs={"name": "password2"})
    assert field["aria-invalid"] == "true"
    error_id = field["aria-describedby"].split()[0]
    assert "same password" in page.find(id=error_id).get_text()
    assert page.find("label", attrs={"for": field["id"]}) is not None
    assert page.find("nav", attrs={"aria-label": "Main"}) is not None  # the site's own layout


def test_signup_asks_for_a_display_name_not_a_real_name(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/accounts/signup/").content, "html.parser")

    field = page.find("input", attrs={"name": "username"})
    assert (
        page.find("label", attrs={"for": field["id"]})
        .get_text(strip=True)
        .startswith("Display name")
    )
    assert "not your real name" in page.find(id=field["aria-describedby"]).get_text()
