"""The ask page: one box for the question, which suggests what may already answer it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from articles.models import GlossaryTerm, MechanismPage
from community.models import Question
from tests.factories import (
    MechanismIndexPageFactory,
    MechanismPageFactory,
    QuestionFactory,
    UserFactory,
)
from tests.helpers import soup

pytestmark = pytest.mark.django_db

SLEEP_FAQ = "Why does sleep matter so much?"


@pytest.fixture
def articles(home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    return {
        slug: MechanismPageFactory(parent=index, title=slug.title(), slug=slug)
        for slug in ("microglia", "sleep")
    }


def suggestions(client, query):
    return client.get("/questions/similar/", {"q": query}).json()


def test_ask_page_has_one_question_box(client, patient, articles):
    client.force_login(patient)

    page = soup(client.get("/questions/ask/"))

    forms = page.select("main form")
    assert [form["action"] for form in forms] == ["/questions/ask/"]
    boxes = page.select("main input[type=text], main input[type=search], main input:not([type])")
    assert [box["name"] for box in boxes] == ["title"]
    assert page.select_one("label[for=id_title]").get_text() == "Your question"
    assert page.select_one("#similar-results")["data-similar-url"] == "/questions/similar/"


def test_ask_page_from_an_article_ticks_that_article(client, patient, articles):
    client.force_login(patient)

    page = soup(client.get("/questions/ask/", {"mechanism": "sleep"}))

    ticked = [box["value"] for box in page.select("input[name=mechanisms][checked]")]
    assert ticked == [str(articles["sleep"].pk)]


def test_ask_page_from_an_article_the_member_may_not_see_ticks_nothing(client, patient, articles):
    restriction = PageViewRestriction.objects.create(
        page=articles["sleep"], restriction_type="groups"
    )
    restriction.groups.set([Group.objects.create(name="Clinic circle")])
    client.force_login(patient)

    page = soup(client.get("/questions/ask/", {"mechanism": "sleep"}))

    assert page.select("input[name=mechanisms][checked]") == []
    assert "Sleep" not in [label.get_text(strip=True) for label in page.select("label")]


def test_article_page_links_to_ask_about_that_article(client, articles):
    page = soup(client.get(articles["microglia"].url))

    link = page.find("a", string="Ask a question about Microglia")
    assert link["href"] == "/questions/ask/?mechanism=microglia"


def test_ask_check_without_javascript_lists_similar_and_keeps_what_was_typed(
    client, patient, articles
):
    QuestionFactory(title="Does microglia activity cause brain fog?")
    client.force_login(patient)

    response = client.post(
        "/questions/ask/",
        {
            "title": "What do microglia do?",
            "body": "Details I typed",
            "mechanisms": [articles["microglia"].pk],
            "check": "1",
        },
    )

    page = soup(response)
    assert not Question.objects.filter(author=patient).exists()
    links = [a.get_text() for a in page.select("#similar-results a")]
    assert "Does microglia activity cause brain fog?" in links
    assert page.select_one("#id_title")["value"] == "What do microglia do?"
    assert page.select_one("#id_body").get_text().strip() == "Details I typed"
    ticked = [box["value"] for box in page.select("input[name=mechanisms][checked]")]
    assert ticked == [str(articles["microglia"].pk)]
    assert not page.select(".errorlist")


def test_ask_sends_the_question_from_the_one_box(client, patient, articles):
    client.force_login(patient)

    response = client.post(
        "/questions/ask/",
        {"title": "Can pacing help on bad days?", "mechanisms": [articles["sleep"].pk]},
    )

    question = Question.objects.get(author=patient)
    assert response["Location"] == question.get_absolute_url()
    assert [m.slug for m in question.mechanisms.all()] == ["sleep"]


def test_similar_suggestions_find_the_sleep_faq_for_a_question_in_other_words(client, demo):
    data = suggestions(client, "Why does poor sleep make pain worse?")

    faqs = [faq["title"] for faq in data["faqs"]]
    assert faqs[0] == SLEEP_FAQ
    url = data["faqs"][0]["url"]
    assert url.startswith("/mechanisms/sleep/#faq-")
    page = soup(client.get(url.split("#")[0]))
    assert page.find(id=url.split("#")[1]).summary.get_text() == SLEEP_FAQ


def test_similar_suggestions_show_faqs_on_the_ask_page_without_javascript(client, demo):
    client.force_login(UserFactory(groups=["Patients"]))

    page = soup(client.get("/questions/ask/", {"title": "Why does poor sleep make pain worse?"}))

    assert SLEEP_FAQ in [a.get_text() for a in page.select("#similar-results a")]


def test_similar_suggestions_leave_out_faqs_of_an_article_the_reader_may_not_see(client, demo):
    PageViewRestriction.objects.create(
        page=MechanismPage.objects.get(slug="sleep"), restriction_type="login"
    )

    data = suggestions(client, "Why does poor sleep make pain worse?")

    assert all("/mechanisms/sleep/" not in faq["url"] for faq in data["faqs"])
    assert all(article["url"] != "/mechanisms/sleep/" for article in data["articles"])
    client.force_login(UserFactory(groups=["Patients"]))
    assert SLEEP_FAQ in [faq["title"] for faq in suggestions(client, "poor sleep")["faqs"]]


def test_similar_suggestions_know_the_glossary_synonyms(client, articles):
    GlossaryTerm.objects.create(
        term="fibro fog", definition="Trouble thinking.", synonyms="brain fog"
    )
    QuestionFactory(title="How do you cope with fibro fog at work?")

    data = suggestions(client, "Brain fog at my job")

    assert [q["title"] for q in data["questions"]] == ["How do you cope with fibro fog at work?"]


def test_similar_suggestions_match_any_meaningful_word_of_a_long_question(client, articles):
    QuestionFactory(title="Does microglia activity cause brain fog?")

    data = suggestions(client, "Why would microglia be busier in people like me?")

    assert [q["title"] for q in data["questions"]] == ["Does microglia activity cause brain fog?"]
    assert [a["title"] for a in data["articles"]] == ["Microglia"]


def test_similar_suggestions_query_budget_does_not_grow_with_faqs(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from caching.pagecache import bump

    index = MechanismIndexPageFactory(parent=home_page)

    def add_articles(first, count):
        for number in range(first, first + count):
            MechanismPageFactory(
                parent=index,
                title=f"Topic {number}",
                slug=f"topic-{number}",
                faqs=[
                    {
                        "type": "faq",
                        "value": {"question": f"Is sleep {number} good?", "answer": "<p>Yes.</p>"},
                    }
                ],
            )

    def queries():
        bump()  # the first visit after a change: nothing cached yet
        with CaptureQueriesContext(connection) as captured:
            data = suggestions(client, "poor sleep")
        return len(captured), len(data["faqs"])

    add_articles(0, 1)
    queries()  # warms the per-process caches (site root paths), as on any running server
    one, found_one = queries()
    add_articles(1, 9)
    ten, found_ten = queries()

    assert (found_one, found_ten) == (1, 3)
    assert one == ten
