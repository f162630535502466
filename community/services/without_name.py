"""Posting without your name: what a moderator does to see who wrote such a post.

Who wrote a discussion or question posted "without my name" is shown to no one but its
author, until a moderator asks: each time one does, it is recorded once in the audit log,
so looking is never silent. Looking changes no page.
"""

import logging

from wagtail.log_actions import log

from community.models import Question, Thread
from community.permissions import is_moderator

logger = logging.getLogger(__name__)


class RevealError(Exception):
    """Only moderators may see who wrote a post without a name."""


def reveal_author(moderator, post):
    """The author of `post` (a discussion or question posted without a name), for a
    moderator, with the look recorded in the audit log."""
    if not is_moderator(moderator):
        raise RevealError("Only moderators can see who wrote this.")
    if not isinstance(post, Thread | Question) or not post.without_name:
        raise RevealError("This post shows its author's name already.")
    log(
        instance=post,
        action="community.reveal_author",
        user=moderator,
        data={"reason": "A moderator looked at who wrote a post shown without a name"},
    )
    kind = post._meta.model_name
    logger.info("Moderator %s looked at who wrote %s %s", moderator.pk, kind, post.pk)
    return post.author
