"""The moderation queue in the Wagtail admin."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import ModelLogEntry

from community.models import Answer, Question, RejectionReason, Report
from tests.factories import AnswerFactory, QuestionFactory, ReplyFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"


def rows(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in page.select("tbody tr")]


@pytest.fixture
def waiting():
    asker = UserFactory(username="asker")
    question = QuestionFactory(
        author=asker, title="Why do I ache after rest?", status="pending", published_at=None
    )
    answer = AnswerFactory(body="Because of the weather, surely", status="pending")
    thread = ThreadFactory(title="I can't go on")
    crisis = Report.objects.create(reporter=UserFactory(), thread=thread, reason="crisis")
    spam_reply = ReplyFactory(body="Buy pills at example.com")
    spam = Report.objects.create(reporter=UserFactory(), reply=spam_reply, reason="spam")
    Question.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    return {"question": question, "answer": answer, "crisis": crisis, "spam": spam, "asker": asker}


def test_queue_lists_everything_waiting_with_crisis_first(client, moderator, waiting):
    client.force_login(moderator)

    listed = rows(client.get(QUEUE))

    assert len(listed) == 4
    assert listed[0].startswith("CRISIS · Report: Someone may be in crisis I can't go on")
    assert any("Question Why do I ache after rest?" in row for row in listed)
    assert any("Answer Because of the weather" in row for row in listed)
    assert any("Report: Spam or advertising Buy pills" in row for row in listed)


def test_queue_shows_each_authors_history(client, moderator, waiting):
    QuestionFactory(author=waiting["asker"])  # one published
    QuestionFactory(author=waiting["asker"], status="rejected", published_at=None)
    client.force_login(moderator)

    (row,) = [r for r in rows(client.get(QUEUE)) if "ache after rest" in r]

    assert "asker 1 published · 1 rejected or hidden · 0 reports" in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=question", 1),
        ("?type=answer", 1),
        ("?type=report", 2),
        ("?reason=spam", 1),
        ("?age=1d", 1),
        ("?age=7d", 0),
    ],
)
def test_queue_filters_by_type_reason_and_age(client, moderator, waiting, query, expected):
    client.force_login(moderator)

    assert len(rows(client.get(QUEUE + query))) == expected


def test_bulk_approve_publishes_and_logs_each_item(client, moderator, waiting):
    second = QuestionFactory(title="Is it genetic?", status="pending", published_at=None)
    client.force_login(moderator)

    response = client.post(
        QUEUE,
        {
            "action": "approve",
            "selected": [
                f"question:{waiting['question'].pk}",
                f"question:{second.pk}",
                f"answer:{waiting['answer'].pk}",
            ],
        },
        follow=True,
    )

    assert "3 posts approved. Their authors have been told." in response.content.decode()
    assert (
        Question.objects.filter(
            status="published", pk__in=[waiting["question"].pk, second.pk]
        ).count()
        == 2
    )
    assert Answer.objects.get(pk=waiting["answer"].pk).status == "published"
    assert ModelLogEntry.objects.filter(action="community.approve").count() == 3


def test_bulk_reject_uses_a_ready_made_reason(client, moderator, waiting):
    reason = RejectionReason.objects.get(title="Medical advice")
    client.force_login(moderator)

    client.post(
        QUEUE,
        {"action": "reject", "canned": reason.pk, "selected": [f"answer:{waiting['answer'].pk}"]},
    )

    answer = Answer.objects.get(pk=waiting["answer"].pk)
    assert answer.status == "rejected" and answer.rejection_reason == reason.text


def test_reject_without_any_reason_is_refused_and_changes_nothing(client, moderator, waiting):
    client.force_login(moderator)

    response = client.post(
        QUEUE, {"action": "reject", "selected": [f"question:{waiting['question'].pk}"]}, follow=True
    )

    assert "Give a reason" in response.content.decode()
    assert Question.objects.get(pk=waiting["question"].pk).status == "pending"


def test_acting_on_a_report_hides_the_post_and_closes_its_reports(client, moderator, waiting):
    spam = waiting["spam"]
    Report.objects.create(reporter=UserFactory(), reply=spam.reply, reason="spam")
    client.force_login(moderator)

    client.post(
        QUEUE, {"action": "reject", "reason": "Advertising", "selected": [f"report:{spam.pk}"]}
    )

    spam.reply.refresh_from_db()
    assert spam.reply.hidden_at is not None and spam.reply.hidden_reason == "Advertising"
    assert not Report.objects.filter(reply=spam.reply, status="open").exists()
    assert ModelLogEntry.objects.filter(action="community.report_actioned").count() == 1


def test_dismissing_a_report_keeps_the_post(client, moderator, waiting):
    crisis = waiting["crisis"]
    client.force_login(moderator)

    client.post(QUEUE, {"action": "approve", "selected": [f"report:{crisis.pk}"]})

    crisis.refresh_from_db()
    assert crisis.status == "dismissed" and crisis.handled_by == moderator
    assert crisis.thread.hidden_at is None


def test_an_item_another_moderator_handled_is_reported_not_redone(client, moderator, waiting):
    client.force_login(moderator)
    client.post(QUEUE, {"action": "approve", "selected": [f"question:{waiting['question'].pk}"]})

    response = client.post(
        QUEUE,
        {"action": "reject", "reason": "x", "selected": [f"question:{waiting['question'].pk}"]},
        follow=True,
    )

    assert "Another moderator has already dealt with this" in response.content.decode()
    assert Question.objects.get(pk=waiting["question"].pk).status == "published"


@pytest.mark.parametrize(
    ("role", "status", "location"),
    [
        ("anonymous", 302, "/accounts/login/"),
        ("patient", 302, "/accounts/login/"),
        ("editor", 302, "/admin/"),
        ("moderator", 200, None),
    ],
)
def test_queue_is_for_moderators_only(client_as, role, status, location):
    response = client_as(role).get(QUEUE)

    assert response.status_code == status
    if location:
        assert response["Location"].startswith(location)
