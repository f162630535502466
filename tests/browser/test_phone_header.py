"""On a phone the header stays small for a signed-in member: the brand and a "Menu" link
that opens every link without JavaScript, and closes again."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("java_script", [True, False])
def test_phone_header_is_compact_and_its_menu_opens_every_link(site, new_page, java_script):
    page = new_page(viewport=PHONE, java_script=java_script)
    sign_in(page, site, UserFactory(username="reader"))
    page.goto(site + "/mechanisms/microglia/")

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 0.2 * PHONE["height"]
    expect(page.get_by_role("link", name="Community")).to_be_hidden()

    page.get_by_role("link", name="Menu", exact=True).click()
    for name in ["Mechanisms", "Glossary", "Community", "Members' questions", "Search"]:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.get_by_role("link", name="Close menu").click()
    expect(page.get_by_role("link", name="Community")).to_be_hidden()
