"""Moderators' private notes on a member: what one moderator wants the next to know.

"Talked kindly by email about sharing doses; understood." A short, dated note with its
author, seen only by moderators: on the member's page and beside the member's history in
the moderation queue. Never shown or exported to the member (community.contributions says
why), and kept with the anonymised account when it is deleted, like restrictions.
"""

from django.conf import settings
from django.db import models

NOTE_MAX_LENGTH = 2000


class MemberNote(models.Model):
    """A moderator's private note about a member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes_written"
    )
    text = models.TextField(
        max_length=NOTE_MAX_LENGTH,
        help_text="Seen only by moderators. Write what the next moderator should know.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Note on {self.member} by {self.author}"
