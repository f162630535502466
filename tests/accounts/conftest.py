"""Fixtures for account tests."""

import re

import pytest
from django.core import mail

from accounts import contributions

SIGNUP = {
    "email": "ana@example.org",
    "username": "ana",
    "password1": "fog and glial cells",
    "password2": "fog and glial cells",
}


def link_in_last_mail(pattern):
    match = re.search(rf"http://testserver(/{pattern}[^\s]*)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


@pytest.fixture
def fake_posts():
    """A stand-in content app registered with accounts, removed again after the test."""
    store = {}

    def export(user):
        return [{"body": body} for body in store.get(user.pk, [])]

    def erase(user, text):
        store[user.pk] = [text for _ in store.get(user.pk, [])]
        return len(store[user.pk])

    contribution = contributions.Contribution(
        name="posts",
        count=lambda user: len(store.get(user.pk, [])),
        export=export,
        erase=erase,
    )
    contributions.register(contribution)
    yield store
    contributions._registry.pop("posts", None)
