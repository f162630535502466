"""Mechanism articles and their index: what a patient reads, and what search engines see."""

import json

import pytest
from bs4 import BeautifulSoup

from articles.models import MechanismPage
from tests.conftest import ROLES
from tests.factories import (
    MechanismIndexPageFactory,
    MechanismPageFactory,
    PersonFactory,
    QuestionFactory,
    ReferenceFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def json_ld(page, type_name):
    blocks = [json.loads(tag.string) for tag in page.find_all("script", type="application/ld+json")]
    return [block for block in blocks if block["@type"] == type_name]


def test_mechanism_index_groups_every_article_by_evidence_with_badges(client, demo):
    page = soup(client.get("/mechanisms/"))

    groups = page.select("section.mechanism-group")
    assert [group.h2.get_text(strip=True) for group in groups] == [
        "Established",
        "Strong hypothesis",
        "Emerging",
        "Early research",
    ]
    cards = page.select(".mechanism-card")
    assert len(cards) == 15
    microglia = next(card for card in cards if card.a.get_text(strip=True) == "Microglia")
    assert microglia.find(class_="badge").get_text(" ", strip=True) == "Evidence: Strong hypothesis"
    assert "immune cells of the brain" in microglia.p.get_text()
    assert page.find("details", class_="evidence-scale") is not None


def test_mechanism_index_without_articles_says_so(client, home_page):
    index = MechanismIndexPageFactory(parent=home_page)

    page = soup(client.get(index.url))

    assert "No articles yet" in page.find(class_="empty-state").get_text()


def test_mechanism_page_shows_summary_badge_review_dates_and_notice(client, demo):
    page = soup(client.get("/mechanisms/microglia/"))

    assert page.h1.get_text(strip=True) == "Microglia"
    assert (
        page.find(class_="article__evidence")
        .get_text(" ", strip=True)
        .startswith("Evidence: Strong hypothesis")
    )
    assert "If they stay switched on" in page.find("section", class_="in-short").get_text()
    dates = page.find(class_="review-dates").get_text(" ", strip=True)
    assert "Page last reviewed:" in dates and "Next review due:" in dates
    assert "Dr Priya Raman, MBBS, rheumatologist" in dates
    assert "does not replace a doctor" in page.find(class_="article-notice").get_text()


def test_mechanism_page_links_other_mechanisms_glossary_and_studies(client, demo):
    page = soup(client.get("/mechanisms/microglia/"))

    related = [a["href"] for a in page.select("section[aria-labelledby=related-heading] a")]
    assert "/mechanisms/astrocytes/" in related
    glossary_links = page.select(".article__body a.glossary-link")
    hrefs = [a["href"] for a in glossary_links]
    assert "/glossary/#microglia" in hrefs and "/glossary/#cytokine" in hrefs
    assert len(hrefs) == len(set(hrefs)), "each term is linked once, at its first use"
    studies = page.select("ol.references li")
    assert len(studies) == 4
    assert "Yasui M" in page.find("ol", class_="references").get_text()


def test_claims_show_their_own_evidence_level_and_sources(client, demo):
    page = soup(client.get("/mechanisms/microglia/"))

    claims = page.select(".claim")
    levels = [claim.find(class_="badge").get_text(" ", strip=True) for claim in claims]
    assert levels == [
        "Evidence: Strong hypothesis",
        "Evidence: Strong hypothesis",
        "Evidence: Emerging",
    ]
    assert "Yasui M" in claims[1].find(class_="claim__sources").get_text()


def test_mechanism_page_emits_medical_web_page_json_ld(client, demo):
    page = soup(client.get("/mechanisms/microglia/"))

    (data,) = json_ld(page, "MedicalWebPage")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Microglia"
    assert data["about"]["@type"] == "MedicalCondition"
    assert data["about"]["name"] == "Fibromyalgia"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Priya Raman",
        "jobTitle": "MBBS, rheumatologist",
    }
    assert (
        data["lastReviewed"]
        == MechanismPage.objects.get(slug="microglia").last_reviewed.isoformat()
    )
    assert len(data["citation"]) == 4


def test_mechanism_page_with_faqs_emits_faq_page_json_ld_and_one_without_does_not(client, demo):
    with_faqs = soup(client.get("/mechanisms/neuroinflammation/"))
    without = soup(client.get("/mechanisms/astrocytes/"))

    (faq,) = json_ld(with_faqs, "FAQPage")
    questions = [item["name"] for item in faq["mainEntity"]]
    assert "Is neuroinflammation the main cause of fibromyalgia?" in questions
    assert all(item["acceptedAnswer"]["@type"] == "Answer" for item in faq["mainEntity"])
    assert all("<" not in item["acceptedAnswer"]["text"] for item in faq["mainEntity"])
    assert json_ld(without, "FAQPage") == []
    assert len(with_faqs.select("details.faq")) == len(questions)


def test_json_ld_cannot_break_out_of_its_script_element(client, home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    MechanismPageFactory(parent=index, slug="odd", title="</script><script>alert(1)</script>")

    response = client.get("/mechanisms/odd/")

    assert b"<script>alert(1)</script>" not in response.content
    (data,) = json_ld(soup(response), "MedicalWebPage")
    assert data["name"] == "</script><script>alert(1)</script>"


def build_article(index, count):
    """A mechanism page with `count` related pages, FAQs, references and cited claims."""
    others = [MechanismPageFactory(parent=index) for _ in range(count)]
    references = [ReferenceFactory() for _ in range(count)]
    body = [{"type": "paragraph", "value": "<p>Intro.</p>"}] + [
        {
            "type": "claim",
            "value": {
                "text": f"<p>Finding {n}.</p>",
                "evidence_level": "emerging",
                "citations": [reference.pk],
            },
        }
        for n, reference in enumerate(references)
    ]
    faqs = [
        {"type": "faq", "value": {"question": f"Question {n}?", "answer": "<p>Answer.</p>"}}
        for n in range(count)
    ]
    page = MechanismPageFactory(
        parent=index,
        slug=f"article-{count}",
        body=body,
        faqs=faqs,
        author=PersonFactory(),
        clinical_reviewer=PersonFactory(),
    )
    page.related_mechanisms = others
    page.references = references
    page.tags.add(*[f"tag {n}" for n in range(count)])
    page.save_revision().publish()
    for _ in range(count):
        ThreadFactory(mechanisms=[page])
        QuestionFactory(mechanisms=[page])
    return page


@pytest.mark.parametrize("count", [1, 12])
def test_mechanism_page_query_budget_does_not_grow_with_related_items(
    client, home_page, django_assert_max_num_queries, count
):
    index = MechanismIndexPageFactory(parent=home_page)
    article = build_article(index, count)
    client.get(article.url)  # warm Wagtail's site-root cache
    # 19 = routing (site, 2 levels of pages, alias, view restrictions) + breadcrumb parent +
    # people + related pages (and their view restrictions) + references + tags + cited
    # references + questions + discussions + navigation + site settings + footer links +
    # the page generation (caching/generation.py). None of them depends on the count.
    with django_assert_max_num_queries(19):
        response = client.get(article.url)

    page = soup(response)
    assert len(page.select("section[aria-labelledby=related-heading] li")) == count
    assert len(page.select("details.faq")) == count
    assert len(page.select("ol.references li")) == count
    assert len(page.select(".claim")) == count
    assert len(page.select("section[aria-labelledby=discussions-heading] li")) == min(count, 5)
    assert len(page.select("section[aria-labelledby=questions-heading] li")) == min(count, 5)


@pytest.mark.parametrize("count", [1, 12])
def test_mechanism_index_query_budget_does_not_grow_with_articles(
    client, home_page, django_assert_max_num_queries, count
):
    index = MechanismIndexPageFactory(parent=home_page)
    for _ in range(count):
        MechanismPageFactory(parent=index)
    client.get(index.url)

    # 11: what it was, and the page generation (caching/generation.py).
    with django_assert_max_num_queries(11):
        response = client.get(index.url)

    assert len(soup(response).select(".mechanism-card")) == count


@pytest.mark.parametrize("role", ROLES)
def test_article_pages_are_open_to_every_role(client_as, demo, role):
    client = client_as(role)

    for url in (
        "/mechanisms/",
        "/mechanisms/microglia/",
        "/mechanisms/treatments/",
        "/faq/",
        "/glossary/",
        "/updates/",
        "/updates/feed/",
        "/updates/sleep-and-pain-loop/",
    ):
        assert client.get(url).status_code == 200, url


def test_draft_mechanism_page_is_not_public(client, home_page, editor):
    index = MechanismIndexPageFactory(parent=home_page)
    draft = MechanismPageFactory(parent=index, slug="draft", live=False)

    assert client.get("/mechanisms/draft/").status_code == 404
    assert draft.title not in client.get("/mechanisms/").content.decode()
