"""Profiles, settings, unsubscribe links, "Download my data" and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from bs4 import BeautifulSoup
from wagtail.models import ModelLogEntry

from accounts.models import DataExport, User
from accounts.unsubscribe import unsubscribe_url
from tests.conftest import ROLES, enrol_totp
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# --- Profile --------------------------------------------------------------------------------


def test_profile_shows_name_join_date_and_sanitised_markdown_bio(client, patient):
    patient.bio = (
        "I live with **fibro fog**. <script>alert(1)</script> "
        "[bad](javascript:alert(1)) [good](https://example.org)"
    )
    patient.save()

    page = soup(client.get("/members/patient/"))

    assert page.h1.get_text() == "patient"
    assert "Member since" in page.get_text()
    bio = page.find(class_="member-bio")
    assert bio.find("strong").get_text() == "fibro fog"
    assert bio.find("script") is None and "&lt;script&gt;" in str(bio)
    links = bio.find_all("a")
    assert [(a["href"], a["rel"]) for a in links] == [
        ("https://example.org", ["nofollow", "ugc", "noopener"])
    ]


def test_profile_is_hidden_from_search_engines_unless_the_member_opts_in(client, patient):
    assert soup(client.get("/members/patient/")).find("meta", attrs={"name": "robots"})

    patient.hide_from_search_engines = False
    patient.save()

    assert soup(client.get("/members/patient/")).find("meta", attrs={"name": "robots"}) is None


def test_profile_of_unknown_or_deleted_member_is_not_found(client, patient):
    from accounts.services import delete_account

    assert client.get("/members/nobody/").status_code == 404
    delete_account(patient)
    assert client.get("/members/patient/").status_code == 404


def test_settings_save_profile_and_mail_choices(client, patient):
    client.force_login(patient)

    response = client.post(
        "/accounts/profile/",
        {"bio": "Hello", "email_notifications": "daily", "notify_mentions": ""},
        follow=True,
    )

    patient.refresh_from_db()
    assert (patient.bio, patient.email_notifications, patient.notify_mentions) == (
        "Hello",
        "daily",
        False,
    )
    assert not patient.hide_from_search_engines
    assert "Your settings are saved." in response.content.decode()


def test_settings_reject_an_unknown_choice_and_change_nothing(client, patient):
    client.force_login(patient)

    response = client.post("/accounts/profile/", {"bio": "x", "email_notifications": "hourly"})

    assert "Select a valid choice" in response.content.decode()
    patient.refresh_from_db()
    assert patient.bio == "" and patient.email_notifications == "each"


def test_unsubscribe_link_asks_then_turns_the_mail_off_without_signing_in(client, patient):
    url = unsubscribe_url(patient, "replies")

    assert "Stop emails about replies?" in client.get(url).content.decode()
    patient.refresh_from_db()
    assert patient.email_notifications == "each"

    response = client.post(url)

    assert "You are unsubscribed" in response.content.decode()
    patient.refresh_from_db()
    assert patient.email_notifications == "none"


def test_forged_unsubscribe_link_is_refused(client, patient):
    url = unsubscribe_url(patient, "replies")[:-3] + "xyz/"

    response = client.post(url)

    assert response.status_code == 400
    patient.refresh_from_db()
    assert patient.email_notifications == "each"


# --- Download my data -----------------------------------------------------------------------


def test_download_my_data_contains_profile_settings_emails_and_posts(client, patient, fake_posts):
    patient.bio = "About me"
    patient.save()
    fake_posts[patient.pk] = ["My first post"]
    client.force_login(patient)

    response = client.post("/accounts/export/")

    assert response["Content-Disposition"].startswith('attachment; filename="patient-data-')
    data = json.loads(response.content)
    assert data["profile"]["display_name"] == "patient"
    assert data["profile"]["bio"] == "About me"
    assert data["settings"] == {
        "hide_from_search_engines": True,
        "email_notifications": "each",
        "notify_mentions": True,
        "reading_preferences": {},
        "two_factor_authentication": False,
        "quiet_hours_start": None,
        "quiet_hours_end": None,
        "time_zone": "UTC",
    }
    assert data["email_addresses"] == [
        {"email": "patient@example.org", "verified": True, "primary": True}
    ]
    assert data["posts"] == [{"body": "My first post"}]
    assert ModelLogEntry.objects.filter(
        action="accounts.export", object_id=str(patient.pk)
    ).exists()


def test_large_accounts_are_exported_in_the_background_for_their_owner_only(
    client, patient, fake_posts, settings
):
    settings.DATA_EXPORT_INLINE_LIMIT = 1
    fake_posts[patient.pk] = ["one", "two"]
    client.force_login(patient)

    response = client.post("/accounts/export/", follow=True)

    export = DataExport.objects.get(user=patient)
    assert export.status == "ready"
    assert "We are preparing your file" in response.content.decode()
    download = client.get(f"/accounts/export/{export.token}/")
    assert json.loads(download.content)["posts"] == [{"body": "one"}, {"body": "two"}]

    client.force_login(UserFactory(username="someone-else"))
    assert client.get(f"/accounts/export/{export.token}/").status_code == 404


# --- Delete my account ----------------------------------------------------------------------


def test_delete_with_a_wrong_password_changes_nothing(client, patient):
    client.force_login(patient)

    response = client.post("/accounts/delete/", {"password": "not my password", "confirm": "on"})

    assert "That password is not right. Nothing was deleted." in response.content.decode()
    patient.refresh_from_db()
    assert patient.is_active and patient.username == "patient"


def test_delete_erases_personal_data_ends_every_session_and_keeps_posts(
    client, django_user_model, fake_posts
):
    from django.test import Client

    member = UserFactory(username="leaving", groups=["Patients"])
    enrol_totp(member)
    member.bio = "Private things"
    member.save()
    fake_posts[member.pk] = ["A helpful reply"]
    other_device = Client()
    other_device.force_login(member)
    client.force_login(member)

    response = client.post(
        "/accounts/delete/", {"password": TEST_PASSWORD, "confirm": "on"}, follow=True
    )

    assert "Your account is deleted" in response.content.decode()
    member = User.objects.get(pk=member.pk)
    assert member.display_name == "Deleted member"
    assert member.username == f"deleted-{member.pk}"
    assert (member.email, member.bio, member.is_active) == ("", "", False)
    assert not member.has_usable_password()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Authenticator.objects.filter(user=member).exists()
    assert member.groups.count() == 0
    assert fake_posts[member.pk] == ["A helpful reply"]  # the conversation stays whole
    for device in (client, other_device):
        assert device.get("/accounts/profile/")["Location"].startswith("/accounts/login/")
    entry = ModelLogEntry.objects.get(action="accounts.delete", object_id=str(member.pk))
    assert entry.data["erase_posts"] is False


def test_delete_can_also_erase_the_text_of_posts(client, patient, fake_posts):
    fake_posts[patient.pk] = ["First", "Second"]
    client.force_login(patient)

    client.post(
        "/accounts/delete/", {"password": TEST_PASSWORD, "confirm": "on", "erase_posts": "on"}
    )

    assert fake_posts[patient.pk] == ["[removed at the author's request]"] * 2


def test_delete_requires_the_confirmation_box(client, patient):
    client.force_login(patient)

    response = client.post("/accounts/delete/", {"password": TEST_PASSWORD})

    assert "Tick this box to confirm" in response.content.decode()
    assert User.objects.get(pk=patient.pk).is_active


# --- Permissions per view and role ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_public_profile_is_open_to_every_role(client_as, patient, role):
    assert client_as(role).get("/members/patient/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ["/accounts/profile/", "/accounts/export/", "/accounts/delete/"])
def test_own_account_pages_need_a_signed_in_member(client_as, role, url):
    response = client_as(role).get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 200
        assert role in soup(response).find("nav", attrs={"aria-label": "Main"}).get_text()


@pytest.mark.parametrize("role", ROLES)
def test_unsubscribe_link_works_for_whoever_holds_it(client_as, patient, role):
    response = client_as(role).get(unsubscribe_url(patient, "mentions"))

    assert response.status_code == 200
    assert "Stop emails about mentions?" in response.content.decode()
