"""Moderated Q&A: ask, review, answer, accept, and who may do what."""

import json

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from articles.models import MechanismPage
from community.models import Answer, Question
from tests.conftest import ROLES, enrol_totp
from tests.factories import AnswerFactory, QuestionFactory, UserFactory
from tests.helpers import log_entries, soup

pytestmark = pytest.mark.django_db


def test_the_whole_path_from_question_to_accepted_reviewed_answer(
    client, patient, moderator, articles
):
    # A patient asks about an article.
    client.force_login(patient)
    response = client.post(
        "/questions/ask/",
        {
            "title": "Can a blood test show microglia activity?",
            "mechanisms": [articles["microglia"].pk],
        },
    )
    question = Question.objects.get()
    assert response["Location"] == question.get_absolute_url()
    assert question.status == "pending"
    assert "Awaiting review" in client.get(question.get_absolute_url()).content.decode()

    # Nobody else sees it yet.
    reader = UserFactory(username="reader")
    client.force_login(reader)
    assert client.get(question.get_absolute_url()).status_code == 404
    assert question.title not in client.get("/questions/").content.decode()
    assert question.title not in client.get(articles["microglia"].url).content.decode()

    # A moderator approves it from the question's page.
    client.force_login(moderator)
    client.post(f"/questions/{question.pk}/moderate/", {"action": "approve"})
    question.refresh_from_db()
    assert question.status == "published" and question.published_at
    assert log_entries(question, "community.approve").get().user == moderator
    assert mail.outbox[-1].to == [patient.email] and "is published" in mail.outbox[-1].subject

    # Now it is listed on /questions/ and on the article.
    client.force_login(reader)
    assert question.title in client.get("/questions/").content.decode()
    section = soup(client.get(articles["microglia"].url)).find(
        "section", attrs={"aria-labelledby": "questions-heading"}
    )
    assert section.find("a", string=question.title)["href"] == question.get_absolute_url()

    # A new member's answer waits for review; a trusted member's is published at once.
    newcomer = UserFactory(username="newcomer", trusted_at=None)
    client.force_login(newcomer)
    client.post(f"/questions/{question.pk}/answer/", {"body": "Not with normal tests."})
    held = Answer.objects.get(author=newcomer)
    assert held.status == "pending"
    client.force_login(reader)
    assert "Not with normal tests." not in client.get(question.get_absolute_url()).content.decode()

    client.force_login(moderator)
    client.post(f"/questions/answers/{held.pk}/moderate/", {"action": "approve"})
    held.refresh_from_db()
    assert held.status == "published"

    # A clinical reviewer vouches for it, and the asker accepts it.
    reviewer = UserFactory(username="reviewer", groups=["Clinical reviewers"])
    enrol_totp(reviewer)
    other = AnswerFactory(question=question, body="Another view")
    client.force_login(reviewer)
    client.post(f"/questions/answers/{held.pk}/moderate/", {"action": "clinician_reviewed"})
    client.force_login(patient)
    client.post(f"/questions/answers/{held.pk}/accept/")

    page = soup(client.get(question.get_absolute_url()))
    first = page.select("li.reply")[0]
    assert first["id"] == f"answer-{held.pk}"
    labels = [label.get_text() for label in first.select(".label")]
    assert labels == ["Accepted answer", "Reviewed by a clinician"]
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["acceptedAnswer"]["text"] == "Not with normal tests."
    assert [a["text"] for a in data["mainEntity"]["suggestedAnswer"]] == [other.body]
    question.refresh_from_db()
    assert question.has_accepted_answer

    # A moderator promotes it to the article's FAQs: a draft that goes to clinical review.
    client.force_login(moderator)
    response = client.post(
        f"/questions/{question.pk}/promote/",
        {"mechanism": articles["microglia"].pk},
        follow=True,
    )
    assert "A clinical reviewer checks it" in response.content.decode()
    article = MechanismPage.objects.get(pk=articles["microglia"].pk)
    assert question.title not in [q for q, _a, _id in article.faq_items()]
    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    assert log_entries(question, "community.promote_faq").get().user == moderator
    client.force_login(reader)
    assert "Answered in our FAQ" not in client.get(question.get_absolute_url()).content.decode()

    # The clinical reviewer approves it in the admin; the FAQ entry is live, and the
    # question links to it.
    client.force_login(reviewer)
    client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Accurate and kind."},
    )
    state.refresh_from_db()
    assert state.status == "approved"
    article = MechanismPage.objects.get(pk=article.pk)
    faq = {q: (a, block_id) for q, a, block_id in article.faq_items()}
    assert "Not with normal tests." in faq[question.title][0].source
    article_page = soup(client.get(article.url))
    assert article_page.find(id=f"faq-{faq[question.title][1]}").summary.get_text() == (
        question.title
    )
    client.force_login(reader)
    notice = soup(client.get(question.get_absolute_url())).find(
        string=lambda text: text and "Answered in our FAQ" in text
    )
    link = notice.find_parent("p").find("a")
    assert link["href"] == f"{article.url}#faq-{faq[question.title][1]}"


def test_rejecting_needs_a_reason_which_the_author_sees_and_is_told(client, patient, moderator):
    question = QuestionFactory(author=patient, status="pending", published_at=None)
    client.force_login(moderator)

    no_reason = client.post(
        f"/questions/{question.pk}/moderate/", {"action": "reject"}, follow=True
    )
    assert "Give a reason" in no_reason.content.decode()
    client.post(
        f"/questions/{question.pk}/moderate/",
        {"action": "reject", "reason": "Please ask one question at a time"},
    )

    question.refresh_from_db()
    assert question.status == "rejected"
    assert "Reason: Please ask one question at a time" in mail.outbox[-1].body
    client.force_login(patient)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Please ask one question at a time" in page
    assert log_entries(question, "community.reject").get().data["reason"].startswith("Please")


def test_two_moderators_cannot_decide_the_same_question_twice(client, moderator):
    question = QuestionFactory(status="pending", published_at=None)
    second = UserFactory(username="second-mod", groups=["Moderators"])
    enrol_totp(second)
    client.force_login(moderator)
    client.post(f"/questions/{question.pk}/moderate/", {"action": "approve"})
    client.force_login(second)

    response = client.post(
        f"/questions/{question.pk}/moderate/", {"action": "reject", "reason": "dup"}, follow=True
    )

    assert "Another moderator has already dealt with this" in response.content.decode()
    question.refresh_from_db()
    assert question.status == "published"
    assert log_entries(question, "community.approve").count() == 1
    assert not log_entries(question, "community.reject").exists()


def test_members_are_trusted_after_enough_published_posts(client, settings):
    settings.COMMUNITY_TRUST_THRESHOLD = 2
    member = UserFactory(username="regular", trusted_at=None)
    question = QuestionFactory()
    client.force_login(member)

    client.post(f"/questions/{question.pk}/answer/", {"body": "First"})
    AnswerFactory(author=member, question=QuestionFactory())
    AnswerFactory(author=member, question=QuestionFactory())
    client.post(f"/questions/{question.pk}/answer/", {"body": "Second"})

    statuses = dict(
        Answer.objects.filter(author=member, question=question).values_list("body", "status")
    )
    assert statuses == {"First": "pending", "Second": "published"}


def test_a_pending_question_takes_no_answers(client, patient):
    question = QuestionFactory(author=patient, status="pending", published_at=None)
    client.force_login(patient)

    response = client.post(f"/questions/{question.pk}/answer/", {"body": "Self answer"})

    assert response.status_code == 400
    assert "This question is not open for answers." in response.content.decode()
    assert not Answer.objects.exists()


def test_only_the_asker_or_a_moderator_accepts(client, patient):
    answer = AnswerFactory()
    client.force_login(patient)

    response = client.post(f"/questions/answers/{answer.pk}/accept/")

    assert response.status_code == 403
    answer.refresh_from_db()
    assert not answer.is_accepted


def test_ask_rejects_a_too_short_question_and_keeps_the_text(client, patient):
    client.force_login(patient)

    response = client.post("/questions/ask/", {"title": "Why?", "body": "Details I typed"})

    assert "at least 10 characters" in response.content.decode()
    assert "Details I typed" in response.content.decode()
    assert not Question.objects.exists()


def test_similar_questions_as_json_and_as_a_plain_step(client, patient, articles):
    QuestionFactory(title="Does microglia activity cause brain fog?")
    QuestionFactory(title="Pending microglia question", status="pending", published_at=None)

    data = client.get("/questions/similar/", {"q": "microglia"}).json()

    assert [q["title"] for q in data["questions"]] == ["Does microglia activity cause brain fog?"]
    assert [a["title"] for a in data["articles"]] == ["Microglia"]
    client.force_login(patient)
    page = soup(client.get("/questions/ask/", {"title": "microglia"}))
    links = [a.get_text() for a in page.select("#similar-results a")]
    assert links == ["Does microglia activity cause brain fog?", "Microglia"]
    assert page.find("input", attrs={"name": "title", "id": "id_title"})["value"] == "microglia"


@pytest.mark.parametrize("role", ROLES)
def test_question_pages_are_open_to_every_role(client_as, role):
    question = QuestionFactory()

    client = client_as(role)

    for url in ("/questions/", question.get_absolute_url(), "/questions/similar/?q=sleep"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_asking_needs_a_signed_in_member(client_as, role):
    response = client_as(role).get("/questions/ask/")

    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("anonymous", False), ("patient", False), ("moderator", True), ("editor", False)],
)
def test_only_moderators_approve_questions_and_answers(client_as, role, allowed):
    question = QuestionFactory(status="pending", published_at=None)
    answer = AnswerFactory(status="pending")
    client = client_as(role)

    responses = [
        client.post(f"/questions/{question.pk}/moderate/", {"action": "approve"}),
        client.post(f"/questions/answers/{answer.pk}/moderate/", {"action": "approve"}),
    ]

    question.refresh_from_db()
    answer.refresh_from_db()
    assert (question.status == "published") is allowed
    assert (answer.status == "published") is allowed
    if role == "anonymous":
        assert all(r["Location"].startswith("/accounts/login/") for r in responses)
    elif not allowed:
        assert all(r.status_code == 403 for r in responses)


@pytest.mark.parametrize("role", ROLES)
def test_pending_question_is_seen_only_by_its_author_and_moderators(client_as, role):
    question = QuestionFactory(status="pending", published_at=None)

    response = client_as(role).get(question.get_absolute_url())

    assert response.status_code == (200 if role == "moderator" else 404)


def test_site_search_finds_answered_questions_only(client):
    answered = QuestionFactory(title="Does cold weather affect microglia?", answer_count=1)
    QuestionFactory(title="Does microglia change with age?")  # published, no answer yet
    QuestionFactory(title="Is microglia pending?", status="pending", published_at=None)

    page = soup(client.get("/search/", {"q": "microglia"}))

    assert [a["href"] for a in page.select(".question-matches a")] == [answered.get_absolute_url()]


@pytest.mark.parametrize("role", ROLES)
def test_answering_needs_a_signed_in_member_and_accepting_the_asker(client_as, role):
    question = QuestionFactory()
    answer = AnswerFactory(question=question)
    client = client_as(role)

    answered = client.post(f"/questions/{question.pk}/answer/", {"body": "My experience"})
    accepted = client.post(f"/questions/answers/{answer.pk}/accept/")

    answer.refresh_from_db()
    if role == "anonymous":
        assert answered["Location"].startswith("/accounts/login/")
        assert accepted["Location"].startswith("/accounts/login/")
        assert not Answer.objects.filter(body="My experience").exists()
    else:
        assert answered.status_code == 302
        assert Answer.objects.filter(body="My experience").exists()
    # Only the asker or a moderator may accept.
    assert answer.is_accepted is (role == "moderator")
    if role in ("patient", "editor"):
        assert accepted.status_code == 403
