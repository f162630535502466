"""The FAQ page gathering every article's questions, and research updates with their feed."""

import datetime
import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from articles.models import MechanismPage, UpdatePage, UpdatesIndexPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_faq_page_gathers_questions_from_every_article(client, demo):
    page = soup(client.get("/faq/"))

    shown = [summary.get_text(strip=True) for summary in page.select("summary.faq__question")]
    expected = sum(len(p.faq_items()) for p in MechanismPage.objects.live()) + 2
    assert len(shown) == expected >= 14
    assert "Does low-dose naltrexone work?" in shown
    sections = [h2.get_text(strip=True) for h2 in page.select("section.faq-section h2")]
    assert sections[0] == "General questions" and "Microglia" in sections
    assert page.find("a", string="Microglia")["href"] == "/mechanisms/microglia/"


def test_faq_page_emits_faq_page_json_ld_for_every_question(client, demo):
    page = soup(client.get("/faq/"))

    (script,) = page.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == len(page.select("summary.faq__question"))


def test_updates_are_listed_newest_first_and_advertise_the_feed(client, demo):
    page = soup(client.get("/updates/"))

    titles = [h2.get_text(strip=True) for h2 in page.select(".update-item__title")]
    assert titles == [
        "Why a bad night makes the next day hurt more",
        "Could white blood cells be sensitizing nerves?",
    ]
    link = page.find("link", rel="alternate", type="application/rss+xml")
    assert link["href"] == "/updates/feed/"


def test_updates_feed_parses_with_titles_links_and_dates(client, demo):
    response = client.get("/updates/feed/")

    feed = feedparser.parse(response.content)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Research updates · Fibromyalgia Mechanisms"
    entries = [(entry.title, entry.link, entry.published_parsed[:3]) for entry in feed.entries]
    assert entries == [
        (
            "Why a bad night makes the next day hurt more",
            "http://testserver/updates/sleep-and-pain-loop/",
            (2026, 10, 20),
        ),
        (
            "Could white blood cells be sensitizing nerves?",
            "http://testserver/updates/neutrophils-and-nerves/",
            (2026, 9, 15),
        ),
    ]


def test_update_page_links_the_mechanisms_it_is_about(client, demo):
    page = soup(client.get("/updates/neutrophils-and-nerves/"))

    links = [a["href"] for a in page.select("section[aria-labelledby=about-heading] a")]
    assert links == ["/mechanisms/neuroinflammation/", "/mechanisms/neutrophils/"]


def test_updates_index_paginates(client, demo):
    index = UpdatesIndexPage.objects.get()
    for number in range(11):
        index.add_child(
            instance=UpdatePage(
                title=f"Extra update {number}",
                slug=f"extra-{number}",
                date=datetime.date(2025, 1, number + 1),
                summary="More news.",
                body=[],
            )
        )

    first = soup(client.get("/updates/"))
    second = soup(client.get("/updates/?page=2"))

    assert len(first.select(".update-item")) == 10
    assert len(second.select(".update-item")) == 3
    assert "Page 2 of 2" in second.find("nav", class_="pagination").get_text()
