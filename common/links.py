"""Absolute links for mail, which is read outside the site: every one is built on the one
configured public address (settings.SITE_URL), never on the host a request came in on."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path):
    """`path` on the site's public address."""
    return settings.SITE_URL + path


def on_site(url):
    """`url` (absolute, as a library built it from a request) moved to the site's public
    address, keeping its path, query and fragment."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    return urlunsplit(
        (site.scheme, site.netloc, site.path + parts.path, parts.query, parts.fragment)
    )
