"""Content notes: a few words before a post that may be hard to read today.

A member may put a note on a discussion or reply ("Self-harm", "Medication doses", or a few
words of their own); the post then shows folded behind its note, for everyone, and opens
with one tap. Moderators keep the list of notes (Snippets › Content notes). Each member may
choose notes they always want open, or posts they never want to see unfolded
(ContentNoteChoice, on /community/content-notes/).
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel

CONTENT_NOTE_MAX_LENGTH = 60


class ContentNote(models.Model):
    """One note members can choose from when they post."""

    label = models.CharField(
        max_length=CONTENT_NOTE_MAX_LENGTH,
        unique=True,
        help_text="A few plain words, shown before the post: e.g. “Medication doses”.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Smaller numbers come first in the list members choose from."
    )
    is_active = models.BooleanField(
        default=True,
        help_text="Untick to stop offering this note. Posts that have it keep it.",
    )

    panels = [FieldPanel("label"), FieldPanel("order"), FieldPanel("is_active")]

    class Meta:
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class ContentNoteChoice(models.Model):
    """A member's standing choice for one note: always open, or always hidden."""

    class Choice(models.TextChoices):
        OPEN = "open", "Always show these posts open"
        HIDE = "hide", "Always hide these posts"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="content_note_choices"
    )
    note = models.ForeignKey(ContentNote, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=4, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "note"], name="one_choice_per_note"),
        ]

    def __str__(self):
        return f"{self.user}: {self.note} ({self.get_choice_display()})"


class HasContentNote(models.Model):
    """What a post with a content note keeps: the words shown, and which listed note it is
    (none for "other"), so a member's standing choices apply to it."""

    content_note = models.CharField(
        max_length=CONTENT_NOTE_MAX_LENGTH,
        blank=True,
        help_text="Shown before the post, which is folded behind it.",
    )
    content_note_kind = models.ForeignKey(
        ContentNote, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
