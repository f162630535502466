"""Fixtures for the whole suite: the home page and one member of each role."""

import pytest
from wagtail.models import Site

from articles.demo import seed_demo
from tests.factories import UserFactory

# The four roles every view is tested for (groups from accounts/migrations/0003_roles.py).
ROLES = ["anonymous", "patient", "moderator", "editor"]


def enrol_totp(user):
    """Give a staff member an authenticator app, as allauth's set-up page does."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate limits, cooldowns and cached glossary
    terms must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page():
    """The HomePage that the articles migration puts at the site root."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def patient(db):
    """An established member: trusted, so their posts appear at once. A brand-new member
    (whose first posts wait for a moderator) is `new_member`."""
    return UserFactory(username="patient", groups=["Patients"])


@pytest.fixture
def new_member(db):
    """A member with a confirmed email and no approved posts yet."""
    return UserFactory(username="newcomer", groups=["Patients"], trusted_at=None)


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderator", groups=["Moderators"])
    enrol_totp(user)
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", groups=["Editors"])
    enrol_totp(user)
    return user


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
