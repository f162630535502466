"""Site search over articles, FAQs and the glossary."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def results(client, query):
    page = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [a["href"] for a in page.select(".search-result__title a")], page


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("microglia", "/mechanisms/microglia/"),
        ("sleep", "/mechanisms/sleep/"),
        ("neutrophils", "/mechanisms/neutrophils/"),
        ("astrocytes", "/mechanisms/astrocytes/"),
        ("low-dose naltrexone", "/mechanisms/microglia/"),
    ],
)
def test_search_ranks_the_article_about_the_query_first(client, demo, query, first):
    hrefs, _ = results(client, query)

    assert hrefs[0] == first, hrefs


def test_search_finds_faq_answers(client, demo):
    hrefs, _ = results(client, "autoimmune")

    assert "/mechanisms/neutrophils/" in hrefs


def test_search_shows_glossary_matches_first(client, demo):
    _, page = results(client, "microglia")

    glossary = page.find("section", class_="glossary-matches")
    entries = {dt.a["href"]: dt.find_next_sibling("dd").get_text() for dt in glossary.select("dt")}
    assert "/glossary/#microglia" in entries
    assert "immune cells of the brain" in entries["/glossary/#microglia"]


def test_search_snippets_highlight_the_query(client, demo):
    _, page = results(client, "microglia")

    snippet = page.select_one(".search-result__snippet")
    assert [mark.get_text().lower() for mark in snippet.find_all("mark")][0] == "microglia"


def test_search_suggests_a_spelling_when_nothing_matches(client, demo):
    hrefs, page = results(client, "mikroglia")

    assert hrefs == []
    suggestion = page.select_one(".suggestion a")
    assert suggestion.get_text() == "microglia"
    assert suggestion["href"] == "/search/?q=microglia"


def test_search_never_echoes_markup_from_the_query_into_snippets(client, demo):
    response = client.get("/search/", {"q": "<mark>sleep</mark><img src=x onerror=alert(1)>"})

    assert response.status_code == 200
    assert b"<img src=x" not in response.content


@pytest.mark.parametrize("matches", [1, 10])
def test_search_query_budget_does_not_grow_with_results(
    client, home_page, django_assert_max_num_queries, matches
):
    for number in range(matches):
        ContentPageFactory(
            parent=home_page, title=f"Fatigue note {number}", slug=f"fatigue-{number}"
        )
    client.get("/search/", {"q": "fatigue"})

    with django_assert_max_num_queries(12):
        response = client.get("/search/", {"q": "fatigue"})

    assert response.content.decode().count('class="search-result"') == matches


def test_sitemap_lists_every_live_page_and_the_glossary(client, demo):
    from wagtail.models import Page

    body = client.get("/sitemap.xml").content.decode()

    live = Page.objects.live().filter(depth__gt=1).specific()
    for page in live:
        assert f"<loc>{page.full_url}</loc>" in body, page.url_path
    assert "<loc>http://testserver/glossary/</loc>" in body


def test_discussion_search_starts_from_the_full_text_index(client, db):
    """Finds the discussion; on PostgreSQL a GIN index covers the very expression Wagtail's
    backend matches (portal migration 0002); SQLite searches its own FTS5 table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.search import search_discussions
    from tests.factories import ThreadFactory

    ThreadFactory.create_batch(3, title="Pacing on good days")
    wanted = ThreadFactory(title="Keeping a sleep diary", body="Writing down each night helps")

    with CaptureQueriesContext(connection) as captured:
        found = search_discussions("sleep diary")

    assert found == [wanted]
    if connection.vendor != "postgresql":
        assert any("fts" in q["sql"].lower() for q in captured.captured_queries)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'portal_search_entry_text_gin'"
        )
        (definition,) = cursor.fetchone()
    # The very expression Wagtail's query matches, per model (see bench/README.md for when
    # the planner prefers it).
    assert "gin (content_type_id, ((title || body)))" in definition, definition


def test_search_repeated_by_a_member_reads_only_the_member_and_generation(client, demo, patient):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(patient)
    first, first_page = results(client, "microglia")

    with CaptureQueriesContext(connection) as captured:
        again, again_page = results(client, "microglia")

    assert again == first and again[0] == "/mechanisms/microglia/"
    # Sessions live in the database in tests (in Redis with REDIS_URL); besides, only the
    # member is read, in one query with what they may do, whether their session is still
    # kept (never from a cache) and the page generation. The view restrictions the member
    # passes (articles.visibility.reader_key) were read by the first search and are kept by
    # the worker until the generation moves on.
    queries = [query["sql"] for query in captured.captured_queries]
    rest = [sql for sql in queries if not sql.startswith('SELECT "django_session".')]
    assert len(rest) == 1
    assert '"accounts_user"' in rest[0] and '"django_session"' in rest[0]
    assert "caching_generation" in rest[0]
    assert "patient" in again_page.find("nav", class_="site-nav").get_text()


def test_search_leaves_out_an_article_the_member_may_not_see_and_finds_the_rest(client, demo):
    """A member outside the group an article is restricted to finds the other articles but
    not that one (articles.visibility; the sections hidden from them are left out of the
    search as Wagtail's `.public()` leaves out private ones)."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from articles.models import MechanismPage
    from tests.factories import UserFactory

    circle = Group.objects.create(name="Clinic circle")
    restriction = PageViewRestriction.objects.create(
        page=MechanismPage.objects.get(slug="microglia"), restriction_type="groups"
    )
    restriction.groups.set([circle])
    client.force_login(UserFactory(groups=["Patients"]))

    hrefs, _ = results(client, "microglia")
    sleep, _ = results(client, "sleep")

    assert hrefs and "/mechanisms/microglia/" not in hrefs
    assert sleep[0] == "/mechanisms/sleep/"
