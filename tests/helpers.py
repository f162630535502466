"""Small helpers the test modules share."""

from bs4 import BeautifulSoup
from wagtail.models import ModelLogEntry


def soup(response):
    """The response's HTML, parsed."""
    return BeautifulSoup(response.content, "html.parser")


def log_entries(target, action):
    """Audit-log entries of `action` recorded for `target` (any model but pages)."""
    return ModelLogEntry.objects.filter(
        object_id=str(target.pk), action=action, content_type__model=type(target).__name__.lower()
    )
