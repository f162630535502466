"""RSS feeds of research updates and of changes to the articles, so readers can follow
news without visiting the site."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from articles.views import recent_changes

FEED_LENGTH = 20


class UpdatesFeed(Feed):
    """The newest research updates under one UpdatesIndexPage."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} · Fibromyalgia Mechanisms"

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.intro

    def items(self):
        # A visitor's view (articles.visibility), whoever asks: feeds are read and passed on
        # by feed readers, so an update under a view restriction is never in one.
        return self.index_page.updates()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at


class ChangesFeed(Feed):
    """/updates/changes/feed/: the newest public change notes on the articles."""

    feed_type = Rss201rev2Feed
    title = "What changed in our articles · Fibromyalgia Mechanisms"
    description = "Short notes on what we changed in the articles, and when."

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("articles:changes")

    def items(self):
        # A visitor's view, whoever asks, as in UpdatesFeed.items.
        return recent_changes()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.page.title}: {item.text}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.page.get_url(self.request)}#what-changed"

    def item_guid(self, item):
        return f"{self.request.build_absolute_uri(reverse('articles:changes'))}#change-{item.id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))
