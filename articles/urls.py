"""/updates/changes/: recent changes across the articles, and their RSS feed. Included by
portal/urls.py before Wagtail's page tree, which serves the rest of /updates/."""

from django.urls import path

from articles import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.changes, name="changes"),
    path("feed/", feeds.ChangesFeed(), name="changes_feed"),
]
