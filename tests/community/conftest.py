"""Fixtures for community tests: two mechanism articles to link discussions to."""

import pytest

from tests.factories import MechanismIndexPageFactory, MechanismPageFactory


@pytest.fixture
def articles(home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    return {
        "microglia": MechanismPageFactory(
            parent=index, title="Microglia", slug="microglia", evidence_level="strong_hypothesis"
        ),
        "sleep": MechanismPageFactory(
            parent=index, title="Sleep", slug="sleep", evidence_level="established"
        ),
    }
