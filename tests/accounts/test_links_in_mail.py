"""Every link in every email goes to the site's one public address (settings.SITE_URL), the
same for the sign-up and password mails as for notifications, whatever host the request
that caused the mail came in on."""

import re

import pytest
from django.core import mail

from community.services import moderation
from tests.accounts.conftest import SIGNUP
from tests.factories import ReplyFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://fibro.example.org"


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE
    settings.ALLOWED_HOSTS = ["fibro.example.org", "internal-worker-3"]


def links(message):
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


def test_sign_up_mail_links_to_the_public_address_not_the_requests_host(client, public_address):
    client.post("/accounts/signup/", SIGNUP, HTTP_HOST="internal-worker-3")

    found = links(mail.outbox[-1])
    assert found and all(link.startswith(SITE + "/") for link in found)


def test_password_reset_mail_links_to_the_public_address(client, public_address):
    UserFactory(username="ana", email="ana@example.org")

    client.post(
        "/accounts/password/reset/", {"email": "ana@example.org"}, HTTP_HOST="internal-worker-3"
    )

    found = links(mail.outbox[-1])
    assert found and all(link.startswith(SITE + "/") for link in found)


def test_an_approval_mail_links_to_the_public_address(public_address, moderator):
    from django.utils import timezone

    from community.models import HoldReason

    reply = ReplyFactory(held_at=timezone.now(), hold_reason=HoldReason.NEW_MEMBER)

    moderation.approve_post(moderator, reply)

    found = [link for message in mail.outbox for link in links(message)]
    assert found and all(link.startswith(SITE + "/") for link in found)
