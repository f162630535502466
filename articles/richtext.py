"""Links in rich text to pages a visitor may not open are left without an address.

An editor may link another article's text to a page that is later restricted (members
only, a password, chosen groups) or unpublished. Wagtail would still write that page's
address into every page that links it, so its address, and the fact it exists, would reach
readers who may not open it. Rich text is rendered into pages that visitors share, so the
rule is the visitor's (articles.visibility): a link to a page that is not live and public
keeps its words and loses its address.
"""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from articles.visibility import visible_pages


class PublicPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, with an address only for pages every visitor may see."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        shown = {page.pk for page in visible_pages(pages, None)}
        return [
            f'<a href="{escape(page.localized.url)}">' if page and page.pk in shown else "<a>"
            for page in pages
        ]
