"""A member's own posts that others cannot see (issue #25): rejected or hidden posts stay with
their author, with the reason and a way to change them and send them again; waiting
discussions show in the community list; quoting works without JavaScript."""

import pytest
from django.utils import timezone

from community.models import Notification, PostEdit, Reply, Thread
from community.services import moderation, posting
from tests.community.shared_pages import HEADER, page, signed_in
from tests.factories import ReplyFactory, ThreadFactory, UserFactory
from tests.helpers import log_entries, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

REJECTED_TEXT = "Try my miracle cure, message me"
REASON = "Please leave out offers of cures."


def held_reply(thread, author, body=REJECTED_TEXT):
    return ReplyFactory(
        thread=thread, author=author, body=body, held_at=timezone.now(), hold_reason="new_member"
    )


@pytest.fixture
def rejected(new_member, moderator):
    """A reply by `new_member` that waited for a moderator, who did not publish it."""
    thread = ThreadFactory(title="Flares after a cold")
    reply = held_reply(thread, new_member)
    moderation.reject_post(moderator, reply, REASON)
    reply.refresh_from_db()
    return reply


# --- Services -------------------------------------------------------------------------------


def test_resubmit_reply_sends_a_rejected_reply_back_to_the_queue_keeping_the_old_text(
    rejected, new_member
):
    posting.resubmit_reply(new_member, rejected, body="Pacing helps me after a cold.")

    reply = Reply.objects.get(pk=rejected.pk)
    assert reply.held_at is not None and reply.hidden_at is None
    assert reply.body == "Pacing helps me after a cold."
    assert REASON in reply.hold_detail  # the moderator sees what was asked last time
    assert reply.get_hold_reason_display() == "Sent again after a moderator set it aside"
    assert list(PostEdit.objects.filter(reply=reply).values_list("previous_body", flat=True)) == [
        REJECTED_TEXT
    ]
    assert log_entries(reply, "community.resubmit").count() == 1
    assert reply.thread.reply_count == 0  # still not counted: nobody else sees it yet


def test_resubmit_thread_sends_a_hidden_discussion_back_to_the_queue(patient, moderator):
    thread = ThreadFactory(author=patient, title="Miracle cure found", tags=["pacing"])
    moderation.hide_post(moderator, thread, "Please do not promise cures.")

    posting.resubmit_thread(
        patient, thread, title="What helped my flares", body="Pacing and rest.", tags=["sleep"]
    )

    thread.refresh_from_db()
    assert thread.held_at is not None and thread.hidden_at is None
    assert thread.title == "What helped my flares"
    assert sorted(thread.tags.names()) == ["sleep"]
    edit = PostEdit.objects.get(thread=thread)
    assert edit.previous_title == "Miracle cure found"
    assert log_entries(thread, "community.resubmit").count() == 1


def test_restore_post_tells_the_author_their_hidden_post_is_back(patient, moderator, mailoutbox):
    thread = ThreadFactory(title="Flares after a cold")
    reply = ReplyFactory(thread=thread, author=patient, body="Rest helps me.")
    moderation.hide_post(moderator, reply, "Checking a claim.")

    moderation.restore_post(moderator, reply, "Checked: it is fine.")

    notice = Notification.objects.filter(user=patient).order_by("-pk").first()
    assert "put your reply back" in notice.message
    mail = mailoutbox[-1]
    assert mail.to == [patient.email]
    assert "shown to other members again" in mail.body
    assert "Checked: it is fine." in mail.body


def test_resubmit_reply_is_refused_to_anyone_but_the_author_and_for_visible_posts(
    rejected, patient
):
    with pytest.raises(posting.PostingError, match="Only the author"):
        posting.resubmit_reply(patient, rejected, body="Not mine to send.")
    visible = ReplyFactory(author=patient)
    with pytest.raises(posting.PostingError, match="nothing to send again"):
        posting.resubmit_reply(patient, visible, body="Changed.")


# --- The author sees their rejected or hidden post, others never do --------------------------


def test_thread_page_shows_the_author_their_rejected_reply_with_the_reason(rejected, new_member):
    response = page(signed_in(new_member), rejected.thread.get_absolute_url())

    html = soup(response)
    item = html.select_one(f"#reply-{rejected.pk}")
    assert item is not None
    text = item.get_text(" ", strip=True)
    assert REJECTED_TEXT in text
    assert "Not published" in text
    assert REASON in text
    link = item.find("a", string="Edit and send again")
    assert link["href"] == f"/community/r/{rejected.pk}/edit/"
    assert HEADER not in response  # made for them alone, never shared


def test_thread_page_never_shows_a_rejected_reply_to_other_members_or_visitors(
    client, rejected, new_member
):
    url = rejected.thread.get_absolute_url()
    reader, other = UserFactory(username="reader"), UserFactory(username="other")
    page(signed_in(reader), url)  # the shared page, built by another member
    page(signed_in(new_member), url)  # the author's own page

    for response in [page(signed_in(other), url), page(client, url), page(client, url)]:
        html = response.content.decode()
        assert REJECTED_TEXT not in html
        assert REASON not in html
        assert f'id="reply-{rejected.pk}"' not in html
    assert page(signed_in(other), url)[HEADER] == "hit"


def test_reply_link_takes_the_author_to_their_rejected_reply_and_others_to_a_note(
    client, rejected, new_member
):
    client.force_login(new_member)
    response = client.get(f"/community/r/{rejected.pk}/", follow=True)
    assert f'id="reply-{rejected.pk}"' in response.content.decode()
    assert "removed by a moderator" not in response.content.decode()

    client.force_login(UserFactory(username="reader"))
    response = client.get(f"/community/r/{rejected.pk}/", follow=True)
    assert "That reply was removed by a moderator." in response.content.decode()
    assert REJECTED_TEXT not in response.content.decode()


def test_hidden_reply_is_marked_hidden_by_a_moderator_for_its_author(patient, moderator):
    reply = ReplyFactory(author=patient, body="Something a moderator hid later.")
    moderation.hide_post(moderator, reply, "Personal details of another member.")

    text = soup(page(signed_in(patient), reply.thread.get_absolute_url())).get_text(" ")

    assert "Hidden by a moderator" in text and "Not published" not in text
    assert "Personal details of another member." in text
    assert "Something a moderator hid later." in text


def test_edit_reply_page_of_a_rejected_reply_sends_it_again_for_review(
    client, rejected, new_member, moderator
):
    client.force_login(new_member)
    form = client.get(f"/community/r/{rejected.pk}/edit/")
    assert form.status_code == 200
    assert "Edit your reply and send it again" in form.content.decode()
    assert REASON in form.content.decode()

    response = client.post(
        f"/community/r/{rejected.pk}/edit/", {"body": "Pacing helps me after a cold."}, follow=True
    )

    html = response.content.decode()
    assert "Your post is sent again" in html
    item = soup(response).select_one(f"#reply-{rejected.pk}")
    assert "Awaiting review" in item.get_text(" ")
    assert "Pacing helps me after a cold." in item.get_text(" ")
    client.force_login(moderator)
    queue = client.get("/admin/moderation/").content.decode()
    assert "Pacing helps me after a cold." in queue


def test_edit_reply_page_of_a_rejected_reply_is_refused_to_other_members(client, rejected):
    client.force_login(UserFactory(username="reader"))
    assert client.get(f"/community/r/{rejected.pk}/edit/").status_code == 403


def test_thread_page_shows_the_author_their_rejected_discussion_and_sends_it_again(
    client, new_member, moderator
):
    thread = ThreadFactory(
        author=new_member, title="My miracle cure", held_at=timezone.now(), hold_reason="new_member"
    )
    moderation.reject_post(moderator, thread, REASON)
    client.force_login(new_member)

    html = page(client, thread.get_absolute_url()).content.decode()
    assert "Not published" in html and REASON in html
    assert f'href="/community/t/{thread.pk}/edit/"' in html and "Edit and send again" in html

    client.post(
        f"/community/t/{thread.pk}/edit/", {"title": "What helps my flares", "body": "Pacing."}
    )
    thread.refresh_from_db()
    assert thread.held_at is not None and thread.hidden_at is None

    client.force_login(UserFactory(username="reader"))
    assert client.get(thread.get_absolute_url()).status_code == 404


# --- The community list shows the member's own waiting discussions ---------------------------


def test_community_list_shows_a_member_their_waiting_discussion(client, new_member):
    client.force_login(new_member)
    client.post(
        "/community/new/",
        {"title": "Brain fog at work", "body": "How do you cope?", "tags": "brain fog"},
    )
    thread = Thread.objects.get(title="Brain fog at work")
    assert thread.held_at is not None

    for path in ["/community/", "/community/tags/brain-fog/"]:
        response = page(client, path)
        text = soup(response).get_text(" ", strip=True)
        assert "Brain fog at work" in text, path
        assert "Awaiting review" in text, path
        assert "No discussions yet" not in text, path
        assert HEADER not in response

    other = page(signed_in(UserFactory(username="reader")), "/community/")
    assert "Brain fog at work" not in other.content.decode()


def test_topic_counts_include_published_discussions_only(client, new_member):
    ThreadFactory(tags=["sleep"])
    ThreadFactory(tags=["brain fog"], held_at=timezone.now(), author=new_member)
    ThreadFactory(tags=["brain fog"], hidden_at=timezone.now())

    text = soup(page(client, "/community/")).select_one(".tag-cloud").get_text(" ", strip=True)

    assert "sleep (1)" in text
    assert "brain fog" not in text


# --- Quoting -------------------------------------------------------------------------------


def test_quote_link_on_a_reply_fills_in_the_reply_form(client, patient):
    thread = ThreadFactory()
    quoted = ReplyFactory(thread=thread, body="Warm baths help my mornings.")
    client.force_login(patient)

    html = soup(page(client, thread.get_absolute_url()))
    link = html.select_one(f'#reply-{quoted.pk} a[href*="?quote="]')
    assert link.get_text(" ", strip=True).startswith("Quote")
    assert link["href"] == f"{thread.get_absolute_url()}?quote={quoted.pk}#reply-form"

    form_page = soup(page(client, link["href"].split("#")[0]))
    form = form_page.select_one("#reply-form")
    assert "You are quoting" in form.get_text(" ")
    assert "Warm baths help my mornings." in form.get_text(" ")
    assert form.select_one('input[name="quoted"]')["value"] == str(quoted.pk)

    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Me too.", "quoted": quoted.pk})
    assert Reply.objects.get(body="Me too.").quoted == quoted


def test_quote_link_on_the_opening_post_puts_its_words_in_the_reply(client, patient):
    thread = ThreadFactory(body="Does rest help your flares?")
    client.force_login(patient)

    html = soup(page(client, thread.get_absolute_url()))
    link = html.select_one(".thread").find(
        "a", href=f"{thread.get_absolute_url()}?quote=start#reply-form"
    )
    assert link is not None

    textarea = soup(page(client, f"{thread.get_absolute_url()}?quote=start")).select_one(
        "#reply-form textarea"
    )
    assert "> Does rest help your flares?" in textarea.get_text()
    assert f"{thread.author.display_name} wrote:" in textarea.get_text()


def test_reply_form_shows_no_empty_quoted_label(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)

    form = soup(page(client, thread.get_absolute_url())).select_one("#reply-form")

    labels = [label.get_text(strip=True) for label in form.select("label")]
    assert labels == ["Your reply", "Content note (optional)", "Your own few words, for “Other”"]
    assert "You are quoting" not in form.get_text(" ")


def test_quote_of_a_hidden_reply_quotes_nothing(client, patient):
    thread = ThreadFactory()
    hidden = ReplyFactory(thread=thread, body="Hidden words.", hidden_at=timezone.now())
    client.force_login(patient)

    form = soup(page(client, f"{thread.get_absolute_url()}?quote={hidden.pk}")).select_one(
        "#reply-form"
    )

    assert "Hidden words." not in form.get_text(" ")
    assert not form.select_one('input[name="quoted"]').get("value")
