""" "Download my data" and "Delete my account" reach everything a member has in the community:
questions, answers, reactions, follows, reports, notifications, edit history, restrictions."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import ModelLogEntry, PageSubscription
from wagtail.search.backends import get_search_backend

from accounts.models import DataExport
from accounts.services import delete_account, export_member_data
from community.models import (
    Answer,
    Notification,
    PostEdit,
    Question,
    Reaction,
    Reply,
    Report,
    Restriction,
    Subscription,
    Thread,
)
from community.services import moderation
from community.services import questions as qa
from community.services.posting import edit_reply
from tests.factories import (
    TEST_PASSWORD,
    AnswerFactory,
    NotificationFactory,
    QuestionFactory,
    ReactionFactory,
    ReplyFactory,
    ReportFactory,
    RestrictionFactory,
    SubscriptionFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REMOVED = "[removed at the author's request]"


@pytest.fixture
def mod(db):
    """A moderator with a name no export should mention."""
    return UserFactory(username="mod-kay", groups=["Moderators"])


def give_one_of_everything(member, mod, topic="sleep"):
    """A member who asked, answered, reacted, followed, reported, was notified, edited a
    reply and was put under pre-moderation."""
    question = QuestionFactory(author=member, title="Why does cold weather hurt?")
    ThreadFactory(author=member, title=f"My {topic} diary", tags=[topic])
    AnswerFactory(author=member, body="Cold tightens muscles for me.", is_accepted=True)
    ReactionFactory(user=member, thread=ThreadFactory(title="Pacing tips"))
    ReactionFactory(user=member, thread=None, reply=ReplyFactory(), kind=Reaction.Kind.ME_TOO)
    SubscriptionFactory(user=member, thread=ThreadFactory(title="Sleep and flares"))
    SubscriptionFactory(user=member, thread=None, tag=Tag.objects.get(name=topic))
    report = ReportFactory(
        reporter=member, reply=ReplyFactory(thread=ThreadFactory(title="A heated thread"))
    )
    moderation.dismiss_report(mod, report, reason="Internal: reporter is over-sensitive")
    NotificationFactory(user=member, reply=ReplyFactory(thread=ThreadFactory(title="Brain fog")))
    reply = ReplyFactory(author=member, body="My first wording")
    edit_reply(member, reply, body="My second wording")
    RestrictionFactory(member=member, created_by=mod, reason="Please stay on topic.")
    return question


def test_download_my_data_finds_questions_answers_reactions_follows_reports_and_more(
    client, patient, mod
):
    question = give_one_of_everything(patient, mod)
    client.force_login(patient)

    data = json.loads(client.post("/accounts/export/").content)

    assert data["questions"] == [
        {
            "title": "Why does cold weather hurt?",
            "body": "I would like to understand this better.",
            "status": "published",
            "rejection_reason": "",
            "created_at": question.created_at.isoformat(),
            "url": question.get_absolute_url(),
            "tags": [],
            "earlier_versions": [],
        }
    ]
    [answer] = data["answers"]
    assert (answer["body"], answer["status"], answer["accepted"]) == (
        "Cold tightens muscles for me.",
        "published",
        True,
    )
    assert [(r["kind"], r["on"], r["thread"]) for r in data["reactions"]][0] == (
        "helpful",
        "thread",
        "Pacing tips",
    )
    assert [(f["follows"], f["name"]) for f in data["follows"]] == [
        ("thread", "Sleep and flares"),
        ("tag", "sleep"),
    ]
    [report] = data["reports"]
    assert (report["on"], report["thread"], report["reason"], report["status"]) == (
        "reply",
        "A heated thread",
        "unkind",
        "dismissed",
    )
    assert report["details"] == "This reads as a personal attack."
    [notification] = data["notifications"]
    assert (notification["kind"], notification["about"], notification["read"]) == (
        "reply",
        "Brain fog",
        False,
    )
    assert [(e["on"], e["previous_body"]) for e in data["post_edits"]] == [
        ("reply", "My first wording")
    ]
    [restriction] = data["restrictions"]
    assert (restriction["kind"], restriction["reason"], restriction["active"]) == (
        "premoderate",
        "Please stay on topic.",
        True,
    )


def test_download_my_data_leaves_out_the_moderators_name_and_internal_notes(client, patient, mod):
    give_one_of_everything(patient, mod)
    client.force_login(patient)

    text = client.post("/accounts/export/").content.decode()

    assert "mod-kay" not in text
    assert "over-sensitive" not in text


def test_download_my_data_includes_a_questions_earlier_wording(client, patient):
    question = QuestionFactory(
        author=patient, title="Is fibro in my head?", status=Question.Status.REJECTED
    )
    qa.resubmit_question(patient, question, title="Is fibromyalgia a real illness?")
    client.force_login(patient)

    data = json.loads(client.post("/accounts/export/").content)

    [exported] = data["questions"]
    assert exported["title"] == "Is fibromyalgia a real illness?"
    assert [version["title"] for version in exported["earlier_versions"]] == [
        "Is fibro in my head?"
    ]


def test_download_my_data_takes_no_more_queries_for_many_items_than_for_one(patient, mod):
    give_one_of_everything(patient, mod)
    export_member_data(patient)  # warm caches (content types) that a first request fills
    with CaptureQueriesContext(connection) as one_of_each:
        export_member_data(patient)
    for topic in ("pain", "fatigue", "fog"):
        give_one_of_everything(patient, UserFactory(groups=["Moderators"]), topic)

    with CaptureQueriesContext(connection) as four_of_each:
        export_member_data(patient)

    assert len(four_of_each) == len(one_of_each)


def test_download_my_data_counts_every_kind_to_choose_a_background_export(
    client, patient, settings
):
    settings.DATA_EXPORT_INLINE_LIMIT = 2
    QuestionFactory(author=patient)
    SubscriptionFactory(user=patient)
    NotificationFactory(user=patient)
    client.force_login(patient)

    response = client.post("/accounts/export/", follow=True)

    assert "We are preparing your file" in response.content.decode()
    export = DataExport.objects.get(user=patient)
    assert len(export.content["questions"]) == 1
    assert len(export.content["follows"]) == 1
    assert len(export.content["notifications"]) == 1


def test_delete_removes_follows_notifications_reactions_and_exports_but_keeps_the_posts(
    patient, mod, home_page
):
    question = give_one_of_everything(patient, mod)
    DataExport.objects.create(user=patient)
    PageSubscription.objects.create(user=patient, page=home_page, comment_notifications=True)
    others_follow = SubscriptionFactory()

    delete_account(patient)

    assert not Subscription.objects.filter(user=patient).exists()
    assert not Notification.objects.filter(user=patient).exists()
    assert not Reaction.objects.filter(user=patient).exists()
    assert not DataExport.objects.filter(user=patient).exists()
    assert not PageSubscription.objects.filter(user=patient).exists()
    assert Subscription.objects.filter(pk=others_follow.pk).exists()
    question.refresh_from_db()
    assert question.title == "Why does cold weather hurt?"
    assert Answer.objects.get(author=patient).body == "Cold tightens muscles for me."
    assert PostEdit.objects.filter(reply__author=patient).exists()


def test_delete_keeps_reports_and_restrictions_without_the_reporters_own_note(patient, mod):
    give_one_of_everything(patient, mod)

    delete_account(patient)

    report = Report.objects.get(reporter=patient)
    assert (report.reason, report.status, report.details) == ("unkind", "dismissed", "")
    assert report.handled_by == mod
    restriction = Restriction.objects.get(member=patient)
    assert restriction.reason == "Please stay on topic."


def text_is_anywhere(text):
    """Whether `text` is still kept anywhere a post's words are copied: the posts, their
    earlier versions, the audit log, notifications and the search index."""
    posts = (
        Question.objects.filter(title__contains=text).exists()
        or Question.objects.filter(body__contains=text).exists()
        or Answer.objects.filter(body__contains=text).exists()
        or Thread.objects.filter(title__contains=text).exists()
        or Thread.objects.filter(body__contains=text).exists()
        or Reply.objects.filter(body__contains=text).exists()
        or PostEdit.objects.filter(previous_body__contains=text).exists()
        or PostEdit.objects.filter(previous_title__contains=text).exists()
        or Notification.objects.filter(message__contains=text).exists()
    )
    log = any(
        text in entry.label or text in json.dumps(entry.data, ensure_ascii=False)
        for entry in ModelLogEntry.objects.all()
    )
    return posts or log or len(get_search_backend().search(text, Question)) > 0


def test_delete_with_erase_removes_question_and_answer_texts_everywhere(client, patient, mod):
    question = QuestionFactory(
        author=patient,
        title="Does zebrawood tea help?",
        body="My aunt swears by quokkaberry.",
        status=Question.Status.REJECTED,
    )
    qa.resubmit_question(patient, question, title="Does wombatleaf tea help?", body="Honest?")
    moderation.approve_question(mod, question)
    others_answer = AnswerFactory(question=question, status=Answer.Status.PENDING)
    moderation.approve_answer(mod, others_answer)  # tells its author, quoting the title
    AnswerFactory(author=patient, body="Pacing with a kestrelnote diary helps me.")
    thread = ThreadFactory(author=patient, title="Narwhalmorning routine", body="Stretch first")
    edit_reply(patient, ReplyFactory(author=patient, body="Gannetwords"), body="Later words")
    ReplyFactory(thread=thread)  # someone else's reply, logged under the thread's title
    moderation.hide_post(mod, Reply.objects.get(thread=thread), reason="Off topic")

    client.force_login(patient)

    client.post(
        "/accounts/delete/", {"password": TEST_PASSWORD, "confirm": "on", "erase_posts": "on"}
    )

    for words in ("zebrawood", "quokkaberry", "wombatleaf", "kestrelnote", "Narwhalmorning",
                  "Gannetwords"):  # fmt: skip
        assert not text_is_anywhere(words), words
    question.refresh_from_db()
    assert (question.title, question.body) == (REMOVED, REMOVED)
    assert Answer.objects.get(author=patient).body == REMOVED
    others_answer.refresh_from_db()
    assert others_answer.body == "Here is what the research says."  # others' words stay
    assert not Subscription.objects.filter(user=patient).exists()
