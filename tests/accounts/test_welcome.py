"""After confirming their email address, a new member lands on a page of next steps, and the
mail that asked them to confirm is written for this site."""

import pytest
from django.core import mail

from tests.accounts.conftest import SIGNUP, link_in_last_mail
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def test_confirming_the_email_leads_to_next_steps(client, home_page):
    client.post("/accounts/signup/", SIGNUP)

    response = client.post(link_in_last_mail("accounts/confirm-email/"), follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/welcome/"
    page = soup(response)
    assert page.h1.get_text(strip=True) == f"Welcome, {SIGNUP['username']}"
    links = {a.get_text(strip=True): a["href"] for a in page.select(".prose a")}
    assert links["Introduce yourself"] == "/community/new/"
    assert links["Set how pages look"] == "/preferences/"
    assert links["Choose which emails you get"] == "/accounts/profile/"


def test_the_confirmation_mail_is_written_for_this_site(client):
    client.post("/accounts/signup/", SIGNUP)

    message = mail.outbox[-1]

    assert message.subject == "[Fibromyalgia Mechanisms] Confirm your email address"
    assert message.body.startswith("Hello,")
    assert f'join Fibromyalgia Mechanisms as "{SIGNUP["username"]}"' in message.body
    assert "Hello from" not in message.body and "example.com" not in message.body
