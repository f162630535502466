"""What changed: dated public notes on an article, the list of recent changes across articles
(/updates/changes/) and its RSS feed."""

import datetime

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from caching.pagecache import generation
from tests.factories import MechanismIndexPageFactory, MechanismPageFactory
from tests.helpers import soup
from tests.portal.test_query_budgets import grow, queries_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def index(home_page):
    return MechanismIndexPageFactory(parent=home_page)


def notes(*items):
    """StreamField data for change notes, each (days ago, text)."""
    return [("note", {"date": days_ago(days), "text": text}) for days, text in items]


def with_notes(page, *items):
    """Publish `page` with the change notes (days ago, text), as an editor does."""
    page.change_notes = notes(*items)
    page.save_revision().publish()
    return page


def test_article_lists_its_change_notes_and_last_review_newest_first(client, index):
    page = MechanismPageFactory(parent=index, last_reviewed=days_ago(30))
    with_notes(page, (40, "Explained the volume knob."), (2, "Added the 2025 study on nerves."))

    section = soup(client.get(page.url)).find("section", id="what-changed")

    items = [item.get_text(" ", strip=True) for item in section.select("li")]
    assert items == [
        f"{days_ago(2):%-d %B %Y} : Added the 2025 study on nerves.",
        f"{days_ago(30):%-d %B %Y} : A clinician checked the whole article.",
        f"{days_ago(40):%-d %B %Y} : Explained the volume knob.",
    ]
    assert section.select("time")[0]["datetime"] == days_ago(2).isoformat()
    assert section.find("a", string="Recent changes to all articles")["href"] == "/updates/changes/"


def test_a_note_in_a_draft_shows_once_published_and_moves_the_page_cache(client, index):
    page = MechanismPageFactory(parent=index)
    page.change_notes = notes((0, "Made the opening shorter."))
    page.save_revision()

    assert "Made the opening shorter." not in client.get(page.url).content.decode()

    before = generation()
    page.get_latest_revision().publish()

    assert generation() != before
    assert "Made the opening shorter." in client.get(page.url).content.decode()


def test_recent_changes_list_notes_across_articles_newest_first(client, index):
    sleep = with_notes(MechanismPageFactory(parent=index, title="Sleep"), (5, "Added a loop."))
    with_notes(MechanismPageFactory(parent=index, title="Nerves"), (1, "Added a study."))

    page = soup(client.get("/updates/changes/"))

    items = [item.get_text(" ", strip=True) for item in page.select(".change-list__item")]
    assert items == [
        f"Nerves {days_ago(1):%-d %B %Y} : Added a study.",
        f"Sleep {days_ago(5):%-d %B %Y} : Added a loop.",
    ]
    assert page.select(".change-list__item a")[1]["href"] == f"{sleep.url}#what-changed"
    assert page.find("link", type="application/rss+xml")["href"] == "/updates/changes/feed/"


def test_recent_changes_say_so_when_there_are_none(client, index):
    page = soup(client.get("/updates/changes/"))

    assert "No changes yet" in page.find(class_="empty-state").get_text()


def test_a_restricted_article_changes_are_listed_for_members_only(client, index, patient):
    hidden = with_notes(MechanismPageFactory(parent=index), (1, "A members-only change."))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")

    assert "A members-only change." not in client.get("/updates/changes/").content.decode()
    assert "A members-only change." not in client.get("/updates/changes/feed/").content.decode()
    client.force_login(patient)
    assert "A members-only change." in client.get("/updates/changes/").content.decode()
    # Feeds are passed on by feed readers: a visitor's view, whoever asks.
    assert "A members-only change." not in client.get("/updates/changes/feed/").content.decode()


def test_an_unpublished_article_changes_are_not_listed(client, index):
    page = with_notes(MechanismPageFactory(parent=index), (1, "A change to a withdrawn page."))
    page.unpublish()

    assert "withdrawn page" not in client.get("/updates/changes/").content.decode()


def test_changes_feed_is_rss_with_a_dated_item_for_each_note(client, index):
    page = with_notes(MechanismPageFactory(parent=index, title="Sleep"), (3, "Added a loop."))

    response = client.get("/updates/changes/feed/")

    feed = feedparser.parse(response.content)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "What changed in our articles · Fibromyalgia Mechanisms"
    (entry,) = feed.entries
    assert entry.title == "Sleep: Added a loop."
    assert entry.link.endswith(f"{page.url}#what-changed")
    assert entry.published_parsed[:3] == days_ago(3).timetuple()[:3]


def test_updates_page_links_to_recent_changes(client, home_page):
    from articles.models import UpdatesIndexPage

    updates = UpdatesIndexPage(title="Research news", slug="updates", intro="News.")
    home_page.add_child(instance=updates)

    page = soup(client.get("/updates/"))

    assert page.find("a", string="What changed in our articles")["href"] == "/updates/changes/"


def test_recent_changes_budget(client, index):
    def make(count):
        for number in range(count):
            MechanismPageFactory(parent=index, change_notes=notes((1, f"Change {number}.")))

    one, many = grow(
        make,
        lambda: queries_for(client, "/updates/changes/"),
        lambda: queries_for(client, "/updates/changes/"),
    )

    assert one == many <= 12


def test_changes_feed_budget(client, index):
    def make(count):
        for number in range(count):
            MechanismPageFactory(parent=index, change_notes=notes((1, f"Change {number}.")))

    one, many = grow(
        make,
        lambda: queries_for(client, "/updates/changes/feed/"),
        lambda: queries_for(client, "/updates/changes/feed/"),
    )

    assert one == many <= 8
