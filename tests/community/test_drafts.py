"""Drafts that are never lost: kept while typing or with "Save draft", given back when the
form opens again, listed newest first, gone once posted, thrown away or 90 days old, private
to their author, and part of "Download my data" and account deletion."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.services import delete_account, export_member_data
from caching import generation
from community.models import Draft, Question
from community.services import drafts
from tests.community.shared_pages import HEADER, page, signed_in
from tests.factories import QuestionFactory, ThreadFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

AUTOSAVE = "/community/drafts/save/"


def test_drafts_save_draft_button_keeps_a_new_discussion_and_the_form_gives_it_back(patient):
    client = signed_in(patient)

    response = client.post(
        "/community/new/",
        {"title": "Bad nights", "body": "I wake at three every night.", "tags": "sleep",
         "save_draft": "1"},
    )  # fmt: skip

    assert response.status_code == 302 and response.url == "/community/new/"
    form = page(client, "/community/new/").content.decode()
    assert 'value="Bad nights"' in form and "I wake at three every night." in form
    assert 'value="sleep"' in form and "is back" in form
    assert not patient.threads.exists()


def test_drafts_autosave_keeps_a_reply_and_only_its_author_finds_it_in_the_shared_page(patient):
    thread = ThreadFactory()
    reader = UserFactory(username="reader")
    page(signed_in(reader), thread.get_absolute_url())  # the shared page is built
    before = generation.read()

    saved = signed_in(patient).post(
        AUTOSAVE, {"draft_kind": "reply", "draft_target": thread.pk, "body": "Half <b>x</b>"}
    )

    assert saved.json()["saved"] is True and "Draft saved at" in saved.json()["message"]
    assert generation.read() == before  # a draft changes no shared page
    mine = page(signed_in(patient), thread.get_absolute_url())
    assert mine[HEADER] == "hit"
    assert "Half &lt;b&gt;x&lt;/b&gt;</textarea>" in mine.content.decode()
    assert "is back in the box" in mine.content.decode()
    theirs = page(signed_in(reader), thread.get_absolute_url()).content.decode()
    assert "Half" not in theirs


def test_drafts_posting_removes_the_draft(patient):
    thread = ThreadFactory()
    drafts.save_draft(patient, kind="reply", target=thread, body="Half a thought")
    drafts.save_draft(patient, kind="thread", title="A title", body="Text")

    signed_in(patient).post(f"/community/t/{thread.pk}/reply/", {"body": "A whole thought."})

    assert list(Draft.objects.values_list("form_key", flat=True)) == ["thread"]


def test_drafts_list_shows_several_newest_first_with_links_back(patient):
    thread, question = ThreadFactory(title="Pacing on busy days"), QuestionFactory()
    drafts.save_draft(patient, kind="reply", target=thread, body="Older reply")
    Draft.objects.update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    drafts.save_draft(patient, kind="answer", target=question, body="Newer answer")
    drafts.save_draft(UserFactory(), kind="thread", title="Someone else's", body="Private")

    html = page(signed_in(patient), "/community/drafts/").content.decode()

    assert html.index("Newer answer") < html.index("Older reply")
    assert f'href="{question.get_absolute_url()}#answer-heading"' in html
    assert f'href="{thread.get_absolute_url()}#reply-form"' in html
    assert "Reply to “Pacing on busy days”" in html and "Someone else" not in html


def test_drafts_answer_and_question_forms_give_their_drafts_back(patient):
    question = QuestionFactory(status=Question.Status.PUBLISHED)
    client = signed_in(patient)
    client.post(f"/questions/{question.pk}/answer/", {"body": "Heat helps me.", "save_draft": "1"})
    client.post("/questions/ask/", {"title": "Why does cold hurt?", "save_draft": "1"})

    assert "Heat helps me.</textarea>" in page(client, question.get_absolute_url()).content.decode()
    assert 'value="Why does cold hurt?"' in page(client, "/questions/ask/").content.decode()
    assert not patient.answers.exists() and not patient.questions.exists()


def test_drafts_are_thrown_away_by_their_author_only(patient):
    drafts.save_draft(patient, kind="thread", title="Mine", body="Mine")
    draft = Draft.objects.get()

    other = signed_in(UserFactory()).post(f"/community/drafts/{draft.pk}/discard/")
    assert other.status_code == 404 and Draft.objects.exists()

    mine = signed_in(patient).post(f"/community/drafts/{draft.pk}/discard/")
    assert mine.status_code == 302 and not Draft.objects.exists()


def test_drafts_autosave_refuses_a_form_that_is_not_known(patient):
    client = signed_in(patient)

    assert client.post(AUTOSAVE, {"draft_kind": "poem", "body": "x"}).status_code == 400
    assert client.post(AUTOSAVE, {"draft_kind": "reply", "body": "x"}).status_code == 400
    assert not Draft.objects.exists()


def test_drafts_empty_form_keeps_no_draft(patient):
    drafts.save_draft(patient, kind="thread", title="Something", body="")

    assert drafts.save_draft(patient, kind="thread", title=" ", body="\n") is None
    assert not Draft.objects.exists()


def test_drafts_older_than_90_days_are_removed_by_the_command(patient):
    drafts.save_draft(patient, kind="thread", title="Old", body="Old")
    Draft.objects.update(updated_at=timezone.now() - datetime.timedelta(days=91))
    drafts.save_draft(patient, kind="question", title="Recent", body="")

    call_command("remove_old_drafts")

    assert list(Draft.objects.values_list("title", flat=True)) == ["Recent"]


def test_drafts_are_in_download_my_data_and_go_with_the_account(patient):
    drafts.save_draft(
        patient, kind="thread", title="Not ready yet", body="Words", extra={"tags": "x"}
    )

    exported = export_member_data(patient)["drafts"]
    assert exported[0]["title"] == "Not ready yet" and exported[0]["for"] == "New discussion"

    delete_account(patient)
    assert not Draft.objects.exists()


def test_drafts_list_queries_do_not_grow_with_drafts(patient):
    client = signed_in(patient)

    def count():
        with CaptureQueriesContext(connection) as captured:
            page(client, "/community/drafts/")
        return len(captured)

    drafts.save_draft(patient, kind="reply", target=ThreadFactory(), body="One")
    count()
    one = count()
    for _ in range(15):
        drafts.save_draft(patient, kind="reply", target=ThreadFactory(), body="More")
        drafts.save_draft(patient, kind="answer", target=QuestionFactory(), body="More")

    count()  # the first visit after a change reads the member's answers again (members.py)

    assert count() == one <= 6
