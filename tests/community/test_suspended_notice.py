"""A suspended or banned member is told so, with the reason, where they would post, before
they type: never only after pressing Post. The notice is theirs alone."""

import pytest
from django.test import Client

from community.models import Restriction
from community.services import moderation
from tests.factories import ThreadFactory, UserFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

REASON = "Three unkind replies in one evening."


@pytest.fixture
def suspended(moderator, patient):
    moderation.restrict_member(moderator, patient, Restriction.Kind.SUSPEND, REASON, days=3)
    return patient


def test_suspended_member_reads_why_instead_of_the_reply_form(client, suspended):
    thread = ThreadFactory()
    client.force_login(suspended)

    page = soup(client.get(thread.get_absolute_url()))

    notice = page.find("p", class_="notice", string=lambda text: text and REASON in text)
    assert notice is not None and "suspended you from posting until" in notice.get_text()
    assert page.find("textarea", attrs={"name": "body"}) is None


def test_suspended_member_reads_why_instead_of_start_a_discussion(client, suspended):
    client.force_login(suspended)

    page = soup(client.get("/community/"))

    assert REASON in page.get_text()
    assert page.find("a", string="Start a discussion") is None


def test_suspended_member_gets_no_form_to_start_a_discussion(client, suspended):
    client.force_login(suspended)

    page = soup(client.get("/community/new/"))

    assert REASON in page.find("p", class_="notice").get_text()
    assert page.find("form", attrs={"method": "post", "novalidate": True}) is None


def test_the_forms_come_back_when_the_suspension_is_lifted(client, suspended, moderator):
    thread = ThreadFactory()
    client.force_login(suspended)
    client.get(thread.get_absolute_url())  # what the member sees is cached now

    moderation.lift_restriction(moderator, Restriction.objects.get(member=suspended))

    page = soup(client.get(thread.get_absolute_url()))
    assert REASON not in page.get_text()
    assert page.find("textarea", attrs={"name": "body"}) is not None


def test_another_member_never_sees_the_notice(client, suspended):
    thread = ThreadFactory()
    client.force_login(suspended)
    client.get(thread.get_absolute_url())
    other = Client()
    other.force_login(UserFactory(username="someone-else"))

    page = soup(other.get(thread.get_absolute_url()))

    assert REASON not in page.get_text()
    assert page.find("textarea", attrs={"name": "body"}) is not None
