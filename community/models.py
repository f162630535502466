"""Discussion threads and their replies.

Members' Markdown is rendered to safe HTML when it is saved (portal.markdown), so pages never
render Markdown per view. Nothing is ever hard-deleted from the site: deleting or hiding sets
a timestamp, and every edit keeps the previous text in PostEdit.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from taggit.managers import TaggableManager

from portal.markdown import render_markdown

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 10_000
MAX_TAGS = 5


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True)

    def listing(self):
        """Visible threads, pinned first, then by latest activity, ready for a list page."""
        return (
            self.visible()
            .select_related("author")
            .prefetch_related("tags")
            .order_by("-is_pinned", "-last_activity_at", "-pk")
        )


class Thread(models.Model):
    """A discussion a member starts, about one or more mechanism articles."""

    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField(max_length=BODY_MAX_LENGTH, help_text="Markdown, as written.")
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads"
    )
    mechanisms = models.ManyToManyField(
        "articles.MechanismPage", blank=True, related_name="threads"
    )
    tags = TaggableManager(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    reply_count = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["-is_pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = str(render_markdown(self.body))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("community:thread", args=[self.pk, self.slug])

    @property
    def slug(self):
        return slugify(self.title)[:60] or "thread"

    @property
    def is_visible(self):
        return self.deleted_at is None and self.hidden_at is None


class ReplyQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True)


class Reply(models.Model):
    """An answer in a thread, optionally quoting an earlier reply."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(max_length=BODY_MAX_LENGTH, help_text="Markdown, as written.")
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="replies"
    )
    quoted = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self):
        return f"Reply by {self.author} in “{self.thread}”"

    def save(self, *args, **kwargs):
        self.body_html = str(render_markdown(self.body))
        super().save(*args, **kwargs)

    @property
    def is_visible(self):
        return self.deleted_at is None and self.hidden_at is None


class PostEdit(models.Model):
    """The text a thread or reply had before an edit, so no edit loses anything."""

    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="edits"
    )
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="edits"
    )
    previous_title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    previous_body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edited_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread__isnull=False, reply__isnull=True)
                | models.Q(thread__isnull=True, reply__isnull=False),
                name="postedit_one_target",
            )
        ]

    def __str__(self):
        return f"Edit of {self.thread or self.reply} at {self.edited_at:%Y-%m-%d %H:%M}"
