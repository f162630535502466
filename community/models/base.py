"""What every kind of member post shares: length limits, @mentions and Markdown rendering.

Members' Markdown is rendered to safe HTML when a post is saved (common.markdown), so pages
never render Markdown per view. RendersMarkdown is abstract: it adds behaviour, no table.
"""

import re

from django.contrib.auth import get_user_model
from django.db import models

from common.markdown import render_markdown

MENTION_RE = re.compile(r"(?<![\w@/])@([\w.+-]{3,150})")


TITLE_MAX_LENGTH = 150


BODY_MAX_LENGTH = 10_000


MAX_TAGS = 5


def mentioned_members(text):
    """Active members named with @name in `text`."""
    names = {name.rstrip(".") for name in MENTION_RE.findall(text or "")}
    if not names:
        return []
    return list(
        get_user_model().objects.filter(username__in=names, is_active=True, deleted_at__isnull=True)
    )


def link_mentions(text):
    """Turn @name into a Markdown link to that member's profile, for members who exist."""
    members = {member.username for member in mentioned_members(text)}
    if not members:
        return text

    def link(match):
        name = match.group(1).rstrip(".")
        if name not in members:
            return match.group(0)
        trailing = match.group(1)[len(name) :]
        return f"[@{name}](/members/{name}/){trailing}"

    return MENTION_RE.sub(link, text)


class RendersMarkdown(models.Model):
    """Keeps `body_html` (safe HTML, @mentions linked) in step with the Markdown `body`."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.body_html = str(render_markdown(link_mentions(self.body)))
        super().save(*args, **kwargs)


def one_target(prefix, *fields):
    """A check constraint: exactly one of `fields` is set."""
    condition = None
    for field in fields:
        clause = models.Q(**{f"{field}__isnull": False}) & models.Q(
            **{f"{other}__isnull": True for other in fields if other != field}
        )
        condition = clause if condition is None else condition | clause
    return models.CheckConstraint(condition=condition, name=f"{prefix}_one_target")
