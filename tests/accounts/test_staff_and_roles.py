"""Staff security (two-factor sign-in, idle timeout) and what each role may do."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from accounts.middleware import LAST_ACTIVITY_KEY
from tests.conftest import enrol_totp
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_without_two_factor_are_sent_to_set_it_up_before_the_admin(client):
    editor = UserFactory(username="new-editor", groups=["Editors"])
    client.force_login(editor)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[0] == ("/accounts/2fa/totp/activate/", 302)
    assert "Staff accounts must use two-factor authentication" in response.content.decode()


def test_staff_with_two_factor_reach_the_admin(client, editor):
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200


def test_staff_sign_in_asks_for_the_authenticator_code(client):
    editor = UserFactory(username="coded-editor", email="coded@example.org", groups=["Editors"])
    secret = enrol_totp(editor)

    response = client.post(
        "/accounts/login/", {"login": "coded@example.org", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_wagtail_admin_sign_in_goes_through_allauth(client):
    response = client.get("/admin/")

    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_idle_staff_session_is_ended(client, editor, settings):
    client.force_login(editor)
    client.get("/admin/")
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.STAFF_IDLE_TIMEOUT - 5
    session.save()

    response = client.get("/admin/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_idle_patient_session_is_left_alone(client, patient, settings):
    client.force_login(patient)
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.STAFF_IDLE_TIMEOUT - 5
    session.save()

    assert client.get("/accounts/profile/").status_code == 200


def test_role_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Patients",
        "Moderators",
        "Editors",
        "Clinical reviewers",
    }


def test_moderators_reach_the_admin_but_cannot_edit_articles(moderator, demo):
    microglia = Page.objects.get(slug="microglia")

    assert moderator.has_perm("wagtailadmin.access_admin")
    assert not GroupPagePermission.objects.filter(group__name="Moderators").exists()
    assert not microglia.permissions_for_user(moderator).can_edit()


def test_editors_draft_everywhere_but_publish_only_where_no_clinical_review_applies(editor, demo):
    def perms(slug):
        return Page.objects.get(slug=slug).permissions_for_user(editor)

    assert perms("microglia").can_edit() and not perms("microglia").can_publish()
    assert perms("faq").can_edit() and not perms("faq").can_publish()
    assert perms("sleep-and-pain-loop").can_publish()
    assert perms("about").can_publish()
    assert Page.objects.get(slug="updates").permissions_for_user(editor).can_publish_subpage()
    assert editor.has_perm("articles.add_glossaryterm")
    assert editor.has_perm("articles.change_reference")


def test_patients_have_no_admin_or_page_rights(patient, demo):
    assert not patient.has_perm("wagtailadmin.access_admin")
    assert not Page.objects.get(slug="about").permissions_for_user(patient).can_edit()
