"""A member can change their display name once a month; the old name stays theirs for a
while. Account deletion takes every name they used out of the audit log, and their mail and
exports out of the task queue."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from accounts.display_names import RESERVED_FOR, change_display_name
from accounts.models import DataExport, FormerName, User
from accounts.services import build_data_export, delete_account, export_member_data
from accounts.tasks import send_email
from community.services import moderation
from tests.factories import ReplyFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/display-name/"


def test_display_name_change_shows_the_new_name_on_old_posts(client, patient):
    thread = ThreadFactory(author=patient, title="Sleep and pain")
    client.force_login(patient)

    response = client.post(URL, {"display_name": "QuietOtter"})

    assert "Your display name is now QuietOtter" in client.get(response.url).content.decode()
    patient.refresh_from_db()
    assert patient.username == "QuietOtter"
    assert "QuietOtter" in client.get(thread.get_absolute_url()).content.decode()


def test_display_name_change_is_refused_again_within_a_month_and_changes_nothing(client, patient):
    client.force_login(patient)
    client.post(URL, {"display_name": "QuietOtter"})

    page = client.get(URL).content.decode()
    response = client.post(URL, {"display_name": "LoudOtter"})

    assert "You can change it again from" in page
    patient.refresh_from_db()
    assert patient.username == "QuietOtter"
    assert response.status_code == 200


def test_display_name_old_name_cannot_be_taken_by_another_member(client, patient):
    change_display_name(patient, "QuietOtter")
    other = UserFactory(username="other")
    client.force_login(other)

    response = client.post(URL, {"display_name": "patient"})

    assert "kept for them for a while" in response.content.decode()
    other.refresh_from_db()
    assert other.username == "other"


def test_display_name_old_name_cannot_be_taken_at_sign_up(client, patient):
    change_display_name(patient, "QuietOtter")

    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "username": "Patient",
            "password1": "fog and glial cells",
            "password2": "fog and glial cells",
        },  # fmt: skip
    )

    assert "kept for them for a while" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_display_name_old_name_is_free_again_after_the_reservation(client, patient):
    change_display_name(patient, "QuietOtter")
    FormerName.objects.update(reserved_until=timezone.now() - datetime.timedelta(days=1))
    other = UserFactory(username="other")
    client.force_login(other)

    client.post(URL, {"display_name": "patient"})

    other.refresh_from_db()
    assert other.username == "patient"


def test_display_name_owner_can_take_their_old_name_back(patient):
    change_display_name(patient, "QuietOtter")
    FormerName.objects.update(changed_at=timezone.now() - datetime.timedelta(days=31))

    change_display_name(patient, "patient")

    assert list(FormerName.objects.filter(user=patient).values_list("name", flat=True)) == [
        "QuietOtter"
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ana@example.org", "cannot be an email address"),
        ("moderator", "That name is reserved"),
        ("no spaces here", "Enter a valid"),
        ("patient", "already your display name"),
    ],
)
def test_display_name_bad_names_get_a_clear_message(client, patient, name, message):
    client.force_login(patient)

    response = client.post(URL, {"display_name": name})

    assert message in response.content.decode()
    patient.refresh_from_db()
    assert patient.username == "patient"


def test_display_name_change_is_in_the_audit_log_and_the_export(patient):
    change_display_name(patient, "QuietOtter")

    entry = ModelLogEntry.objects.get(action="accounts.rename")
    exported = export_member_data(patient)["profile"]["former_display_names"]

    assert entry.data == {"from": "patient", "to": "QuietOtter"}
    assert [former["name"] for former in exported] == ["patient"]
    assert FormerName.objects.get().reserved_until > timezone.now() + RESERVED_FOR / 2


def test_display_name_page_budget(client, patient, django_assert_max_num_queries):
    client.force_login(patient)
    client.get(URL)

    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert response.status_code == 200


def test_deletion_takes_every_name_out_of_the_audit_log(patient, moderator):
    change_display_name(patient, "QuietOtter")
    reply = ReplyFactory(author=patient, body="Cold hurts most.")
    moderation.hide_post(moderator, reply, "Asked @QuietOtter to rephrase")

    delete_account(patient, actor=patient)

    entries = list(ModelLogEntry.objects.all())
    text = " ".join(f"{entry.label} {entry.data}" for entry in entries)
    assert entries
    assert "QuietOtter" not in text
    assert "'from': 'patient'" not in text
    assert "Reply by Deleted member" in text
    assert not FormerName.objects.exists()


def queued_task(task, *args):
    return DBTaskResult.objects.create(
        task_path=task.module_path,
        args_kwargs={"args": list(args), "kwargs": {}},
        backend_name="default",
        queue_name="default",
        priority=0,
    )


def test_deletion_removes_mail_to_the_member_and_their_exports_from_the_task_queue(patient):
    EmailAddress.objects.create(user=patient, email="old@example.org", verified=True)
    to_them = queued_task(send_email, {"to": ["old@example.org"], "body": "A reply for you"})
    to_someone_else = queued_task(send_email, {"to": ["else@example.org"], "body": "Hello"})
    export = DataExport.objects.create(user=patient)
    building = queued_task(build_data_export, export.pk)

    delete_account(patient, actor=patient)

    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert to_them.pk not in remaining and building.pk not in remaining
    assert to_someone_else.pk in remaining


def test_display_name_old_profile_address_leads_to_the_new_one(client, patient):
    change_display_name(patient, "QuietOtter")

    response = client.get("/members/patient/")

    assert response.status_code == 302
    assert response.url == "/members/QuietOtter/"


def test_display_name_old_profile_address_is_gone_once_the_name_is_free(client, patient):
    change_display_name(patient, "QuietOtter")
    FormerName.objects.update(reserved_until=timezone.now() - datetime.timedelta(days=1))

    assert client.get("/members/patient/").status_code == 404
