"""Shared parts of pages (navigation, footer, tag cloud, discussion list, an article's
discussions and questions) are cached for everyone and fresh after any change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import MechanismPage, SiteSettings
from caching import fragments, pagecache
from tests.factories import QuestionFactory, ThreadFactory, UserFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def tables_read(client, path):
    """The page, and the SQL it ran, less the one query on view restrictions every member's
    page makes (articles.visibility.reader_key, which joins the pages it restricts)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    return response, " ".join(q for q in sql if '"wagtailcore_pageviewrestriction"' not in q)


def test_a_repeat_visit_to_the_community_reads_no_threads_tags_or_menu(client, demo, patient):
    ThreadFactory.create_batch(3, tags=["night-sweats"])
    client.force_login(patient)
    first, first_sql = tables_read(client, "/community/")

    second, second_sql = tables_read(client, "/community/")

    assert "community_thread" in first_sql and "taggit_tag" in first_sql
    for table in ("community_thread", "taggit_tag", "wagtailcore_page", "wagtailcore_site"):
        assert table not in second_sql, table
    assert soup(second).find("ol", class_="thread-list") == soup(first).find(
        "ol", class_="thread-list"
    )
    assert "night-sweats (3)" in soup(second).find("ul", class_="tag-cloud").get_text(
        " ", strip=True
    )


def test_a_new_thread_shows_at_once_in_the_list_and_the_tag_cloud(client, demo, patient):
    ThreadFactory(tags=["sleep"])
    client.force_login(patient)
    client.get("/community/")

    ThreadFactory(title="Brand new thread about fog", tags=["brain-fog"])
    page = soup(client.get("/community/"))

    assert "Brand new thread about fog" in page.find("ol", class_="thread-list").get_text()
    assert "brain-fog (1)" in page.find("ul", class_="tag-cloud").get_text(" ", strip=True)
    assert "Page 1" not in page.get_text()  # still one page: the count is fresh too


def test_personal_parts_are_never_shared_between_members(client, demo):
    alice = UserFactory(username="alice-reads")
    bob = UserFactory(username="bob-reads")
    client.force_login(alice)
    client.get("/community/")
    client.force_login(bob)

    nav = soup(client.get("/community/")).find("nav", class_="site-nav").get_text(" ")

    assert "bob-reads" in nav and "alice-reads" not in nav


def test_pagination_links_keep_only_the_visitors_own_parameters(client, demo, settings):
    settings.COMMUNITY_THREADS_PER_PAGE = 2
    ThreadFactory.create_batch(5)
    client.get("/community/?page=2&utm_source=newsletter")

    links = soup(client.get("/community/?page=2")).find("nav", class_="pagination")

    hrefs = [a["href"] for a in links.find_all("a")]
    assert hrefs and not any("utm_source" in href for href in hrefs)


def test_renaming_a_menu_page_and_editing_site_settings_show_at_once(client, demo, editor):
    client.get("/community/")
    section = MechanismPage.objects.first().get_parent().specific
    section.title = "How fibromyalgia works"
    section.save_revision(user=editor).publish()
    site_settings = SiteSettings.objects.get()
    site_settings.contact_email = "hello@fibro.example.org"
    site_settings.save()

    page = soup(client.get("/community/"))

    assert "How fibromyalgia works" in page.find("nav", class_="site-nav").get_text()
    assert "hello@fibro.example.org" in page.find("footer").get_text()


def test_an_article_shows_a_new_discussion_and_question_at_once(client, demo):
    article = MechanismPage.objects.get(slug="microglia")
    client.get(article.url)
    _, repeat_sql = tables_read(client, article.url)
    assert "community_thread" not in repeat_sql and "community_question" not in repeat_sql

    ThreadFactory(title="Microglia and my flares", mechanisms=[article])
    QuestionFactory(title="Do microglia change with age?", mechanisms=[article])
    page = soup(client.get(article.url)).get_text()

    assert "Microglia and my flares" in page
    assert "Do microglia change with age?" in page


def test_fragment_caching_can_be_turned_off(client, demo, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/community/")

    _, sql = tables_read(client, "/community/")

    assert "taggit_tag" in sql and "wagtailcore_page" in sql


def test_a_change_moves_the_generation_on_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    """What a request cached between a change and its commit (under the new generation, from
    the old rows) is forgotten when the change commits."""
    with django_capture_on_commit_callbacks(execute=True):
        ThreadFactory(title="Committed later")
        during = pagecache.generation()
        fragments.cached("probe", lambda: "read before the commit")

    assert pagecache.generation() != during
    assert fragments.cached("probe", lambda: "read after the commit") == "read after the commit"


def test_a_signed_in_page_reads_the_generation_once(client, demo, patient):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ThreadFactory.create_batch(3, title="A night-sweats question", tags=["sleep"])
    client.force_login(patient)
    client.get("/community/")

    with CaptureQueriesContext(connection) as captured:
        page = client.get("/community/")

    asking = [query for query in captured.captured_queries if "caching_generation" in query["sql"]]
    assert len(asking) == 1  # from the database, once for the whole page
    assert soup(page).select("ol.thread-list")[0].get_text().count("A night-sweats question") == 3


def test_a_replys_shared_part_is_cached_and_an_edit_shows_at_once(client, patient, moderator):
    from community.services.posting import edit_reply
    from tests.factories import ReplyFactory

    thread = ThreadFactory()
    quoted = ReplyFactory(thread=thread, author=patient, body="Pacing helps me most.")
    ReplyFactory(thread=thread, quoted=quoted, body="Agreed, pacing is everything.")
    client.force_login(UserFactory(username="reader"))
    first = soup(client.get(thread.get_absolute_url())).select("li.reply")

    edit_reply(patient, quoted, body="Pacing and sleep help me most.")
    client.force_login(moderator)
    replies = soup(client.get(thread.get_absolute_url())).select("li.reply")

    assert "Pacing helps me most." in first[1].find("blockquote").get_text()
    assert "Pacing and sleep help me most." in replies[0].find(class_="post-body").get_text()
    assert "Pacing and sleep help me most." in replies[1].find("blockquote").get_text()
    assert "edited" in replies[0].find(class_="post-meta").get_text()
    assert replies[1].find("form", action=f"/community/r/{quoted.pk + 1}/moderate/")
