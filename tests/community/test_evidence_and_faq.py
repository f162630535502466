"""Reports that a post contradicts an article's evidence, restoring rejected Q&A, resending a
question, decision notifications, and who may promote a question to the FAQs."""

import pytest
from bs4 import BeautifulSoup

from articles.models import MechanismPage
from community.models import Answer, Notification, Question, Report
from tests.conftest import ROLES
from tests.factories import AnswerFactory, QuestionFactory, ThreadFactory, UserFactory
from tests.helpers import log_entries, soup

pytestmark = pytest.mark.django_db


def test_contradicts_the_evidence_needs_an_article_and_editors_see_counts_per_article(
    client, patient, editor, articles
):
    thread = ThreadFactory(title="Microglia are a myth")
    client.force_login(patient)

    missing = client.post(
        f"/community/t/{thread.pk}/report/", {"reason": "contradicts"}, follow=True
    )
    assert "Choose the article whose evidence" in missing.content.decode()
    assert not Report.objects.exists()

    client.post(
        f"/community/t/{thread.pk}/report/",
        {"reason": "contradicts", "mechanism": "microglia", "details": "Says glia do nothing"},
    )
    for n in range(2):
        reporter = UserFactory(username=f"reader{n}")
        client.force_login(reporter)
        client.post(
            f"/community/t/{thread.pk}/report/", {"reason": "contradicts", "mechanism": "microglia"}
        )
    Report.objects.filter(reporter__username="reader1").update(status="dismissed")

    assert Report.objects.get(reporter=patient).mechanism == articles["microglia"]
    client.force_login(editor)
    page = BeautifulSoup(client.get("/admin/reports/evidence-reports/").content, "html.parser")
    cells = [td.get_text(strip=True) for td in page.select("tbody tr")[0].select("td")]
    assert cells[:3] == ["Microglia", "2", "3"]
    assert len(page.select("tbody tr")) == 1  # "Sleep" has no reports


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("anonymous", False), ("patient", False), ("moderator", False), ("editor", True)],
)
def test_the_evidence_report_is_for_editors(client_as, role, allowed):
    response = client_as(role).get("/admin/reports/evidence-reports/")

    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)


def test_a_rejected_question_can_be_restored_to_the_queue(client, moderator):
    question = QuestionFactory(status="rejected", published_at=None, rejection_reason="Too vague")
    client.force_login(moderator)

    client.post(f"/questions/{question.pk}/moderate/", {"action": "restore"})

    question.refresh_from_db()
    assert question.status == "pending" and question.rejection_reason == ""
    entry = log_entries(question, "community.restore").get()
    assert entry.user == moderator and "Too vague" in entry.data["reason"]
    again = client.post(f"/questions/{question.pk}/moderate/", {"action": "restore"}, follow=True)
    assert "Only something that was not published can be restored" in again.content.decode()


def test_a_rejected_answer_stays_visible_to_moderators_and_can_be_restored(client, moderator):
    answer = AnswerFactory(status="rejected", rejection_reason="Medical advice")
    client.force_login(moderator)
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert "Not published: Medical advice" in page

    client.post(f"/questions/answers/{answer.pk}/moderate/", {"action": "restore"})

    answer.refresh_from_db()
    assert answer.status == "pending"
    assert log_entries(answer, "community.restore").count() == 1


def test_the_asker_is_notified_on_the_site_and_can_change_and_resend(client, patient, moderator):
    question = QuestionFactory(author=patient, status="pending", published_at=None)
    client.force_login(moderator)
    client.post(
        f"/questions/{question.pk}/moderate/",
        {"action": "reject", "reason": "Please ask about one thing"},
    )
    notice = Notification.objects.get(user=patient)
    assert notice.kind == "decision" and "Please ask about one thing" in notice.message
    assert notice.get_absolute_url() == question.get_absolute_url()

    client.force_login(patient)
    page = client.get("/community/notifications/").content.decode()
    assert "Your question was not published" in page
    form = client.get(f"/questions/{question.pk}/edit/")
    assert "Please ask about one thing" in form.content.decode()
    client.post(
        f"/questions/{question.pk}/edit/",
        {"title": "Does microglial activation explain brain fog?", "body": ""},
    )

    question.refresh_from_db()
    assert question.status == "pending"
    assert question.title == "Does microglial activation explain brain fog?"
    previous = log_entries(question, "community.resubmit").get().data["previous"]
    assert previous["status"] == "rejected"


def test_a_resent_question_with_bad_input_changes_nothing(client, patient):
    question = QuestionFactory(author=patient, status="rejected", published_at=None)
    title = question.title
    client.force_login(patient)

    response = client.post(f"/questions/{question.pk}/edit/", {"title": "Short"})

    assert response.status_code == 200
    assert "Ensure this value has at least 10 characters" in response.content.decode()
    question.refresh_from_db()
    assert question.title == title and question.status == "rejected"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_asker_changes_a_question(client_as, role, patient):
    question = QuestionFactory(author=patient, status="rejected", published_at=None)

    response = client_as(role).get(f"/questions/{question.pk}/edit/")

    expected = {"anonymous": 302, "patient": 200, "moderator": 403, "editor": 403}[role]
    assert response.status_code == expected


def test_a_published_question_can_no_longer_be_changed(client, patient):
    question = QuestionFactory(author=patient)
    client.force_login(patient)

    response = client.post(
        f"/questions/{question.pk}/edit/", {"title": "A different question entirely"}, follow=True
    )

    assert "can no longer be changed" in response.content.decode()
    question.refresh_from_db()
    assert question.title != "A different question entirely"


def test_a_published_answer_tells_its_author(client, moderator):
    answer = AnswerFactory(status="pending")
    Question.objects.filter(pk=answer.question_id).update(answer_count=0)
    client.force_login(moderator)

    client.post(f"/questions/answers/{answer.pk}/moderate/", {"action": "approve"})

    notice = Notification.objects.get(user=answer.author)
    assert notice.get_absolute_url().endswith(f"#answer-{answer.pk}")
    assert "Your answer is published" in notice.message


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("anonymous", False), ("patient", False), ("moderator", True), ("editor", True)],
)
def test_moderators_and_editors_promote_answered_questions(client_as, role, allowed, articles):
    question = QuestionFactory()
    question.mechanisms.set([articles["sleep"]])
    AnswerFactory(question=question, body="Deep sleep matters.")

    client = client_as(role)
    page = client.get(question.get_absolute_url()).content.decode()
    response = client.post(f"/questions/{question.pk}/promote/", {})

    assert ("Promote to FAQ" in page) is allowed
    question.refresh_from_db()
    assert bool(question.faq_block_id) is allowed
    if allowed:
        draft = MechanismPage.objects.get(pk=articles["sleep"].pk).get_latest_revision_as_object()
        assert question.title in [q for q, _a, _id in draft.faq_items()]
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)


def test_promoting_needs_an_answer_and_a_linked_article(client, moderator):
    unanswered = QuestionFactory()
    unlinked = QuestionFactory()
    AnswerFactory(question=unlinked)
    client.force_login(moderator)

    first = client.post(f"/questions/{unanswered.pk}/promote/", {}, follow=True)
    second = client.post(f"/questions/{unlinked.pk}/promote/", {}, follow=True)

    assert "Only an answered question can go into the FAQs" in first.content.decode()
    assert "Link the question to one of its articles first" in second.content.decode()
    assert not Question.objects.exclude(faq_block_id="").exists()


def test_a_question_is_promoted_only_once(client, moderator, articles):
    question = QuestionFactory()
    question.mechanisms.set([articles["sleep"]])
    AnswerFactory(question=question, status=Answer.Status.PUBLISHED)
    client.force_login(moderator)
    client.post(f"/questions/{question.pk}/promote/", {})

    again = client.post(f"/questions/{question.pk}/promote/", {}, follow=True)

    assert "already in the FAQs" in again.content.decode()
    draft = MechanismPage.objects.get(pk=articles["sleep"].pk).get_latest_revision_as_object()
    assert [q for q, _a, _id in draft.faq_items()].count(question.title) == 1


def test_a_question_closed_as_a_duplicate_points_to_the_original(client, patient, moderator):
    original = QuestionFactory(title="Is fibromyalgia an inflammatory disease?")
    repeat = QuestionFactory(author=patient, title="Is fibro caused by inflammation?")
    client.force_login(moderator)

    client.post(
        f"/questions/{repeat.pk}/moderate/",
        {"action": "duplicate", "duplicate_of": original.get_absolute_url()},
    )

    repeat.refresh_from_db()
    assert repeat.status == "duplicate" and repeat.duplicate_of == original
    assert log_entries(repeat, "community.duplicate").get().data["original"] == original.pk
    client.logout()
    page = soup(client.get(repeat.get_absolute_url()))
    notice = page.find(string=lambda text: text and "Asked before." in text).find_parent("p")
    assert notice.find("a")["href"] == original.get_absolute_url()
    assert repeat.title not in client.get("/questions/").content.decode()
    told = Notification.objects.get(user=patient)
    assert "answered before" in told.message


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("", "Give the number or address of the question it repeats"),
        ("self", "Give the number or address of the question it repeats"),
        ("pending", "The original must be a published question"),
    ],
)
def test_closing_as_a_duplicate_with_bad_input_changes_nothing(
    client, moderator, reference, message
):
    question = QuestionFactory()
    pending = QuestionFactory(status="pending", published_at=None)
    value = {"": "", "self": str(question.pk), "pending": str(pending.pk)}[reference]
    client.force_login(moderator)

    response = client.post(
        f"/questions/{question.pk}/moderate/",
        {"action": "duplicate", "duplicate_of": value},
        follow=True,
    )

    assert message in response.content.decode()
    question.refresh_from_db()
    assert question.status == "published"
