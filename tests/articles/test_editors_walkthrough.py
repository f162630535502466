"""Issue #25, editors' part: what editors and readers met when they walked the article flow."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import hooks
from wagtail.admin import messages as admin_messages

from articles.models import MechanismPage
from articles.readability import measure_parts
from articles.workflows import REVIEWERS_GROUP
from tests.conftest import enrol_totp
from tests.factories import (
    MechanismIndexPageFactory,
    MechanismPageFactory,
    ReferenceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EASY_BODY = [
    {"type": "heading", "value": {"text": "What happens"}},
    {"type": "paragraph", "value": "<p>Your nerves send messages. The brain hears them.</p>"},
    {"type": "paragraph", "value": "<p>Some days the messages feel loud. Rest can help.</p>"},
]
HARD_SUMMARY = (
    "Neuroinflammatory pathophysiological mechanisms, characterised predominantly by "
    "persistent microglial activation and consequent proinflammatory cytokine dysregulation, "
    "constitute a plausible explanatory framework for nociplastic hypersensitivity."
)


def panel(client, page):
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    return BeautifulSoup(html, "html.parser")


# 12. Readability: each part on its own


def test_measure_parts_grades_each_part_and_finds_its_hardest_sentence():
    parts = measure_parts(
        [
            ("In short", f"Plain words first. {HARD_SUMMARY}"),
            ("Section", "Your nerves send messages. The brain hears them."),
            ("Empty", ""),
        ]
    )

    assert [part.label for part in parts] == ["In short", "Section"]
    assert parts[0].too_hard and not parts[1].too_hard
    assert [sentence.text for sentence in parts[0].hardest] == [HARD_SUMMARY]


def test_readability_panel_flags_a_hard_summary_that_the_page_average_hides(
    client, editor, home_page
):
    index = MechanismIndexPageFactory(parent=home_page)
    body = EASY_BODY * 6  # plenty of easy text, so the page as a whole stays under grade 8
    page = MechanismPageFactory(parent=index, body=body, summary=HARD_SUMMARY)
    client.force_login(editor)

    soup = panel(client, page)

    whole = float(soup.select_one("[data-readability-grade]")["data-readability-grade"])
    assert whole <= 8
    grades = {
        row["data-readability-part"]: float(row["data-grade"])
        for row in soup.select("[data-readability-part]")
    }
    assert grades["In short (the summary)"] > 8
    assert grades["Section \u201cWhat happens\u201d"] <= 8
    text = soup.get_text(" ", strip=True)
    assert "Good:" not in text
    assert "1 part is above it" in text
    hardest = soup.select("[data-readability-hardest] li")
    assert "Neuroinflammatory pathophysiological" in hardest[0].get_text()
    assert "In short" in hardest[0].get_text()


def test_readability_panel_grades_each_faq_answer(client, editor, home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    page = MechanismPageFactory(
        parent=index,
        faqs=[
            {
                "type": "faq",
                "value": {"question": "Is it in my head?", "answer": f"<p>{HARD_SUMMARY}</p>"},
            }
        ],
    )
    client.force_login(editor)

    soup = panel(client, page)

    row = soup.select_one('[data-readability-part="FAQ answer: \u201cIs it in my head?\u201d"]')
    assert row is not None and float(row["data-grade"]) > 8


# 10. Review dates and evidence


def test_mechanism_page_past_its_review_date_tells_readers(client, home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    overdue = MechanismPageFactory(
        parent=index,
        last_reviewed=timezone.localdate() - datetime.timedelta(days=400),
    )
    current = MechanismPageFactory(parent=index)

    assert "This page is due for review; the information may be out of date" in (
        client.get(overdue.url).content.decode()
    )
    assert "due for review" not in client.get(current.url).content.decode()


def test_overdue_report_lists_a_page_past_its_review_date(client, editor, home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    MechanismPageFactory(
        parent=index,
        title="Old news",
        last_reviewed=timezone.localdate() - datetime.timedelta(days=400),
    )
    client.force_login(editor)

    soup = BeautifulSoup(client.get("/admin/reports/overdue-reviews/").content, "html.parser")

    assert "Old news" in [a.get_text(strip=True) for a in soup.select("td.title a")]


def test_mechanism_page_clean_requires_a_reference_when_established(home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    page = MechanismPageFactory(parent=index)
    page.evidence_level = "established"

    with pytest.raises(ValidationError) as raised:
        page.clean()

    message = " ".join(raised.value.message_dict["evidence_level"])
    assert "must show its evidence" in message
    page.references = [ReferenceFactory()]
    page.clean()


# 13. Admin pages, wording, dashboard and drafts


def test_import_article_view_is_headed_import_article(client, editor, home_page):
    MechanismIndexPageFactory(parent=home_page)
    client.force_login(editor)

    soup = BeautifulSoup(client.get("/admin/import-article/").content, "html.parser")

    assert soup.select_one("h1").get_text(strip=True) == "Import article"
    crumbs = [li.get_text(" ", strip=True) for li in soup.select("[data-w-breadcrumbs] li")]
    assert crumbs and "Import article" in crumbs[-1]


def test_after_edit_page_hook_says_clinical_review_not_moderation(rf, home_page):
    request = rf.post("/admin/pages/1/edit/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    admin_messages.success(request, "Page 'Microglia' has been submitted for moderation.", [])

    for hook in hooks.get_hooks("after_edit_page"):
        hook(request, home_page)

    shown = [str(message) for message in request._messages]
    assert any("has been submitted for clinical review" in text for text in shown)
    assert not any("moderation" in text for text in shown)


def test_clinical_review_notifications_say_clinical_review(editor, demo, mailoutbox):
    reviewer = UserFactory(username="reviewer", groups=[REVIEWERS_GROUP])
    enrol_totp(reviewer)
    page = MechanismPage.objects.get(slug="microglia")

    page.get_workflow().start(page, editor)

    to_reviewer = [mail for mail in mailoutbox if reviewer.email in mail.to]
    assert to_reviewer, [mail.subject for mail in mailoutbox]
    for mail in mailoutbox:
        assert "moderation" not in (mail.subject + mail.body)
    assert "clinical review" in to_reviewer[0].body


def test_dashboard_counts_pages_waiting_for_clinical_review(client, editor, demo):
    page = MechanismPage.objects.get(slug="microglia")
    page.get_workflow().start(page, editor)
    client.force_login(editor)

    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")

    section = soup.select_one("[data-pending-clinical-reviews]")
    assert section["data-pending-clinical-reviews"] == "1"
    assert "Waiting for clinical review: 1" in section.get_text(" ", strip=True)
    assert section.select_one(f'a[href="/admin/pages/{page.pk}/edit/"]')


def test_article_page_form_names_the_abandoned_draft_that_holds_the_slug(home_page, editor):
    from wagtail.admin.panels import get_edit_handler

    index = MechanismIndexPageFactory(parent=home_page)
    draft = MechanismPageFactory(
        parent=index, title="Sleep draft", slug="sleep", live=False, owner=editor
    )
    draft.first_published_at = None
    draft.save()
    form_class = get_edit_handler(MechanismPage).get_form_class()
    form = form_class(
        {
            "title": "Sleep",
            "slug": "sleep",
            "body-count": "0",
            "faqs-count": "0",
            "change_notes-count": "0",
        },
        instance=MechanismPage(),
        parent_page=index,
        for_user=editor,
    )

    form.is_valid()

    message = " ".join(form.errors["slug"])
    assert "An unpublished draft, \u201cSleep draft\u201d (started by you)" in message
    assert f"/admin/pages/{draft.pk}/edit/" in message
