"""The glossary page, and article text linking to it."""

import pytest
from bs4 import BeautifulSoup

from articles.glossary import glossary_terms, link_glossary_terms
from articles.models import GlossaryTerm
from tests.factories import GlossaryTermFactory

pytestmark = pytest.mark.django_db

TERMS = [("glial cell", "glial-cell"), ("cytokine", "cytokine"), ("HPA axis", "hpa-axis")]


def test_glossary_lists_every_term_a_to_z_with_anchors(client, demo):
    page = BeautifulSoup(client.get("/glossary/").content, "html.parser")

    terms = [dt.get_text(strip=True) for dt in page.select("dl.glossary dt")]
    assert len(terms) == GlossaryTerm.objects.count() >= 30
    assert terms == sorted(terms, key=str.lower)
    letters = [a.get_text(strip=True) for a in page.select(".letter-nav a")]
    assert letters == sorted(set(letters)) and letters[0] == "A"
    microglia = page.find("dt", id="microglia")
    assert microglia.get_text(strip=True) == "microglia"
    read_more = microglia.find_next_sibling("dd").find("a")
    assert read_more["href"] == "/mechanisms/microglia/"


def test_glossary_without_terms_says_it_is_empty(client, db):
    page = BeautifulSoup(client.get("/glossary/").content, "html.parser")

    assert "The glossary is empty" in page.find(class_="empty-state").get_text()


def test_link_glossary_terms_links_only_the_first_use_of_each_term():
    html = "<p>A glial cell sends cytokines. Another glial cell sends a cytokine.</p>"

    linked = link_glossary_terms(html, TERMS)

    soup = BeautifulSoup(linked, "html.parser")
    links = [(a["href"], a.get_text()) for a in soup.find_all("a")]
    assert links == [("/glossary/#glial-cell", "glial cell"), ("/glossary/#cytokine", "cytokines")]
    assert soup.get_text() == BeautifulSoup(html, "html.parser").get_text()


def test_link_glossary_terms_leaves_headings_and_existing_links_alone():
    html = (
        '<h2>The HPA axis</h2><p><a href="/x/">cytokine page</a> and the HPA axis.</p>'
        "<p>One cytokine here.</p>"
    )

    soup = BeautifulSoup(link_glossary_terms(html, TERMS), "html.parser")

    assert soup.h2.find("a") is None
    assert [a["href"] for a in soup.find_all("a")] == [
        "/x/",
        "/glossary/#hpa-axis",
        "/glossary/#cytokine",
    ]


def test_link_glossary_terms_does_not_match_inside_other_words():
    linked = link_glossary_terms("<p>Precytokineish words stay as they are.</p>", TERMS)

    assert "<a" not in linked


def test_glossary_term_list_is_refreshed_when_a_term_is_added(db):
    assert glossary_terms() == []

    GlossaryTermFactory(term="fibro fog")

    assert glossary_terms() == [("fibro fog", "fibro-fog")]


def test_glossary_term_slug_is_made_from_the_term_when_left_empty(db):
    term = GlossaryTerm.objects.create(term="Blood-brain barrier", definition="A wall.")

    assert term.slug == "blood-brain-barrier"
    assert term.get_url() == "/glossary/#blood-brain-barrier"


@pytest.mark.parametrize("terms", [1, 40])
def test_glossary_query_budget_does_not_grow_with_terms(
    client, db, django_assert_max_num_queries, terms
):
    for number in range(terms):
        GlossaryTermFactory(term=f"term {number:02d}")

    with django_assert_max_num_queries(7):
        response = client.get("/glossary/")

    assert response.content.decode().count("<dt id=") == terms
