"""Wagtail page types."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from articles.blocks import ContentPageBody, HomePageBody


class HomePage(Page):
    """The site root: says what the portal is and points patients to where to start."""

    intro = models.TextField(
        max_length=400,
        help_text="One or two welcoming sentences under the title, in plain language.",
    )
    body = StreamField(
        HomePageBody(),
        blank=True,
        help_text="Signposts to the main sections, then a little context.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "articles/home_page.html"

    class Meta:
        verbose_name = "home page"


class ContentPage(Page):
    """A plain page about the site itself, such as About, Privacy or Accessibility."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text="A one or two sentence summary shown under the title and in search results.",
    )
    body = StreamField(ContentPageBody(), help_text="The page text.")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["articles.HomePage", "articles.ContentPage"]
    template = "articles/content_page.html"

    class Meta:
        verbose_name = "content page"
