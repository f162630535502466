"""Fixtures for the whole suite: the home page and one member of each role."""

import pytest
from wagtail.models import Site

from articles.demo import seed_demo
from tests.factories import UserFactory

# Roles as the issues name them. Until the accounts issue adds its own groups, moderators
# and editors use the groups Wagtail creates: both can reach the admin.
ROLES = ["anonymous", "patient", "moderator", "editor"]


@pytest.fixture
def home_page():
    """The HomePage that the articles migration puts at the site root."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def patient(db):
    return UserFactory(username="patient")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def client_as(client, request):
    """A function giving a test client signed in as the named role (or anonymous)."""

    def sign_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return sign_in


@pytest.fixture
def demo(db):
    """The demo content, as `make run` loads it."""
    return seed_demo()
