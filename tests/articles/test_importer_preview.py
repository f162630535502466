"""The admin's Import article view: a preview first, corrections, then the draft."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry, Revision

from articles.models import MechanismPage, Person
from tests.factories import MechanismIndexPageFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "import_samples"
URL = "/admin/import-article/"


@pytest.fixture
def section(home_page):
    return MechanismIndexPageFactory(parent=home_page)


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def counts():
    return (
        MechanismPage.objects.count(),
        Revision.objects.count(),
        Person.objects.count(),
        PageLogEntry.objects.count(),
    )


def upload(client, section, name, content=None):
    data = (SAMPLES / name).read_bytes() if content is None else content
    file = SimpleUploadedFile(name, data, content_type="text/plain")
    return client.post(URL, {"file": file, "parent": section.pk})


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def form_data(page, **changes):
    """What the preview form would send as it stands, with `changes` typed in."""
    form = page.find("form")
    data = {}
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "select":
            data[name] = field.find("option", selected=True)["value"]
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field["value"])
        else:
            data[name] = field.get("value", "")
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    return data


def section_text(page, heading_id):
    return page.find("section", attrs={"aria-labelledby": heading_id}).get_text(" ", strip=True)


def test_upload_shows_a_preview_of_what_was_found_and_saves_nothing(signed_in, section):
    before = counts()

    page = soup(upload(signed_in, section, "numbered_sections_faq.txt"))

    assert counts() == before
    assert page.find("input", attrs={"name": "title"})["value"] == (
        "What Causes Fibromyalgia? Ten Things Research Has Shown"
    )
    assert page.find("input", attrs={"name": "author"})["value"] == "Helen Marsh"
    assert page.find("input", attrs={"name": "updated"})["value"] == "2025-05-14"
    found = section_text(page, "import-found-heading")
    assert "Headings (10)" in found and "FAQs (6)" in found and "References (3)" in found
    assert "Is there one known cause?" in found
    assert page.find("button", attrs={"value": "create"}).get_text(strip=True) == "Create draft"


def test_preview_warns_where_the_parse_is_unsure(signed_in, section):
    page = soup(upload(signed_in, section, "health_magazine_one_line.txt"))

    warnings = section_text(page, "import-warnings-heading")
    assert "section name (“Pain & Fatigue”)" in warnings
    assert "No FAQ found." in warnings
    dropped = section_text(page, "import-dropped-heading")
    assert "Was this page helpful? (feedback prompt)" in dropped.replace("” (", " (")


def test_editor_corrects_the_preview_puts_a_line_back_and_creates_the_draft(signed_in, section):
    disclaimer = "This information is not a substitute for advice from your own doctor."
    page = soup(upload(signed_in, section, "patient_charity.txt"))

    corrected = form_data(
        page,
        title="Sleep and fibromyalgia",
        author="Fibro Friends information team",
        keep=[disclaimer],
        action="preview",
    )
    page = soup(signed_in.post(URL, corrected))

    assert page.find("input", attrs={"name": "title"})["value"] == "Sleep and fibromyalgia"
    assert page.find("input", attrs={"value": disclaimer}).has_attr("checked")
    assert "Lines left out (3)" in section_text(page, "import-dropped-heading")
    assert counts()[0] == 0

    page = soup(signed_in.post(URL, form_data(page, action="create")))

    created = MechanismPage.objects.get()
    assert page.find(id="import-result-heading").get_text(" ", strip=True) == (
        "Created: Sleep and fibromyalgia"
    )
    assert page.find("a", href=f"/admin/pages/{created.pk}/edit/") is not None
    draft = created.get_latest_revision_as_object()
    assert draft.title == "Sleep and fibromyalgia"
    assert draft.author.name == "Fibro Friends information team"
    assert disclaimer in str(draft.body)
    assert len(draft.faqs) == 2
    assert not created.live


def test_a_changed_or_old_preview_is_refused_and_nothing_is_saved(signed_in, section):
    page = soup(upload(signed_in, section, "bare_faq.txt"))
    before = counts()

    tampered = form_data(page, action="create")
    tampered["payload"] = tampered["payload"][:-3] + "abc"
    page = soup(signed_in.post(URL, tampered))

    assert counts() == before
    assert "This preview is too old or was changed" in page.get_text()
    assert page.find("input", attrs={"name": "file"}) is not None


def test_preview_refuses_publishing_for_an_editor_without_publish_rights(signed_in, section):
    page = soup(upload(signed_in, section, "bare_faq.txt"))
    before = counts()

    page = soup(signed_in.post(URL, form_data(page, publish="on", action="create")))

    assert "You may not publish in this section" in page.get_text()
    assert counts() == before


def test_preview_query_count_does_not_grow_with_the_article(signed_in, section):
    small = b"A Short Article\nBy Ana Cruz\nOne sentence of text about nerves.\n"
    body = "".join(
        f"Heading Number {n}\nA paragraph about glial cells and pain, number {n}.\n"
        for n in range(200)
    )
    large = small + body.encode()
    upload(signed_in, section, "warm.txt", small)  # per-process caches, as on a live server

    with CaptureQueriesContext(connection) as few:
        upload(signed_in, section, "small.txt", small)
    with CaptureQueriesContext(connection) as many:
        upload(signed_in, section, "large.txt", large)

    assert len(few) == len(many) <= 20
