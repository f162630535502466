"""Posting without your name: a discussion or question shown as by "A member".

Some things are easier to ask when no one knows it is you. Such a post always waits for a
moderator first; its author still sees it as theirs and can change or delete it; moderators
can see who wrote it, and each time one looks it is recorded in the audit log
(community.services.without_name). It never shows on the author's public page.
"""

from django.db import models

A_MEMBER = "A member"


class MayBeWithoutName(models.Model):
    """A post its author may publish without their name."""

    without_name = models.BooleanField(
        default=False,
        help_text="Shown as “A member”. Only moderators can see who wrote it, and each look "
        "is recorded.",
    )

    class Meta:
        abstract = True

    @property
    def byline(self):
        """The name shown with the post to readers."""
        return A_MEMBER if self.without_name else self.author.display_name
