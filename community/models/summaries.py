"""A long discussion's "Summary so far" and "What the evidence says".

A moderator or editor sums a long discussion up for newcomers, with their name and the date,
at the top of the discussion; each change is a new version, so earlier ones are kept. They
can also attach mechanism articles, or one finding ("claim") of an article, shown as cards
with the evidence label, so members see what research says beside what members say.
"""

from django.conf import settings
from django.db import models

from community.models.base import RendersMarkdown

SUMMARY_MAX_LENGTH = 3000


class ThreadSummary(RendersMarkdown):
    """One version of a discussion's summary; the newest is shown."""

    thread = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="summaries")
    body = models.TextField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text="Markdown. What the discussion has said so far, in a few plain sentences.",
    )
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="summaries_written"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "thread summaries"

    def __str__(self):
        return f"Summary of “{self.thread}”"


class ThreadEvidence(models.Model):
    """An article, or one finding in it, attached to a discussion as what the evidence says."""

    thread = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="evidence")
    mechanism = models.ForeignKey(
        "articles.MechanismPage", on_delete=models.CASCADE, related_name="+"
    )
    claim_id = models.CharField(
        max_length=64, blank=True, help_text="A finding of the article; empty for the article."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_added"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "thread evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "mechanism", "claim_id"], name="evidence_once"
            )
        ]

    def __str__(self):
        return f"{self.mechanism} on “{self.thread}”"
