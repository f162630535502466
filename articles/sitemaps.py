"""Sitemap entries for article views that live outside the page tree."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class GlossarySitemap(Sitemap):
    """The glossary, a Django view rather than a Wagtail page."""

    changefreq = "monthly"

    def items(self):
        return ["glossary"]

    def location(self, item):
        return reverse(item)
