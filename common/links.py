"""Absolute links for mail, which is read outside the site."""

from django.conf import settings


def absolute_url(path):
    """`path` on the site's public address (WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
