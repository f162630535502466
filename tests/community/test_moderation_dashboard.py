"""The admin dashboard tells a moderator what waits in the moderation queue, and the queue
page is headed by its own name."""

import pytest
from django.utils import timezone

from community.models import HoldReason, Report
from tests.factories import QuestionFactory, ReplyFactory, ThreadFactory, UserFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def test_dashboard_counts_what_waits_for_a_moderator_and_links_the_queue(client, moderator):
    ThreadFactory(held_at=timezone.now(), hold_reason=HoldReason.NEW_MEMBER)
    ReplyFactory(held_at=timezone.now(), hold_reason=HoldReason.WORD_LIST)
    QuestionFactory(status="pending", published_at=None)
    Report.objects.create(reporter=UserFactory(), thread=ThreadFactory(), reason="spam")
    client.force_login(moderator)

    panel = soup(client.get("/admin/")).find(attrs={"data-moderation-queue": True})

    assert panel["data-moderation-queue"] == "4"
    text = " ".join(panel.get_text(" ", strip=True).split())
    assert "Discussions and replies held for review: 2" in text
    assert "Questions and answers awaiting review: 1" in text and "Open reports: 1" in text
    assert panel.find("a", string="Open the moderation queue")["href"] == "/admin/moderation/"


def test_dashboard_says_so_when_nothing_waits(client, moderator):
    client.force_login(moderator)

    panel = soup(client.get("/admin/")).find(attrs={"data-moderation-queue": True})

    assert "Nothing is waiting for a moderator." in panel.get_text()


def test_editors_who_do_not_moderate_see_no_queue_panel(client, editor):
    client.force_login(editor)

    assert soup(client.get("/admin/")).find(attrs={"data-moderation-queue": True}) is None


def test_queue_page_is_headed_by_its_own_name_not_home(client, moderator):
    client.force_login(moderator)

    page = soup(client.get("/admin/moderation/"))

    crumbs = [item.get_text(strip=True) for item in page.select("nav[aria-label] ol li")]
    assert crumbs and crumbs[-1] == "Moderation queue"
