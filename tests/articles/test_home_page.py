"""The home page: what a patient sees first, with the site's navigation and footer."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROLES
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_renders_demo_content_with_navigation(client, demo):
    response = client.get("/")

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Understand the biology of fibromyalgia"
    assert len(page.find_all("h1")) == 1
    nav = page.find("nav", attrs={"aria-label": "Main"})
    labels = [a.get_text(strip=True) for a in nav.select(".site-nav__list a")]
    assert labels == [
        "Mechanisms",
        "Glossary",
        "Community",
        "Members' questions",
        "Search",
        "Reading preferences",
        "Sign in",
    ]
    assert nav.find("a", string="Members' questions")["href"] == "/questions/"
    assert nav.find("a", string="Glossary")["href"] == "/glossary/"
    assert nav.find("a", string="Community")["href"] == "/community/"
    assert nav.find("a", string="Mechanisms")["href"] == "/mechanisms/"
    assert nav.find("a", string="Search")["href"] == "/search/"
    assert nav.find("a", string="Sign in")["href"] == "/accounts/login/"


def test_home_page_has_skip_link_to_main_landmark(client, demo):
    page = soup(client.get("/"))

    skip = page.find("a", class_="skip-link")
    assert skip.get_text(strip=True) == "Skip to main content"
    assert skip["href"] == "#main-content"
    assert page.find("main")["id"] == "main-content"
    assert page.find("header") and page.find("footer")


def test_footer_shows_medical_notice_and_about_privacy_accessibility_links(client, demo):
    footer = soup(client.get("/")).find("footer")

    assert "does not replace a doctor" in footer.get_text()
    links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
    assert links["About"] == "/about/"
    assert links["Privacy"] == "/privacy/"
    assert links["Accessibility"] == "/accessibility/"
    for url in ("/about/", "/privacy/", "/accessibility/"):
        assert client.get(url).status_code == 200


def test_footer_links_skip_a_page_that_is_unpublished(client, demo):
    from wagtail.models import Page

    Page.objects.get(slug="privacy").specific.unpublish()

    links = [a.get_text(strip=True) for a in soup(client.get("/")).find("footer").find_all("a")]

    assert "Privacy" not in links
    assert "About" in links


def test_navigation_lists_menu_pages_and_marks_the_current_section(client, home_page):
    section = ContentPageFactory(
        parent=home_page, title="Mechanisms", slug="mechanisms", show_in_menus=True
    )
    ContentPageFactory(parent=home_page, title="Hidden", slug="hidden", show_in_menus=False)

    nav = soup(client.get(section.url)).find("nav", attrs={"aria-label": "Main"})

    link = nav.find("a", string="Mechanisms")
    assert link["href"] == "/mechanisms/"
    assert link["aria-current"] == "page"
    assert nav.find("a", string="Hidden") is None


def test_navigation_for_a_signed_in_member_shows_their_name_and_sign_out(client, patient, demo):
    client.force_login(patient)

    nav = soup(client.get("/")).find("nav", attrs={"aria-label": "Main"})

    assert nav.find("a", string="patient") is not None
    assert nav.find("a", string="Sign in") is None
    form = nav.find("form")
    assert form["action"] == "/accounts/logout/" and form["method"] == "post"


@pytest.mark.parametrize("role", ROLES)
def test_home_and_content_pages_are_open_to_every_role(client_as, demo, role):
    client = client_as(role)

    for url in ("/", "/about/", "/privacy/", "/accessibility/"):
        assert client.get(url).status_code == 200, url


def test_home_page_advertises_the_updates_feed_and_lists_latest_updates(client, demo):
    page = soup(client.get("/"))

    feed = page.find("link", rel="alternate", type="application/rss+xml")
    assert feed["href"] == "/updates/feed/"
    latest = page.find("section", attrs={"aria-labelledby": "latest-updates-heading"})
    titles = [a.get_text(strip=True) for a in latest.select(".update-item__title")]
    assert titles == [
        "Why a bad night makes the next day hurt more",
        "Could white blood cells be sensitizing nerves?",
    ]


@pytest.mark.parametrize("menu_pages", [1, 20])
def test_home_page_query_budget_does_not_grow_with_menu_pages(
    client, home_page, demo, django_assert_max_num_queries, menu_pages
):
    for number in range(menu_pages):
        ContentPageFactory(
            parent=home_page,
            title=f"Section {number}",
            slug=f"section-{number}",
            show_in_menus=True,
        )
    client.get("/")  # warm Wagtail's per-process site-root cache

    with django_assert_max_num_queries(12):
        response = client.get("/")

    nav = soup(response).find("nav", attrs={"aria-label": "Main"})
    assert len(nav.find_all("a", string=lambda text: text and text.startswith("Section"))) == (
        menu_pages
    )


def test_unknown_address_gets_a_friendly_404_with_a_way_on(client, demo):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = soup(response)
    assert page.h1.get_text(strip=True) == "We could not find that page"
    assert page.find("main").find("a", href="/search/") is not None
