"""Sitemap entries: the page tree as visitors may see it, and the glossary."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from articles.visibility import visible_to


class PageSitemap(WagtailSitemap):
    """Wagtail's sitemap of live pages, through the portal's one visibility rule
    (articles.visibility) for a visitor: crawlers are visitors, whoever asks, so a page under
    a view restriction is never listed, even when a member fetches the sitemap."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible_to(pages, None).order_by("path").defer_streamfields().specific()


class GlossarySitemap(Sitemap):
    """The glossary, a Django view rather than a Wagtail page."""

    changefreq = "monthly"

    def items(self):
        return ["glossary"]

    def location(self, item):
        return reverse(item)
