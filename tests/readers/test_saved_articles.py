"""Saved articles: the Save button (without JavaScript), /accounts/saved/ with the last section
read, the reading place, and "Continue reading", with nothing about a member in the pages
that readers share."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from readers.models import SavedArticle
from tests.factories import MechanismPageFactory, UserFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

SAVE = "/accounts/saved/save/"
REMOVE = "/accounts/saved/remove/"
PLACE = "/accounts/saved/place/"
STATE = "/accounts/saved/state/"
LIST = "/accounts/saved/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def without_tokens(response):
    return TOKEN.sub("", response.content.decode())


def test_saved_article_page_offers_a_visitor_to_sign_in_to_save(client, sleep):
    response = client.get(sleep.url)

    link = soup(response).find("a", string="Sign in to save this article")
    assert link["href"].startswith("/accounts/login/?next=")
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies  # the page stays cacheable for visitors


def test_saved_article_page_gives_members_a_save_form_that_works_without_javascript(
    client, patient, sleep
):
    client.force_login(patient)

    response = client.get(sleep.url)

    form = soup(response).select_one(f"form[action='{SAVE}']")
    assert form["method"] == "post" and not form.has_attr("hidden")
    assert form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert form.select_one("input[name=page]")["value"] == str(sleep.pk)


def test_saved_article_page_is_the_same_for_a_member_who_saved_it_and_one_who_did_not(
    client, sleep
):
    saver = UserFactory(username="zq-saver", groups=["Patients"])
    SavedArticle.objects.create(user=saver, page=sleep, section="Why sleep matters")
    other = UserFactory(username="zq-reader", groups=["Patients"])
    client.force_login(saver)
    theirs = without_tokens(client.get(sleep.url)).replace("zq-saver", "NAME")
    client.force_login(other)
    others = without_tokens(client.get(sleep.url)).replace("zq-reader", "NAME")

    assert theirs == others
    assert "Why sleep matters" in theirs  # the heading, not a reading place


def test_saved_article_save_keeps_it_and_goes_back_to_the_article(client, patient, sleep):
    client.force_login(patient)

    response = client.post(SAVE, {"page": sleep.pk})

    assert response.status_code == 302
    assert response["Location"] == f"{sleep.url}#save-article"
    assert SavedArticle.objects.filter(user=patient, page=sleep).count() == 1
    assert "Saved. You will find it in your saved articles." in client.get(sleep.url).text
    client.post(SAVE, {"page": sleep.pk})
    assert SavedArticle.objects.filter(user=patient).count() == 1


def test_saved_article_save_sends_a_visitor_to_sign_in(client, sleep):
    response = client.post(SAVE, {"page": sleep.pk})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert SavedArticle.objects.count() == 0


def test_saved_article_cannot_save_an_article_the_member_may_not_see(client, patient, clinic_only):
    client.force_login(patient)

    assert client.post(SAVE, {"page": clinic_only.pk}).status_code == 404
    assert client.post(SAVE, {"page": "nonsense"}).status_code == 404
    assert SavedArticle.objects.count() == 0


def test_saved_list_shows_newest_first_with_the_last_section_read(client, patient, sleep, nerves):
    earlier = timezone.now() - datetime.timedelta(days=2)
    SavedArticle.objects.create(
        user=patient, page=sleep, saved_at=earlier, section="Why sleep matters",
        anchor="read-why-sleep-matters",
    )  # fmt: skip
    SavedArticle.objects.create(user=patient, page=nerves)
    client.force_login(patient)

    response = client.get(LIST)

    titles = [link.get_text() for link in soup(response).select(".saved-item__title")]
    assert titles[:2] == ["Small nerves", "Sleep and pain"]
    place = soup(response).select_one(".saved-item__place a")
    assert place.get_text() == "Why sleep matters"
    assert place["href"] == f"{sleep.url}#read-why-sleep-matters"


def test_saved_list_leaves_out_articles_no_longer_available_and_says_so(
    client, patient, sleep, clinic_only
):
    SavedArticle.objects.create(user=patient, page=sleep)
    SavedArticle.objects.create(user=patient, page=clinic_only)
    client.force_login(patient)

    response = client.get(LIST)

    assert "Clinic circle" not in response.text
    assert "1 saved article is not available at the moment." in response.text


def test_saved_list_is_for_members_only(client):
    response = client.get(LIST)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_saved_article_remove_takes_it_off_the_list(client, patient, sleep):
    SavedArticle.objects.create(user=patient, page=sleep)
    client.force_login(patient)

    response = client.post(REMOVE, {"page": sleep.pk, "next": sleep.url})

    assert response["Location"] == sleep.url
    assert not SavedArticle.objects.exists()
    foreign = client.post(REMOVE, {"page": sleep.pk, "next": "https://evil.example/"})
    assert foreign["Location"] == LIST


def test_saved_reading_place_is_kept_for_saved_articles_only(client, patient, sleep, nerves):
    SavedArticle.objects.create(user=patient, page=sleep)
    client.force_login(patient)

    kept = client.post(
        PLACE, {"page": sleep.pk, "section": "What the studies found", "anchor": "read-what"}
    )
    ignored = client.post(PLACE, {"page": nerves.pk, "section": "Intro", "anchor": "read-intro"})
    refused = client.post(PLACE, {"page": sleep.pk, "section": "x", "anchor": "javascript:x"})

    assert kept.status_code == ignored.status_code == refused.status_code == 204
    saved = SavedArticle.objects.get()
    assert (saved.section, saved.anchor) == ("What the studies found", "read-what")
    assert saved.read_at is not None
    assert not SavedArticle.objects.filter(page=nerves).exists()


def test_saved_state_says_whether_this_member_saved_the_article(client, patient, sleep, nerves):
    SavedArticle.objects.create(user=patient, page=sleep)
    client.force_login(patient)

    assert client.get(STATE, {"page": sleep.pk}).json() == {"saved": True}
    assert client.get(STATE, {"page": nerves.pk}).json() == {"saved": False}
    assert "no-store" in client.get(STATE, {"page": sleep.pk})["Cache-Control"]


def test_saved_state_gives_the_article_to_continue_reading(client, patient, sleep, nerves):
    now = timezone.now()
    SavedArticle.objects.create(
        user=patient, page=sleep, saved_at=now - datetime.timedelta(days=3),
        read_at=now - datetime.timedelta(hours=1), section="Why sleep matters",
        anchor="read-why-sleep-matters",
    )  # fmt: skip
    SavedArticle.objects.create(
        user=patient, page=nerves, saved_at=now - datetime.timedelta(days=1)
    )
    client.force_login(patient)

    state = client.get(STATE).json()

    assert state == {
        "continue": {
            "title": "Sleep and pain",
            "url": f"{sleep.url}#read-why-sleep-matters",
            "section": "Why sleep matters",
        }
    }
    SavedArticle.objects.all().delete()
    assert client.get(STATE).json() == {"continue": None}


def test_saved_home_page_has_only_an_empty_continue_reading_frame(
    client, patient, home_page, sleep
):
    SavedArticle.objects.create(user=patient, page=sleep)

    visitor = client.get("/")
    client.force_login(patient)
    member = client.get("/")

    assert soup(visitor).select_one("[data-continue-reading]") is None
    frame = soup(member).select_one("[data-continue-reading]")
    assert frame.has_attr("hidden") and "Sleep and pain" not in member.text
    assert soup(member).select_one("script[src$='reading-place.js']") is not None


def test_saved_list_query_budget_does_not_grow_with_saved_articles(client, patient, index):
    client.force_login(patient)

    def queries():
        for _ in range(2):  # warm the per-process caches (site settings, fragments)
            client.get(LIST)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    SavedArticle.objects.create(user=patient, page=MechanismPageFactory(parent=index))
    one = queries()
    for _ in range(10):
        SavedArticle.objects.create(user=patient, page=MechanismPageFactory(parent=index))
    eleven = queries()

    assert one == eleven <= 8


def test_saved_state_and_saving_query_budgets_do_not_grow_with_saved_articles(
    client, patient, index, sleep
):
    client.force_login(patient)

    def queries():
        counts = []
        for request in (
            lambda: client.get(STATE),
            lambda: client.get(STATE, {"page": sleep.pk}),
            lambda: client.post(SAVE, {"page": sleep.pk}),
            lambda: client.post(PLACE, {"page": sleep.pk, "section": "S", "anchor": "read-s"}),
            lambda: client.post(REMOVE, {"page": sleep.pk}),
        ):
            for _ in range(2):  # warm the per-process caches (site settings, fragments)
                request()
            with CaptureQueriesContext(connection) as captured:
                request()
            counts.append(len(captured))
        return counts

    SavedArticle.objects.create(user=patient, page=MechanismPageFactory(parent=index))
    one = queries()
    for _ in range(10):
        SavedArticle.objects.create(user=patient, page=MechanismPageFactory(parent=index))
    eleven = queries()

    assert one == eleven
    assert max(eleven) <= 10
