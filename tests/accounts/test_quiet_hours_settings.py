"""Quiet hours, time zone and the weekly digest in a member's settings and their data."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.forms import ProfileSettingsForm
from accounts.services import export_member_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def settings_form(user, **changes):
    data = {
        "bio": "",
        "email_notifications": "each",
        "notify_mentions": "on",
        "time_zone": "Europe/London",
        "quiet_hours_start": "",
        "quiet_hours_end": "",
        **changes,
    }
    return ProfileSettingsForm(data, instance=user)


def test_a_new_member_has_the_sites_time_zone_and_no_quiet_hours():
    member = UserFactory()

    assert member.time_zone == settings.TIME_ZONE
    assert member.quiet_hours_start is None and member.quiet_hours_end is None


def test_settings_page_saves_quiet_hours_a_weekly_digest_and_a_time_zone(client):
    member = UserFactory()
    client.force_login(member)

    page = client.get(reverse("accounts:settings"))
    assert "Quiet hours: no email from" in page.content.decode()
    assert "One email a week with everything new" in page.content.decode()
    response = client.post(
        reverse("accounts:settings"),
        {
            "bio": "",
            "email_notifications": "weekly",
            "time_zone": "America/New_York",
            "quiet_hours_start": "21:00",
            "quiet_hours_end": "08:00",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email_notifications == "weekly"
    assert member.time_zone == "America/New_York"
    assert (member.quiet_hours_start, member.quiet_hours_end) == (
        datetime.time(21, 0),
        datetime.time(8, 0),
    )


def test_quiet_hours_with_only_a_start_ask_for_the_end():
    form = settings_form(UserFactory(), quiet_hours_start="21:00")

    assert not form.is_valid()
    assert form.errors["quiet_hours_end"] == [
        "Choose when your quiet hours end too, or leave both times empty."
    ]


def test_quiet_hours_with_only_an_end_ask_for_the_start():
    form = settings_form(UserFactory(), quiet_hours_end="08:00")

    assert not form.is_valid()
    assert "Choose when your quiet hours start too" in form.errors["quiet_hours_start"][0]


def test_quiet_hours_that_start_and_end_at_once_are_refused():
    form = settings_form(UserFactory(), quiet_hours_start="08:00", quiet_hours_end="08:00")

    assert not form.is_valid()
    assert "quiet_hours_end" in form.errors


def test_an_unknown_time_zone_is_refused_with_a_clear_message():
    form = settings_form(UserFactory(), time_zone="Mars/Olympus_Mons")

    assert not form.is_valid()
    assert form.errors["time_zone"] == ["Choose your time zone from the list."]


def test_the_settings_page_shows_the_error_beside_the_missing_time(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("accounts:settings"),
        {"email_notifications": "each", "time_zone": "UTC", "quiet_hours_start": "22:00"},
    )

    assert response.status_code == 200
    assert "Choose when your quiet hours end too" in response.content.decode()


def test_download_my_data_includes_quiet_hours_and_time_zone():
    member = UserFactory(
        email_notifications="weekly",
        time_zone="Australia/Sydney",
        quiet_hours_start=datetime.time(21, 0),
        quiet_hours_end=datetime.time(8, 30),
    )

    chosen = export_member_data(member)["settings"]

    assert chosen["email_notifications"] == "weekly"
    assert chosen["quiet_hours_start"] == "21:00"
    assert chosen["quiet_hours_end"] == "08:30"
    assert chosen["time_zone"] == "Australia/Sydney"


def test_settings_sent_without_a_time_zone_keep_the_members_own():
    member = UserFactory(time_zone="Europe/Dublin")

    form = settings_form(member, time_zone="")

    assert form.is_valid(), form.errors
    assert form.save().time_zone == "Europe/Dublin"
