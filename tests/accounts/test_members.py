"""What pages know about the signed-in member: what they may do (staff, moderator, may post)
is read from the database with the member on every request, never from a cache; what they
see (unread count, follows) is cached, and every change to either shows on their next
request."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import members
from accounts.models import User
from accounts.services import delete_account
from community.services import notifications
from community.services import posting as services
from tests.conftest import enrol_totp
from tests.factories import ThreadFactory, UserFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

ROLE_TABLES = ("auth_permission", "account_emailaddress")


def sql_of(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response, " ".join(query["sql"] for query in captured.captured_queries)


def moderator_tools_shown(client, thread):
    return "Moderator tools" in client.get(thread.get_absolute_url()).content.decode()


def test_members_repeat_visit_reads_roles_with_the_member_in_one_query(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)
    client.get(thread.get_absolute_url())

    with CaptureQueriesContext(connection) as captured:
        second_page = client.get(thread.get_absolute_url())

    asking = [q["sql"] for q in captured if any(table in q["sql"] for table in ROLE_TABLES)]
    assert len(asking) == 1 and 'FROM "accounts_user"' in asking[0]  # the member, with roles
    assert not any("community_notification" in q["sql"] for q in captured)  # cached
    assert soup(second_page).find("form", action=f"/community/t/{thread.pk}/reply/")


def test_members_moderator_removed_from_group_loses_tools_at_once(client, moderator):
    thread = ThreadFactory()
    client.force_login(moderator)
    assert moderator_tools_shown(client, thread)

    Group.objects.get(name="Moderators").user_set.remove(moderator)  # from the group's side

    assert not moderator_tools_shown(client, thread)


def test_members_promoted_member_gets_tools_at_once(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)
    assert not moderator_tools_shown(client, thread)

    patient.groups.add(Group.objects.get(name="Moderators"))

    assert moderator_tools_shown(client, thread)


def test_members_group_emptied_forgets_everyone_in_it(client, moderator):
    thread = ThreadFactory()
    client.force_login(moderator)
    assert moderator_tools_shown(client, thread)

    Group.objects.get(name="Moderators").user_set.clear()

    assert not moderator_tools_shown(client, thread)


def test_members_group_losing_admin_access_is_no_longer_staff(patient):
    editors = Group.objects.get(name="Editors")
    patient.groups.add(editors)
    assert members.facts(User.objects.get(pk=patient.pk))["staff"]

    editors.permissions.remove(Permission.objects.get(codename="access_admin"))

    assert not members.facts(User.objects.get(pk=patient.pk))["staff"]


def test_members_confirming_email_lets_a_member_post_at_once(client):
    member = UserFactory(username="unconfirmed")
    address = EmailAddress.objects.get(user=member)
    address.verified = False
    address.save()
    client.force_login(member)
    assert "confirm your email address" in client.get("/community/").content.decode()

    address.verified = True
    address.save()  # as allauth does when the member follows the link

    assert "Start a discussion" in client.get("/community/").content.decode()


def test_members_deactivated_member_can_no_longer_post(patient):
    assert members.facts(patient)["can_post"]

    patient.is_active = False
    patient.save()

    assert not members.facts(patient)["can_post"]


def test_members_unread_badge_follows_new_replies_and_mark_all_read(
    client, patient, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(author=patient)
    notifications.follow(patient, thread=thread)
    client.force_login(patient)

    def badge():
        label = (
            soup(client.get("/community/"))
            .find("nav", class_="site-nav")
            .find("span", class_="label")
        )
        return label.get_text(" ", strip=True) if label else ""

    assert badge() == ""
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(UserFactory(username="replier"), thread, body="Me too, every night.")
    assert badge() == "1 new"

    client.post("/community/notifications/")

    assert badge() == ""


def test_members_answer_read_before_a_change_commits_is_not_kept(patient, monkeypatch):
    """A request that read the database just before a change committed must not leave what
    it saw for the requests after the change."""
    from tests.factories import NotificationFactory

    real_read = members._read

    def read_then_notified(user):
        answers = real_read(user)  # nothing unread yet
        NotificationFactory(user=patient)  # commits meanwhile
        return answers

    monkeypatch.setattr(members, "_read", read_then_notified)
    assert members.facts(User.objects.get(pk=patient.pk))["unread"] == 0
    monkeypatch.setattr(members, "_read", real_read)

    assert members.facts(User.objects.get(pk=patient.pk))["unread"] == 1


def test_members_cache_can_be_turned_off(client, patient, settings):
    settings.MEMBER_FACTS_SECONDS = 0
    thread = ThreadFactory()
    client.force_login(patient)
    client.get(thread.get_absolute_url())

    _, second = sql_of(client, thread.get_absolute_url())

    assert "community_notification" in second


def test_members_signed_in_member_is_read_from_the_database_every_time(client, patient):
    client.force_login(patient)
    client.get("/community/")

    page, sql = sql_of(client, "/community/")

    assert sql.count('FROM "accounts_user"') == 1
    assert "patient" in soup(page).find("nav", class_="site-nav").get_text()


def test_members_password_changed_elsewhere_ends_other_sessions_at_once(client, patient):
    client.force_login(patient)
    assert client.get("/community/notifications/").status_code == 200

    patient.set_password("a completely new passphrase")
    patient.save()

    response = client.get("/community/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_members_deleted_account_is_signed_out_at_once(client, patient):
    client.force_login(patient)
    client.get("/community/")

    delete_account(User.objects.get(pk=patient.pk))

    assert "Sign in" in soup(client.get("/community/")).find("nav", class_="site-nav").get_text()


def test_members_marked_inactive_in_bulk_in_the_admin_are_signed_out_at_once(client, patient):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    enrol_totp(root)
    member = Client()
    member.force_login(patient)
    assert member.get("/community/notifications/").status_code == 200
    client.force_login(root)

    response = client.post(
        f"/admin/bulk/accounts/user/set_active_state/?id={patient.pk}",
        {"mark_as_active": "False"},
    )

    assert response.status_code == 302
    assert not User.objects.get(pk=patient.pk).is_active
    assert member.get("/community/notifications/").status_code == 302


def test_members_signed_in_request_reads_the_cache_once_for_member_and_answers(
    client, patient, monkeypatch
):
    client.force_login(patient)
    client.get("/community/")  # caches the member and their answers
    lookups = []
    real_lookup = members._lookup
    monkeypatch.setattr(members, "_lookup", lambda pk: lookups.append(pk) or real_lookup(pk))

    response = client.get("/community/")

    assert response.status_code == 200 and b"patient" in response.content
    assert lookups == [patient.pk]  # not again for request.user's answers


def test_members_query_compiled_once_finds_what_the_orm_finds_for_every_kind_of_member(
    moderator, editor
):
    """The member query every signed-in request makes is compiled once per process
    (common.prepared); run with each member's values it answers as the ORM does."""
    own = UserFactory(username="own-permission")
    own.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    unverified = UserFactory(username="unverified")
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    members_to_check = [moderator, editor, own, unverified, UserFactory(is_active=False)]
    now = timezone.now()
    alive = Session.objects.create(
        session_key="alive", session_data="", expire_date=now + datetime.timedelta(hours=1)
    )
    ended = Session.objects.create(
        session_key="ended", session_data="", expire_date=now - datetime.timedelta(seconds=1)
    )
    answers = (*members.MAY, "session_kept")

    for member in members_to_check:
        for session_key in (alive.session_key, ended.session_key, "unknown"):
            (prepared,) = members.MEMBER_IN_SESSION.run(
                pk=member.pk, session_key=session_key, now=now
            )
            expected = members._member_in_session(member.pk, session_key, now).values(*answers)
            assert prepared == member
            assert {name: bool(getattr(prepared, name)) for name in answers} == {
                name: bool(value) for name, value in expected.get().items()
            }
    assert members._may(moderator)["moderator"] and members._may(editor)["staff"]
    assert members._may(own)["staff"] and not members._may(unverified)["can_post"]
