"""A notification is read once it is opened, and replying to a discussion follows it."""

import pytest
from django.test import Client

from community.models import Subscription
from tests.factories import NotificationFactory, ThreadFactory, UserFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def unread_badge(client):
    navigation = soup(client.get("/community/")).find("nav", class_="site-nav")
    return " ".join(navigation.get_text(" ", strip=True).split())


def test_opening_a_notification_marks_it_read_and_leads_to_the_reply(client, patient):
    notification = NotificationFactory(user=patient)
    client.force_login(patient)
    assert "Notifications 1 new" in unread_badge(client)

    page = soup(client.get("/community/notifications/"))
    link = page.find("a", string=notification.thread.title)
    response = client.get(link["href"])

    assert response.status_code == 302
    assert response["Location"] == f"/community/r/{notification.reply_id}/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "1 new" not in unread_badge(client)
    assert "New" not in soup(client.get("/community/notifications/")).find("ol").get_text()


def test_another_members_notification_cannot_be_opened(client, patient):
    notification = NotificationFactory(user=UserFactory(username="someone-else"))
    client.force_login(patient)

    response = client.get(f"/community/notifications/{notification.pk}/open/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_replying_follows_the_discussion_and_hears_of_the_next_reply(
    client, patient, django_capture_on_commit_callbacks
):
    thread = ThreadFactory()
    client.force_login(patient)

    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Rest helps me too."})

    assert Subscription.objects.filter(user=patient, thread=thread).exists()
    other = Client()
    other.force_login(UserFactory(username="another-member"))
    with django_capture_on_commit_callbacks(execute=True):  # followers hear after the commit
        other.post(f"/community/t/{thread.pk}/reply/", {"body": "Same for me."})
    assert patient.notifications.filter(thread=thread).exists()
