"""Drafts: what a member was writing, kept on the server so that nothing is lost.

On a bad day a tab gets closed, a battery runs out or a member simply has to stop. Each form
that posts (a new discussion, a reply, a question, an answer) keeps its text as a draft while
the member types (static/js/drafts.js) or when they press "Save draft", and gives it back
when they open the same form again. Drafts are private: only their author ever sees them.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from community.models.base import BODY_MAX_LENGTH, TITLE_MAX_LENGTH


class Draft(models.Model):
    """One unfinished post of one member, for one form (`form_key` says which form)."""

    class Kind(models.TextChoices):
        THREAD = "thread", "New discussion"
        REPLY = "reply", "Reply"
        QUESTION = "question", "Question"
        ANSWER = "answer", "Answer"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_drafts"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Which form: "thread", "question", "reply:<thread id>" or "answer:<question id>".
    form_key = models.CharField(max_length=40, editable=False)
    thread = models.ForeignKey(
        "Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(
        "Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    body = models.TextField(max_length=BODY_MAX_LENGTH, blank=True)
    # The form's other choices, as typed: topics, ticked articles, a content note.
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["author", "form_key"], name="one_draft_per_form"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} draft by {self.author}"

    @staticmethod
    def key_for(kind, target=None):
        """The form a draft belongs to: one per kind, and per discussion or question."""
        return kind if target is None else f"{kind}:{target.pk}"

    def form_url(self):
        """Where the form that gives this draft back is."""
        if self.kind == self.Kind.THREAD:
            return reverse("community:new")
        if self.kind == self.Kind.QUESTION:
            return reverse("community:ask")
        if self.kind == self.Kind.REPLY:
            return f"{self.thread.get_absolute_url()}#reply-form"
        return f"{self.question.get_absolute_url()}#answer-heading"

    def about(self):
        """What the draft is for, in words: "Reply to “Sleep and pain”"."""
        if self.kind == self.Kind.REPLY:
            return f"Reply to “{self.thread.title}”"
        if self.kind == self.Kind.ANSWER:
            return f"Answer to “{self.question.title}”"
        return self.get_kind_display()
