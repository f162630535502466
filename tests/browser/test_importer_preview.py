"""An editor imports a saved hospital page: preview, corrections, then the draft.

The preview works with JavaScript off: plain forms, the text carried in a signed field.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import enrol_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAMPLE = Path(__file__).parents[1] / "articles" / "import_samples" / "hospital_page.txt"
DISCLAIMER = "This information is not intended to replace the advice of your healthcare team."


def test_editor_checks_the_preview_corrects_it_and_creates_the_draft(site, new_page):
    from articles.models import MechanismPage

    editor = UserFactory(username="editor", groups=["Editors"])
    enrol_totp(editor)
    admin = new_page(java_script=False)
    sign_in(admin, site, editor)
    pages_before = MechanismPage.objects.count()

    # The editor uploads the file and sees what was found, with warnings; nothing is saved.
    admin.goto(site + "/admin/import-article/")
    admin.get_by_label("File").set_input_files(str(SAMPLE))
    admin.get_by_role("button", name="Show the preview").click()
    warnings = admin.locator("section[aria-labelledby='import-warnings-heading']")
    expect(warnings).to_contain_text("A breadcrumb line")
    expect(warnings).to_contain_text("No author found")
    expect(admin.locator("#id_title")).to_have_value("Fibromyalgia and the Nervous System")
    found = admin.locator("section[aria-labelledby='import-found-heading']")
    expect(found).to_contain_text("Headings (3)")
    expect(found).to_contain_text("Is fibromyalgia a type of arthritis?")
    dropped = admin.locator("section[aria-labelledby='import-dropped-heading']")
    expect(dropped).to_contain_text("(disclaimer)")
    assert MechanismPage.objects.count() == pages_before

    # They correct the title and byline, put the disclaimer back, and look again.
    admin.locator("#id_title").fill("Fibromyalgia and your nerves")
    admin.get_by_label("Written by").fill("The rheumatology team")
    admin.get_by_label(f"Put back “{DISCLAIMER}”").check()
    admin.get_by_role("button", name="Update preview").click()
    expect(admin.get_by_label(f"Put back “{DISCLAIMER}”")).to_be_checked()
    expect(admin.locator("#id_title")).to_have_value("Fibromyalgia and your nerves")
    admin.get_by_text("Show the body text").click()
    expect(found).to_contain_text(DISCLAIMER)
    assert MechanismPage.objects.count() == pages_before

    # Then they create the draft, which goes to review rather than going live.
    admin.get_by_role("button", name="Create draft").click()
    expect(
        admin.get_by_role("heading", name="Created: Fibromyalgia and your nerves")
    ).to_be_visible()
    page = MechanismPage.objects.get(title="Fibromyalgia and your nerves")
    assert not page.live
    assert page.get_latest_revision_as_object().author.name == "The rheumatology team"
