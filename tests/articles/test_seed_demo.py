"""`manage.py seed_demo` loads the demo content, and running it again changes nothing."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision

from articles import demo_content
from articles.models import (
    ContentPage,
    FAQIndexPage,
    GlossaryTerm,
    HomePage,
    MechanismPage,
    Person,
    Reference,
    SiteSettings,
    UpdatePage,
)

pytestmark = pytest.mark.django_db


def snapshot():
    settings = SiteSettings.load()
    return {
        "pages": sorted(
            Page.objects.values_list(
                "id", "url_path", "live", "latest_revision_id", "last_published_at"
            )
        ),
        "revisions": Revision.objects.count(),
        "snippets": (
            sorted(GlossaryTerm.objects.values_list("id", "term", "definition")),
            sorted(Reference.objects.values_list("id", "citation")),
            sorted(Person.objects.values_list("id", "name")),
        ),
        "log_entries": PageLogEntry.objects.count(),
        "settings": (
            settings.about_page_id,
            settings.privacy_page_id,
            settings.accessibility_page_id,
            settings.contact_email,
            settings.medical_notice,
        ),
    }


def test_seed_demo_creates_home_text_and_about_privacy_accessibility_pages(capsys):
    call_command("seed_demo")

    home = HomePage.objects.get()
    assert home.live and home.body and "Fibromyalgia is real" in home.intro
    slugs = set(ContentPage.objects.live().values_list("slug", flat=True))
    assert slugs == {"about", "privacy", "accessibility"}
    assert SiteSettings.load().about_page.slug == "about"
    # Each demo page has a published revision, so editors see a history from the start.
    assert all(page.latest_revision_id for page in ContentPage.objects.all())
    out = capsys.readouterr().out
    assert "0 already there" in out and "Demo content ready: 0 created" not in out


def test_seed_demo_twice_changes_nothing(capsys):
    call_command("seed_demo")
    before = snapshot()

    call_command("seed_demo")

    assert snapshot() == before
    assert "Demo content ready: 0 created" in capsys.readouterr().out


def test_seed_demo_keeps_an_editors_changes():
    call_command("seed_demo")
    about = ContentPage.objects.get(slug="about")
    about.title = "About us"
    about.save_revision().publish()
    settings = SiteSettings.load()
    settings.medical_notice = "Edited notice."
    settings.save()

    call_command("seed_demo")

    assert ContentPage.objects.get(slug="about").title == "About us"
    assert SiteSettings.load().medical_notice == "Edited notice."


def test_seed_demo_covers_every_mechanism_with_glossary_faqs_references_and_updates():
    call_command("seed_demo")

    mechanisms = MechanismPage.objects.live()
    assert mechanisms.count() == len(demo_content.MECHANISMS) == 15
    assert GlossaryTerm.objects.count() >= 30
    assert Reference.objects.count() == 8
    assert UpdatePage.objects.live().count() == 2
    faq_count = sum(len(page.faq_items()) for page in mechanisms)
    faq_count += len(FAQIndexPage.objects.get().faqs)
    assert faq_count >= 14
    # Every article links to at least one other article, and has a reviewer and dates.
    for page in mechanisms:
        assert page.related_mechanisms.exists(), page.title
        assert page.clinical_reviewer and page.last_reviewed and page.next_review_due
        assert page.revisions.count() == 1, page.title
