"""Search knows the words patients use: the glossary's synonyms and abbreviations."""

import pytest
from bs4 import BeautifulSoup
from zeal import zeal_ignore

from articles.models import GlossaryTerm
from community.search import query_variants
from tests.factories import QuestionFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def search(client, query):
    page = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return {
        "pages": [a["href"] for a in page.select(".search-result__title a")],
        "glossary": [a["href"] for a in page.select(".glossary-matches dt a")],
        "questions": [a.get_text() for a in page.select(".question-matches a")],
        "discussions": [a.get_text() for a in page.select(".discussion-matches a")],
        "marked": [mark.get_text().lower() for mark in page.select(".search-result__snippet mark")],
    }


def test_glossary_term_synonyms_are_edited_in_the_snippet_form(client, editor):
    term = GlossaryTerm.objects.create(term="fibro fog", definition="Trouble thinking.")
    client.force_login(editor)

    with zeal_ignore():  # Wagtail's edit view reads the snippet more than once, by design
        response = client.get(f"/admin/snippets/articles/glossaryterm/edit/{term.pk}/")
    page = BeautifulSoup(response.content.decode(), "html.parser")

    field = page.find("input", attrs={"name": "synonyms"})
    assert field is not None
    assert "separated by commas" in GlossaryTerm._meta.get_field("synonyms").help_text


def test_glossary_term_synonym_list_drops_blanks_repeats_and_the_term_itself(db):
    term = GlossaryTerm(term="fibro fog", synonyms=" brain fog, ,Brain  Fog, fibro fog, fibrofog")

    assert term.synonym_list() == ["brain fog", "fibrofog"]


def test_query_variants_say_the_query_with_each_synonym(db):
    GlossaryTerm.objects.create(
        term="low-dose naltrexone", definition="A medicine.", synonyms="LDN"
    )

    assert query_variants("Does LDN help?") == ["does ldn help", "does low dose naltrexone help"]
    assert query_variants("low-dose naltrexone") == ["low dose naltrexone", "ldn"]
    assert query_variants("sleep") == ["sleep"]


def test_search_with_a_synonym_finds_what_the_term_finds(client, demo):
    brain, fibro = search(client, "brain fog"), search(client, "fibro fog")

    assert set(brain["pages"]) == set(fibro["pages"])
    assert "/mechanisms/neuroinflammation/" in brain["pages"]  # it says "fibro fog"
    assert "/mechanisms/neurotransmitters/" in fibro["pages"]  # it says "brain fog"
    assert brain["glossary"] == fibro["glossary"] == ["/glossary/#fibro-fog"]


def test_search_with_an_abbreviation_finds_the_glossary_term(client, demo):
    found = search(client, "LDN")

    assert "/glossary/#low-dose-naltrexone" in found["glossary"]
    assert "/mechanisms/microglia/" in found["pages"]


def test_search_highlights_the_synonym_in_snippets(client, demo):
    found = search(client, "fibro fog")

    assert "brain fog" in found["marked"] or "brain" in found["marked"]


def test_search_finds_answered_questions_and_discussions_by_synonym(client, db):
    GlossaryTerm.objects.create(term="low-dose naltrexone", definition="A.", synonyms="LDN")
    GlossaryTerm.objects.create(term="fibro fog", definition="B.", synonyms="brain fog")
    question = QuestionFactory(title="Is LDN worth asking my doctor about?")
    question.answer_count = 1
    question.save()
    ThreadFactory(title="Tips for days with brain fog", body="Lists help me most.")

    found = search(client, "low-dose naltrexone")
    fog = search(client, "fibro fog")

    assert found["questions"] == ["Is LDN worth asking my doctor about?"]
    assert fog["discussions"] == ["Tips for days with brain fog"]


def test_search_finds_answered_questions_and_discussions(client, db):
    question = QuestionFactory(title="How do you pace housework?")
    question.answer_count = 2
    question.save()
    QuestionFactory(title="How do you pace gardening?")  # no answer yet: not listed
    ThreadFactory(title="Pacing on holiday", body="How do you pace a long trip?")

    found = search(client, "pace")

    assert found["questions"] == ["How do you pace housework?"]
    assert found["discussions"] == ["Pacing on holiday"]


def test_search_results_change_when_an_editor_adds_a_synonym(client, demo):
    before = search(client, "cognitive fog")
    assert "/glossary/#fibro-fog" not in before["glossary"]

    term = GlossaryTerm.objects.get(term="fibro fog")
    term.synonyms = "brain fog, fibrofog, cognitive fog"
    term.save()
    after = search(client, "cognitive fog")

    assert after["glossary"] == ["/glossary/#fibro-fog"]
    assert "/mechanisms/neuroinflammation/" in after["pages"]


def test_search_results_cached_for_a_query_are_fresh_after_a_synonym_changes(client, demo):
    from caching.generation import current

    search(client, "cognitive fog")  # the fragments are cached now
    generation = current()

    term = GlossaryTerm.objects.get(term="fibro fog")
    term.synonyms = "brain fog, cognitive fog"
    term.save()

    assert current() != generation
    assert search(client, "cognitive fog")["glossary"] == ["/glossary/#fibro-fog"]


def test_search_suggests_a_synonym_spelled_nearly_right(client, db):
    GlossaryTerm.objects.create(
        term="fibro fog", definition="Trouble thinking.", synonyms="brain fog"
    )

    page = BeautifulSoup(client.get("/search/", {"q": "brian fog"}).content, "html.parser")

    assert page.select_one(".suggestion a").get_text() == "brain fog"
