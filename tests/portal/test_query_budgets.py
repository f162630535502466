"""Query budgets for the page types not covered beside their views: a fixed number of queries,
the same for 1 item as for 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import members
from caching.pagecache import bump
from community.models import Notification, Thread
from tests.factories import (
    AnswerFactory,
    QuestionFactory,
    ReplyFactory,
    ReportFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, path):
    """Queries for one visit, with the shared fragments and the member's cached answers just
    invalidated (the worst case: the first visit after any change)."""
    bump()
    members.forget_everyone()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def grow(make, first, more):
    """Queries for the page with 1 item, then with 100; both returned. A first visit warms
    the per-process caches (site root, settings), as any running server has."""
    make(1)
    first()
    one = first()
    make(99)
    return one, more()


def test_tag_page_budget(client):
    def make(n):
        for _ in range(n):
            ThreadFactory(tags=["sleep"])

    path = "/community/tags/sleep/"
    one, hundred = grow(make, lambda: queries_for(client, path), lambda: queries_for(client, path))

    assert one == hundred <= 14  # the first visit after a change re-reads the member (members.py)


def test_question_list_and_question_page_budgets(client, patient):
    question = QuestionFactory()
    client.force_login(patient)

    def make(n):
        for _ in range(n):
            QuestionFactory()
            AnswerFactory(question=question)

    def measure():
        return (
            queries_for(client, "/questions/"),
            queries_for(client, question.get_absolute_url()),
        )

    one, hundred = grow(make, measure, measure)

    assert one == hundred
    assert hundred[0] <= 14 and hundred[1] <= 16


def test_profile_budget(client, patient):
    def make(n):
        for _ in range(n):
            ThreadFactory(author=patient)
            AnswerFactory(author=patient)

    path = f"/members/{patient.username}/"
    one, hundred = grow(make, lambda: queries_for(client, path), lambda: queries_for(client, path))

    assert one == hundred <= 14  # the first visit after a change re-reads the member (members.py)


def test_profile_budget_for_moderators(client, patient, moderator):
    """A moderator also sees the member's reports and removed posts: still a fixed number."""
    client.force_login(moderator)

    def make(n):
        for _ in range(n):
            ReportFactory(reply=ReplyFactory(author=patient))
            ReportFactory(thread=ThreadFactory(author=patient), reply=None)
            ThreadFactory(author=patient, hidden_at=timezone.now(), hidden_reason="Spam")
            ReplyFactory(author=patient, hidden_at=timezone.now(), hidden_reason="Unkind")
            QuestionFactory(author=patient, status="rejected", published_at=None)
            AnswerFactory(author=patient, status="rejected")

    path = f"/members/{patient.username}/"
    one, hundred = grow(make, lambda: queries_for(client, path), lambda: queries_for(client, path))

    assert one == hundred <= 25  # 14 as for anyone, with the moderator and their tools


def test_notifications_budget(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)

    def make(n):
        for _ in range(n):
            reply = ReplyFactory(thread=thread)
            Notification.objects.create(
                user=patient, kind="reply", thread=thread, reply=reply, actor=reply.author
            )

    path = "/community/notifications/"
    one, hundred = grow(make, lambda: queries_for(client, path), lambda: queries_for(client, path))

    assert one == hundred <= 14  # the first visit after a change re-reads the member (members.py)


def test_opening_a_notification_budget(client, patient):
    thread = ThreadFactory()
    client.force_login(patient)

    def make(n):
        for _ in range(n):
            reply = ReplyFactory(thread=thread)
            Notification.objects.create(
                user=patient, kind="reply", thread=thread, reply=reply, actor=reply.author
            )

    def open_a_new_one():
        make(1)
        newest = patient.notifications.latest("pk")
        members.forget_everyone()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/community/notifications/{newest.pk}/open/")
        assert response.status_code == 302  # on to the reply
        return len(captured)

    one, hundred = grow(make, open_a_new_one, open_a_new_one)

    assert one == hundred <= 10  # the member, the notification, marking it read


def test_welcome_page_budget(client, patient):
    client.force_login(patient)
    path = "/accounts/welcome/"
    queries_for(client, path)  # warms the per-process caches (site root, settings)

    assert queries_for(client, path) <= 12  # the member and the page's shared parts


def test_moderation_queue_budget(client, moderator):
    client.force_login(moderator)

    def make(n):
        for _ in range(n):
            author = UserFactory(trusted_at=None)
            QuestionFactory(author=author, status="pending", published_at=None)
            AnswerFactory(author=author, status="pending")
            thread = ThreadFactory(author=author)
            Thread.objects.filter(pk=thread.pk).update(
                held_at=timezone.now(), hold_reason="new_member"
            )
            ReplyFactory(author=author, held_at=timezone.now(), hold_reason="new_member")
            ReportFactory(reply=ReplyFactory(author=author))
            ReportFactory(thread=ThreadFactory(author=author), reply=None)

    path = "/admin/moderation/"
    one, hundred = grow(make, lambda: queries_for(client, path), lambda: queries_for(client, path))

    assert one == hundred <= 30


def test_reading_preferences_budget(client, patient):
    """The page reads nothing of its own: a visitor's choices come from the cookie, a
    member's with the member (the one query authentication makes anyway)."""
    visitor = queries_for(client, "/preferences/")
    client.force_login(patient)
    queries_for(client, "/preferences/")
    member = queries_for(client, "/preferences/")
    with CaptureQueriesContext(connection) as captured:
        client.post(
            "/preferences/",
            {"text_size": "larger", "theme": "dark", "motion": "reduce", "detail": "full"},
        )

    assert visitor <= 5 and member <= 10  # the navigation is read again after a change
    assert len(captured) <= 3  # the session, the member (both as on any page) and the save


def test_n_plus_one_detection_fails_a_view_that_loads_authors_one_by_one(db):
    """The test settings turn django-zeal on: a loop that reads each thread's author
    without select_related raises, so such a view fails its tests."""
    from zeal import NPlusOneError, zeal_context

    ThreadFactory.create_batch(3)
    with pytest.raises(NPlusOneError, match="community.Thread.author"), zeal_context():
        [thread.author.display_name for thread in Thread.objects.all()]
    with zeal_context():  # the same loop with the join is fine
        names = [t.author.display_name for t in Thread.objects.select_related("author")]
    assert len(names) == 3


def test_own_unpublished_posts_budget(client, patient):
    """A member's own rejected replies on a thread page and waiting or rejected discussions
    in the community list (issue #25): a fixed number of queries, however many."""
    thread = ThreadFactory()
    client.force_login(patient)

    def make(n):
        for _ in range(n):
            ReplyFactory(
                thread=thread, author=patient, hidden_at=timezone.now(), hidden_reason="No"
            )
            ThreadFactory(author=patient, held_at=timezone.now(), hold_reason="new_member")
            ThreadFactory(author=patient, hidden_at=timezone.now(), hidden_reason="Off topic")

    def measure():
        return (
            queries_for(client, thread.get_absolute_url()),
            queries_for(client, "/community/"),
        )

    one, hundred = grow(make, measure, measure)

    assert one == hundred
    assert hundred[0] <= 18 and hundred[1] <= 16
