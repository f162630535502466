"""Site-wide routes: search, robots.txt, sitemap and the two admins."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROLES
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_search_finds_a_page_by_a_word_in_its_text(client, demo):
    response = client.get("/search/", {"q": "accessibility guidelines"})

    results = soup(response).select(".search-result__title a")
    assert response.status_code == 200
    assert [a.get_text(strip=True) for a in results][0] == "Accessibility"
    assert results[0]["href"] == "/accessibility/"


def test_search_with_no_results_shows_a_helpful_empty_state(client, demo):
    page = soup(client.get("/search/", {"q": "zzqxj"}))

    empty = page.find(class_="empty-state")
    assert "No results for “zzqxj”" in empty.get_text()
    assert "Try a shorter search" in empty.get_text()


def test_search_without_a_query_invites_one(client, demo):
    page = soup(client.get("/search/"))

    assert page.find("input", attrs={"name": "q"})["value"] == ""
    assert "Type a word or question above" in page.find("main").get_text()
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_search_paginates_and_keeps_the_query(client, home_page):
    for number in range(13):
        ContentPageFactory(
            parent=home_page, title=f"Tiredness note {number}", slug=f"note-{number}"
        )

    first = soup(client.get("/search/", {"q": "Tiredness"}))
    second = soup(client.get("/search/", {"q": "Tiredness", "page": 2}))

    assert len(first.select(".search-result")) == 10
    assert len(second.select(".search-result")) == 3
    assert first.find("a", rel="next")["href"] == "?q=Tiredness&page=2"
    assert "Page 2 of 2" in second.find("nav", class_="pagination").get_text()


@pytest.mark.parametrize("page_number", ["abc", "999", "-1"])
def test_search_with_a_bad_page_number_still_answers(client, demo, page_number):
    response = client.get("/search/", {"q": "site", "page": page_number})

    assert response.status_code == 200
    assert soup(response).select(".search-result")


def test_search_with_an_overlong_query_is_trimmed_and_says_so(client, demo):
    response = client.get("/search/", {"q": "pain " * 100})

    assert response.status_code == 200
    assert "used only its first 200 characters" in response.content.decode()


def test_search_escapes_the_query_it_echoes(client, demo):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /accounts/" in body


def test_sitemap_lists_live_pages_and_leaves_out_drafts(client, home_page, demo):
    draft = ContentPageFactory(parent=home_page, title="Draft", slug="draft", live=False)

    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    for path in ("/about/", "/privacy/", "/accessibility/"):
        assert f"<loc>http://localhost{path}</loc>" in body
    assert draft.slug not in body


@pytest.mark.parametrize("role", ROLES)
def test_public_site_routes_are_open_to_every_role(client_as, demo, role):
    client = client_as(role)

    for url in ("/search/?q=pain", "/robots.txt", "/sitemap.xml", "/healthz/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("patient", 302), ("moderator", 200), ("editor", 200)],
)
def test_wagtail_admin_is_for_staff_only(client_as, role, expected):
    response = client_as(role).get("/admin/")

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES)
def test_django_admin_is_closed_to_everyone_but_superusers(client_as, role):
    response = client_as(role).get("/django-admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/django-admin/login/")


def test_django_admin_opens_for_a_superuser(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(admin)

    assert client.get("/django-admin/").status_code == 200


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/"])
def test_allauth_pages_render_inside_the_site_layout(client, demo, url):
    page = soup(client.get(url))

    assert page.find("a", class_="skip-link") is not None
    assert page.find("nav", attrs={"aria-label": "Main"}) is not None
    assert "does not replace a doctor" in page.find("footer").get_text()
