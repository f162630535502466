"""Fixtures for community tests: two mechanism articles to link discussions to, and the
scene of the shared-page tests (test_shells_*.py)."""

import pytest
from allauth.account.models import EmailAddress

from articles.models import SiteSettings
from community.models import Reaction
from community.services import notifications
from tests.factories import (
    MechanismIndexPageFactory,
    MechanismPageFactory,
    ReplyFactory,
    ThreadFactory,
    UserFactory,
)


@pytest.fixture
def articles(home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    return {
        "microglia": MechanismPageFactory(
            parent=index, title="Microglia", slug="microglia", evidence_level="strong_hypothesis"
        ),
        "sleep": MechanismPageFactory(
            parent=index, title="Sleep", slug="sleep", evidence_level="emerging"
        ),
    }


@pytest.fixture
def site_settings(db):
    """The site's settings exist, as on any running site (Wagtail makes them on first use,
    which is a change like any other and would start a new generation mid-test)."""
    SiteSettings.load()


@pytest.fixture
def scene(patient):
    """A thread where `patient` wrote a reply, pressed "Helpful" on another, "Me too" on the
    thread, and follows the thread and its topic; `unconfirmed` has not confirmed their
    email address."""
    thread = ThreadFactory(tags=["sleep"])
    own = ReplyFactory(thread=thread, author=patient)
    other = ReplyFactory(thread=thread)
    Reaction.objects.create(user=patient, reply=other, kind=Reaction.Kind.HELPFUL)
    Reaction.objects.create(user=patient, thread=thread, kind=Reaction.Kind.ME_TOO)
    notifications.follow(patient, thread=thread)
    notifications.follow(patient, tag=thread.tags.get())
    unconfirmed = UserFactory(username="unconfirmed")
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    return {"thread": thread, "own": own, "other": other, "unconfirmed": unconfirmed}
