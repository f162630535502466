"""Medical review: dates on every article, the overdue report, reminders and the workflow."""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from articles.models import MechanismPage
from articles.workflows import REVIEWERS_GROUP
from tests.conftest import enrol_totp
from tests.factories import MechanismIndexPageFactory, MechanismPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_next_review_due_defaults_to_a_year_after_the_last_review(home_page):
    index = MechanismIndexPageFactory(parent=home_page)

    page = MechanismPageFactory(parent=index, last_reviewed=datetime.date(2026, 3, 1))

    assert page.next_review_due == datetime.date(2027, 3, 1)


def test_overdue_report_lists_only_pages_past_their_review_date(client, editor, demo):
    client.force_login(editor)

    page = BeautifulSoup(client.get("/admin/reports/overdue-reviews/").content, "html.parser")

    titles = [a.get_text(strip=True) for a in page.select("td.title a")]
    assert titles == ["Small-fiber neuropathy"]


def test_overdue_report_says_so_when_nothing_is_overdue(client, editor, demo):
    MechanismPage.objects.update(next_review_due=timezone.localdate() + datetime.timedelta(days=9))
    client.force_login(editor)

    response = client.get("/admin/reports/overdue-reviews/")

    assert "No article is overdue for review" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("patient", 302), ("moderator", 302), ("editor", 200)],
)
def test_overdue_report_is_for_staff_with_page_rights(client_as, demo, role, expected):
    assert client_as(role).get("/admin/reports/overdue-reviews/").status_code == expected


def test_admin_dashboard_shows_the_overdue_count(client, editor, demo):
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert "Medical reviews overdue: 1" in html
    assert "Small-fiber neuropathy" in html


def test_email_overdue_reviews_mails_the_editors_once(editor, demo, mailoutbox):
    UserFactory(username="other-editor", groups=["Editors"])

    call_command("email_overdue_reviews")

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["editor@example.org", "other-editor@example.org"]
    assert "Small-fiber neuropathy: review was due" in mail.body
    assert "/admin/reports/overdue-reviews/" in mail.body


def test_email_overdue_reviews_sends_nothing_when_nothing_is_overdue(
    editor, demo, mailoutbox, capsys
):
    MechanismPage.objects.update(next_review_due=timezone.localdate() + datetime.timedelta(days=9))

    call_command("email_overdue_reviews")

    assert mailoutbox == []
    assert "nothing sent" in capsys.readouterr().out


def test_mechanism_section_uses_the_clinical_review_workflow(demo):
    page = MechanismPage.objects.get(slug="microglia")

    assert page.get_workflow().name == "Clinical review"
    assert Page.objects.get(slug="faq").get_workflow().name == "Clinical review"


def test_clinical_reviewer_approval_moves_a_submitted_page_live(client, editor, demo):
    reviewer = UserFactory(username="reviewer", groups=[REVIEWERS_GROUP])
    enrol_totp(reviewer)  # staff reach the admin only with two-factor sign-in
    page = MechanismPage.objects.get(slug="microglia")
    draft = page.get_latest_revision_as_object()
    draft.title = "Microglia, revised"
    revision = draft.save_revision(user=editor)

    # The editor can open the page in the admin, and submits it (as the editor's "Submit to
    # Clinical review" button does).
    client.force_login(editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    page.get_workflow().start(page, editor)
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == "in_progress"
    assert MechanismPage.objects.get(pk=page.pk).title == "Microglia"

    # The clinical reviewer approves from the admin's workflow action.
    client.force_login(reviewer)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"comment": "Checked against the sources."},
    )

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == "approved"
    assert page.live and page.title == "Microglia, revised"
    assert page.live_revision.pk >= revision.pk


def test_scheduled_publishing_waits_for_its_time(home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    page = MechanismPageFactory(parent=index, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live

    two_hours_later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_later):
        call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live


def test_clinical_reviewers_may_publish_only_in_the_reviewed_sections(demo):
    reviewer = UserFactory(username="reviewer", groups=[REVIEWERS_GROUP])

    microglia = Page.objects.get(slug="microglia")
    about = Page.objects.get(slug="about")

    assert microglia.permissions_for_user(reviewer).can_publish()
    assert Page.objects.get(slug="faq").permissions_for_user(reviewer).can_publish()
    assert not about.permissions_for_user(reviewer).can_publish()
    assert not about.permissions_for_user(reviewer).can_edit()


def test_moderators_do_not_see_the_overdue_review_panel(client, moderator, demo):
    client.force_login(moderator)

    html = client.get("/admin/").content.decode()

    assert "Medical reviews overdue" not in html
