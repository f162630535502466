"""Threads and replies: listing, linking to articles, posting, editing, deleting."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from community.models import PostEdit, Reply, Thread
from tests.factories import ReplyFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def new_thread(client, **fields):
    data = {"title": "Flares after a cold", "body": "Does anyone else flare?", "tags": "flares"}
    data.update(fields)
    return client.post("/community/new/", data)


def test_thread_with_tags_and_mechanisms_shows_on_tag_page_and_each_article(
    client, patient, articles
):
    client.force_login(patient)

    response = new_thread(
        client,
        tags="Flares, Sleep",
        mechanisms=[articles["microglia"].pk, articles["sleep"].pk],
    )

    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert sorted(thread.tags.names()) == ["flares", "sleep"]
    for url in ("/community/tags/flares/", "/community/tags/sleep/", "/community/"):
        assert thread.title in soup(client.get(url)).find("main").get_text(), url
    for article in articles.values():
        section = soup(client.get(article.url)).find(
            "section", attrs={"aria-labelledby": "discussions-heading"}
        )
        assert section.find("a", string=thread.title)["href"] == thread.get_absolute_url()
    thread_page = soup(client.get(thread.get_absolute_url()))
    cards = thread_page.select("section[aria-labelledby=about-heading] .mechanism-card")
    assert [card.a.get_text(strip=True) for card in cards] == ["Microglia", "Sleep"]
    assert "Evidence: Strong hypothesis" in cards[0].get_text(" ", strip=True)


def test_list_shows_pinned_first_then_latest_activity(client, db):
    old = ThreadFactory(title="Old but pinned", is_pinned=True)
    recent = ThreadFactory(title="Recent")
    middle = ThreadFactory(title="Middle")
    now = timezone.now()
    Thread.objects.filter(pk=old.pk).update(last_activity_at=now - datetime.timedelta(days=9))
    Thread.objects.filter(pk=middle.pk).update(last_activity_at=now - datetime.timedelta(days=1))
    Thread.objects.filter(pk=recent.pk).update(last_activity_at=now)

    titles = [a.get_text() for a in soup(client.get("/community/")).select(".thread-item__title a")]

    assert titles == ["Old but pinned", "Recent", "Middle"]


def test_list_paginates_and_filters_by_article(client, articles):
    for number in range(22):
        ThreadFactory(title=f"Topic {number}", mechanisms=[articles["sleep"]])
    ThreadFactory(title="About microglia", mechanisms=[articles["microglia"]])

    first = soup(client.get("/community/"))
    second = soup(client.get("/community/?page=2"))
    microglia = soup(client.get("/community/?mechanism=microglia"))

    assert len(first.select(".thread-item")) == 20 and len(second.select(".thread-item")) == 3
    assert [a.get_text() for a in microglia.select(".thread-item__title a")] == ["About microglia"]
    assert client.get("/community/?mechanism=nothing-here").status_code == 404


def test_tag_cloud_counts_threads(client, db):
    ThreadFactory(tags=["sleep", "pain"])
    ThreadFactory(tags=["sleep"])

    cloud = soup(client.get("/community/")).find("ul", class_="tag-cloud")

    assert "sleep (2)" in cloud.get_text(" ", strip=True)
    assert "pain (1)" in cloud.get_text(" ", strip=True)


def test_empty_community_invites_the_first_discussion(client, db):
    page = soup(client.get("/community/"))

    assert "No discussions yet" in page.find(class_="empty-state").get_text()


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("payload", XSS)
def test_hostile_markup_never_reaches_the_page(client, patient, payload):
    client.force_login(patient)
    new_thread(client, title=f"Title {payload}", body=f"Body {payload}", tags=f"t {payload}"[:40])
    thread = Thread.objects.get()
    ReplyFactory(thread=thread, body=f"Reply {payload}")

    pages = [client.get(thread.get_absolute_url()), client.get("/community/")]

    for response in pages:
        page = soup(response)
        assert page.find(["script", "svg", "iframe"], src=False, type=False) is None or all(
            tag.get("type") == "application/ld+json" for tag in page.find_all("script")
        )
        assert page.find("svg") is None and page.find("img") is None
        for tag in page.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for link in page.find_all(href=True):
            assert not link["href"].lower().startswith(("javascript:", "data:", "vbscript:"))
        assert thread.title in page.get_text()  # the payload is shown as plain text


def test_reply_counts_quotes_and_moves_the_thread_up(client, patient, db):
    thread = ThreadFactory()
    earlier = ReplyFactory(thread=thread, body="The first reply")
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=1, last_activity_at=timezone.now() - datetime.timedelta(days=2)
    )
    client.force_login(patient)

    response = client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "I agree", "quoted": earlier.pk}
    )

    reply = Reply.objects.get(body="I agree")
    assert response["Location"].endswith(f"#reply-{reply.pk}")
    thread.refresh_from_db()
    assert thread.reply_count == 2
    assert thread.last_activity_at == reply.created_at
    page = soup(client.get(thread.get_absolute_url()))
    quote = page.find(id=f"reply-{reply.pk}").find("blockquote")
    assert "The first reply" in quote.get_text()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 151}, "at most 150 characters"),
        ({"body": "   "}, "This field is required."),
        ({"tags": "a, b, c, d, e, f"}, "Use at most 5 topics; you gave 6"),
        ({"mechanisms": [999999]}, "Select a valid choice"),
    ],
)
def test_bad_thread_input_explains_saves_nothing_and_keeps_what_was_typed(
    client, patient, articles, fields, message
):
    client.force_login(patient)

    response = new_thread(client, **{"body": "My words stay here", **fields})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Thread.objects.count() == 0
    if "body" not in fields:
        assert "My words stay here" in response.content.decode()


def test_reply_to_a_locked_thread_is_refused_and_kept_in_the_form(client, patient, db):
    thread = ThreadFactory(is_locked=True)
    client.force_login(patient)

    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Late thought"})

    assert response.status_code == 400
    page = soup(response)
    assert "This discussion is locked, so it cannot take new replies." in page.get_text()
    assert page.find("textarea", attrs={"name": "body"}).get_text().strip() == "Late thought"
    assert not Reply.objects.exists()


def test_new_members_have_posting_limits_with_a_clear_message(client, db, settings):
    settings.COMMUNITY_NEW_MEMBER_INTERVAL = 0
    newcomer = UserFactory(username="newcomer", date_joined=timezone.now())
    client.force_login(newcomer)

    statuses = [new_thread(client, title=f"Question number {n}").status_code for n in range(4)]

    assert statuses == [302, 302, 302, 200]
    assert Thread.objects.filter(author=newcomer).count() == 3
    assert (
        "New members can post 3 threads on their first day"
        in new_thread(client, title="One more question").content.decode()
    )


def test_new_members_wait_between_posts(client, db):
    newcomer = UserFactory(username="newcomer", date_joined=timezone.now())
    thread = ThreadFactory()
    client.force_login(newcomer)

    first = client.post(f"/community/t/{thread.pk}/reply/", {"body": "One"})
    second = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Two"})

    assert first.status_code == 302
    assert "Please wait 30 seconds between posts" in second.content.decode()
    assert Reply.objects.count() == 1


def test_established_members_are_not_limited(client, patient, settings):
    client.force_login(patient)

    statuses = [new_thread(client, title=f"Question number {n}").status_code for n in range(5)]

    assert statuses == [302] * 5


def test_member_without_a_confirmed_email_cannot_post(client, db):
    from allauth.account.models import EmailAddress

    member = UserFactory(username="unconfirmed")
    EmailAddress.objects.filter(user=member).update(verified=False)
    client.force_login(member)

    response = new_thread(client)

    assert response["Location"] == "/accounts/email/"
    assert not Thread.objects.exists()


def test_author_edits_keep_the_earlier_text_and_show_edited(client, patient, db):
    thread = ThreadFactory(author=patient, body="First words")
    client.force_login(patient)

    client.post(
        f"/community/t/{thread.pk}/edit/",
        {"title": thread.title, "body": "Better words", "tags": "sleep"},
    )

    thread.refresh_from_db()
    assert thread.body == "Better words" and thread.edited_at is not None
    assert PostEdit.objects.get(thread=thread).previous_body == "First words"
    assert (
        "edited" in soup(client.get(thread.get_absolute_url())).find(class_="post-meta").get_text()
    )


def test_author_reply_edit_keeps_history(client, patient, db):
    reply = ReplyFactory(author=patient, body="Typo here")
    client.force_login(patient)

    client.post(f"/community/r/{reply.pk}/edit/", {"body": "Fixed here"})

    reply.refresh_from_db()
    assert reply.body == "Fixed here"
    assert reply.edits.get().previous_body == "Typo here"


def test_author_deleting_a_thread_without_replies_removes_it_from_view(client, patient, db):
    thread = ThreadFactory(author=patient)
    client.force_login(patient)

    client.post(f"/community/t/{thread.pk}/delete/")

    thread.refresh_from_db()
    assert thread.deleted_at is not None
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert Thread.objects.filter(pk=thread.pk).exists()  # kept, not destroyed


def test_deleting_a_thread_others_replied_to_keeps_their_conversation(client, patient, db):
    thread = ThreadFactory(author=patient, body="My original question")
    ReplyFactory(thread=thread, body="Someone else's answer")
    client.force_login(patient)

    client.post(f"/community/t/{thread.pk}/delete/")

    page = soup(client.get(thread.get_absolute_url()))
    assert "[deleted by the author]" in page.find(class_="post-body").get_text()
    assert "Someone else's answer" in page.get_text()
    assert PostEdit.objects.get(thread=thread).previous_body == "My original question"


def test_author_deletes_a_reply(client, patient, db):
    reply = ReplyFactory(author=patient, body="Never mind")
    Thread.objects.filter(pk=reply.thread_id).update(reply_count=1)
    client.force_login(patient)

    client.post(f"/community/r/{reply.pk}/delete/")

    assert "Never mind" not in client.get(reply.thread.get_absolute_url()).content.decode()
    assert Thread.objects.get(pk=reply.thread_id).reply_count == 0


@pytest.mark.parametrize("count", [1, 20])
def test_thread_page_query_budget_does_not_grow_with_replies(
    client, articles, django_assert_max_num_queries, count
):
    thread = ThreadFactory(tags=["sleep", "pain"], mechanisms=list(articles.values()))
    earlier = None
    for _ in range(count):
        earlier = ReplyFactory(thread=thread, quoted=earlier)
    client.get(thread.get_absolute_url())

    with django_assert_max_num_queries(15):
        response = client.get(thread.get_absolute_url())

    assert len(soup(response).select("li.reply")) == count


@pytest.mark.parametrize("count", [1, 20])
def test_list_page_query_budget_does_not_grow_with_threads(
    client, db, django_assert_max_num_queries, count
):
    for number in range(count):
        ThreadFactory(tags=[f"topic {number}", "sleep"])
    client.get("/community/")

    with django_assert_max_num_queries(12):
        response = client.get("/community/")

    assert len(soup(response).select(".thread-item")) == count
