"""Discussion threads and their replies, and the rules for which replies a reader sees."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from taggit.managers import TaggableManager
from wagtail.search import index

from community.models.base import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, RendersMarkdown
from community.models.content_notes import HasContentNote
from community.models.moderation import Holdable
from community.models.without_name import MayBeWithoutName


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True, held_at__isnull=True)

    def listing(self):
        """Visible threads, pinned first, then by latest activity, ready for a list page."""
        return (
            self.visible()
            .select_related("author")
            .prefetch_related("tags")
            .order_by("-is_pinned", "-last_activity_at", "-pk")
        )


class Thread(index.Indexed, Holdable, HasContentNote, MayBeWithoutName, RendersMarkdown):
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
    is_premoderated = models.BooleanField(
        default=False, help_text="Every new reply waits for a moderator while this is on."
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = ThreadQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.FilterField("deleted_at"),
        index.FilterField("hidden_at"),
        index.FilterField("held_at"),
    ]

    class Meta:
        indexes = [models.Index(fields=["-is_pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:thread", args=[self.pk, self.slug])

    @property
    def slug(self):
        return slugify(self.title)[:60] or "thread"

    @property
    def is_visible(self):
        return self.deleted_at is None and self.hidden_at is None and self.held_at is None


class ReplyQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True, held_at__isnull=True)

    def shown_to(self, user, *, moderator):
        """The replies a reader sees on a thread's pages: moderators every one not deleted
        (held and hidden ones with their tools), others the visible ones and their own that
        await a moderator. The one rule the thread page, its page numbers and a reply's
        address share, so a reply is always on the page it is said to be on."""
        replies = self.filter(deleted_at__isnull=True)
        if moderator:
            return replies
        return replies.filter(hidden_at__isnull=True).filter(
            models.Q(held_at__isnull=True) | models.Q(author_id=user.pk or 0)
        )

    def before(self, reply):
        """Those that come before `reply` on its thread's pages (by time posted, then number).
        Replies posted later never change this, so a reply's page never does either."""
        return self.filter(
            models.Q(created_at__lt=reply.created_at)
            | models.Q(created_at=reply.created_at, pk__lt=reply.pk)
        )


class Reply(index.Indexed, Holdable, HasContentNote, RendersMarkdown):
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

    search_fields = [
        index.SearchField("body"),
        index.FilterField("deleted_at"),
        index.FilterField("hidden_at"),
        index.FilterField("held_at"),
    ]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self):
        return f"Reply by {self.author} in “{self.thread}”"

    def get_absolute_url(self):
        return self.url_for(self.pk)

    @staticmethod
    def url_for(pk):
        """A reply's lasting address, from its number alone (no query for the reply): it
        sends the reader to the page of its discussion that holds it
        (community.views.discussions.reply_link), wherever later replies have put it."""
        return reverse("community:reply_link", args=[pk])

    def is_shown_to(self, user, *, moderator):
        """Whether this reply is on its thread's pages for this reader (as `shown_to`)."""
        if self.deleted_at is not None:
            return False
        if moderator:
            return True
        return self.hidden_at is None and (self.held_at is None or self.author_id == user.pk)

    @property
    def is_visible(self):
        return self.deleted_at is None and self.hidden_at is None and self.held_at is None
