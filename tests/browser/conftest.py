"""The browser tests' fixtures are a plugin of the whole suite (tests/browser/fixtures.py,
named in tests/conftest.py); the helpers are named here too for the journeys that import
them. Fixtures are never imported into a conftest: that would start a second browser."""

from tests.browser.fixtures import DESKTOP, PHONE, screenshot_dir, sign_in

__all__ = ["DESKTOP", "PHONE", "screenshot_dir", "sign_in"]
