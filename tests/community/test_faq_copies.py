"""A member's words copied into an article's FAQs leave the page, live and in every
revision, when they delete their account and ask for their text to be removed."""

import pytest
from wagtail.models import PageLogEntry, PageViewRestriction

from accounts.services import delete_account, export_member_data
from articles.models import MechanismPage
from community.models import Question
from community.services.faq import promote_to_faq
from tests.factories import AnswerFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

ANSWER = "Warm baths before bed help my sleep a lot."


@pytest.fixture
def in_the_faqs(articles, moderator):
    """A member's question, another member's answer, promoted and published."""
    asker, answerer = UserFactory(username="asker"), UserFactory(username="answerer")
    question = QuestionFactory(author=asker, title="Does a warm bath help sleep?")
    question.mechanisms.set([articles["sleep"]])
    AnswerFactory(question=question, author=answerer, body=ANSWER, is_accepted=True)
    promote_to_faq(moderator, question).publish()
    return asker, answerer, question, articles["sleep"]


def texts_of(page):
    """Every FAQ question and answer on the live page and in each of its revisions."""
    live = MechanismPage.objects.get(pk=page.pk)
    pages = [live, *(revision.as_object() for revision in live.revisions.all())]
    return " ".join(f"{q} {a}" for version in pages for q, a, _id in version.faq_items())


@pytest.mark.parametrize("who", ["asker", "answerer"])
def test_faq_copy_leaves_the_page_and_its_history_when_its_author_erases_their_text(
    in_the_faqs, who
):
    asker, answerer, question, page = in_the_faqs
    assert "warm bath" in texts_of(page).lower()

    delete_account(asker if who == "asker" else answerer, erase_posts=True)

    assert "warm bath" not in texts_of(page).lower()
    question.refresh_from_db()
    assert question.faq_page is None
    assert PageLogEntry.objects.filter(page=page, action="community.faq_erased").exists()


def test_faq_copy_stays_when_the_author_keeps_their_text(in_the_faqs):
    _asker, answerer, _question, page = in_the_faqs

    delete_account(answerer, erase_posts=False)

    assert ANSWER in texts_of(page)


def test_faq_copy_is_in_the_export_without_naming_an_article_the_member_may_not_see(
    in_the_faqs,
):
    asker, _answerer, _question, page = in_the_faqs
    before = export_member_data(asker)["faq_copies"]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")

    after = export_member_data(asker)["faq_copies"]

    assert before == [{"question": "Does a warm bath help sleep?", "article": "Sleep"}]
    assert after == [{"question": "Does a warm bath help sleep?", "article": None}]
    assert Question.objects.get().faq_page_id == page.pk
