"""Muting a member: their posts fold for the muter alone (on the shared pages too), they
notify the muter no more, they are never told, moderators cannot be muted and never see
anything folded, and the muter can list and unmute them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from accounts.services import delete_account, export_member_data
from caching import generation
from community.models import MutedMember, Notification, Question
from community.services import muting, notifications, posting
from tests.community.shared_pages import HEADER, page, signed_in
from tests.factories import AnswerFactory, QuestionFactory, ReplyFactory, ThreadFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

FOLDED = "You muted this member: show"


@pytest.fixture
def loud(db):
    return UserFactory(username="loud")


def test_muting_folds_the_muted_members_posts_for_the_muter_only(patient, loud):
    thread = ThreadFactory(author=loud)
    ReplyFactory(thread=thread, author=loud, body="Try this miracle cure")
    reader = UserFactory(username="reader")
    page(signed_in(reader), thread.get_absolute_url())  # the shared page is built
    before = generation.read()

    response = signed_in(patient).post("/community/members/loud/mute/", {"action": "mute"})

    assert response.status_code == 302 and generation.read() == before
    mine = page(signed_in(patient), thread.get_absolute_url())
    assert mine[HEADER] == "hit"
    html = mine.content.decode()
    assert html.count(f"<summary>{FOLDED}</summary>") == 2  # the opening post and the reply
    assert "Try this miracle cure" in html  # folded, not gone: one tap shows it
    assert FOLDED not in page(signed_in(reader), thread.get_absolute_url()).content.decode()


def test_muting_stops_replies_and_mentions_notifying_the_muter(
    patient, loud, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(author=patient)
    notifications.follow(patient, thread=thread)
    muting.mute_member(patient, loud)

    with django_capture_on_commit_callbacks(execute=True):
        posting.post_reply(loud, thread, body="Listen to me, @patient")
        notifications.notify(thread, loud, text="@patient again")

    assert not Notification.objects.filter(user=patient).exists()
    with django_capture_on_commit_callbacks(execute=True):
        posting.post_reply(UserFactory(), thread, body="Hello @patient")
    assert Notification.objects.filter(user=patient).count() == 1


def test_muting_is_never_told_to_the_muted_member(patient, loud):
    muting.mute_member(patient, loud)

    assert not Notification.objects.filter(user=loud).exists()
    assert "patient" not in str(export_member_data(loud).get("muted_members"))
    assert "Unmute" not in page(signed_in(loud), "/members/patient/").content.decode()


def test_muting_refuses_moderators_and_oneself(patient, moderator):
    with pytest.raises(muting.MuteError):
        muting.mute_member(patient, moderator)
    with pytest.raises(muting.MuteError):
        muting.mute_member(patient, patient)

    html = page(signed_in(patient), "/community/members/moderator/mute/").content.decode()
    assert "Moderators cannot be muted" in html and 'value="mute"' not in html
    assert not MutedMember.objects.exists()


def test_muting_never_folds_anything_in_a_moderators_view(moderator, loud):
    thread = ThreadFactory(author=loud)
    ReplyFactory(thread=thread, author=loud)
    question = QuestionFactory(status=Question.Status.PUBLISHED)
    AnswerFactory(question=question, author=loud)
    muting.mute_member(moderator, loud)

    assert FOLDED not in page(signed_in(moderator), thread.get_absolute_url()).content.decode()
    assert FOLDED not in page(signed_in(moderator), question.get_absolute_url()).content.decode()


def test_muting_folds_answers_on_a_question_page(patient, loud):
    question = QuestionFactory(status=Question.Status.PUBLISHED)
    AnswerFactory(question=question, author=loud, body="Only my way works")
    muting.mute_member(patient, loud)

    html = page(signed_in(patient), question.get_absolute_url()).content.decode()

    assert FOLDED in html and "Only my way works" in html


def test_muting_list_in_settings_unmutes(patient, loud):
    muting.mute_member(patient, loud)
    client = signed_in(patient)

    assert 'href="/community/muted/"' in page(client, "/accounts/profile/").content.decode()
    listed = page(client, "/community/muted/").content.decode()
    assert ">loud</a>" in listed and 'value="unmute"' in listed
    client.post("/community/members/loud/mute/", {"action": "unmute", "next": "/community/muted/"})
    assert not MutedMember.objects.exists()


def test_muting_and_unmuting_are_audit_logged_once_each(patient, loud):
    muting.mute_member(patient, loud)
    muting.mute_member(patient, loud)  # twice: still one mute
    muting.unmute_member(patient, loud)

    actions = list(ModelLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert (actions.count("community.mute"), actions.count("community.unmute")) == (1, 1)
    assert MutedMember.objects.count() == 0


def test_muting_a_member_from_their_profile_or_post(patient, loud):
    thread = ThreadFactory(author=loud)
    client = signed_in(patient)

    assert 'href="/community/members/loud/mute/"' in page(client, "/members/loud/").content.decode()
    assert (
        "/community/members/loud/mute/?next="
        in page(client, thread.get_absolute_url()).content.decode()
    )
    assert "/mute/" not in page(client, "/members/patient/").content.decode()


def test_muting_is_in_download_my_data_and_goes_with_the_account(patient, loud):
    muting.mute_member(patient, loud)

    assert export_member_data(patient)["muted_members"][0]["muted"] == "loud"
    delete_account(patient)
    assert not MutedMember.objects.exists()


def test_muted_list_queries_do_not_grow_with_mutes(patient):
    client = signed_in(patient)

    def count():
        with CaptureQueriesContext(connection) as captured:
            page(client, "/community/muted/")
        return len(captured)

    muting.mute_member(patient, UserFactory())
    count()
    one = count()
    for _ in range(10):
        muting.mute_member(patient, UserFactory())
    count()  # the first visit after a change reads the member's answers again

    assert count() == one <= 6
