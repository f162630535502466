"""Fixtures for the readers app: a few articles (one with a "What this means for you"
callout and headings), one only members may see, and one only a group may see."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.browser.fixtures import restore_migrations_data
from tests.factories import MechanismIndexPageFactory, MechanismPageFactory

SLEEP_BODY = [
    {"type": "heading", "value": {"text": "Why sleep matters", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Deep sleep lets the body repair itself.</p>"},
    {
        "type": "callout",
        "value": {
            "title": "What this means for you",
            "body": '<p>A steady bedtime can <a href="https://example.org">help</a>.</p>',
        },
    },
    {"type": "heading", "value": {"text": "What the studies found", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Small studies found lighter sleep.</p>"},
]


def restrict(page, kind, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def index(home_page):
    return MechanismIndexPageFactory(parent=home_page)


@pytest.fixture
def sleep(index):
    return MechanismPageFactory(
        parent=index,
        title="Sleep and pain",
        slug="sleep-and-pain",
        summary="Poor sleep and pain feed each other.",
        evidence_level="strong_hypothesis",
        body=SLEEP_BODY,
    )


@pytest.fixture
def nerves(index):
    return MechanismPageFactory(
        parent=index, title="Small nerves", slug="small-nerves", summary="Small nerves change."
    )


@pytest.fixture
def members_only(index):
    """An article only signed-in members may see."""
    page = MechanismPageFactory(
        parent=index, title="Members only study", slug="members-only", summary="Hidden."
    )
    restrict(page, PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def clinic_only(index):
    """An article only the "Clinic circle" group may see."""
    page = MechanismPageFactory(
        parent=index, title="Clinic circle notes", slug="clinic-only", summary="Secret."
    )
    restrict(page, PageViewRestriction.GROUPS, [Group.objects.create(name="Clinic circle")])
    return page


# The browser fixtures (browser, new_page, carry_serialized_contents) are the whole suite's
# (tests/browser/fixtures.py); `live_site` builds only the articles above, not the demo.
@pytest.fixture
def live_site(carry_serialized_contents, transactional_db, live_server, serialized_contents):
    """The live server's address, over exactly the migrations' data (requested before the
    articles above, which are made on it: tests/browser/fixtures.py)."""
    restore_migrations_data(serialized_contents)
    return live_server.url
