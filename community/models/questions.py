"""Questions about the science and their answers, each checked by a moderator as needed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from taggit.managers import TaggableManager
from wagtail.search import index

from community.models.base import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, RendersMarkdown
from community.models.moderation import Holdable
from community.models.without_name import MayBeWithoutName


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)


class Question(index.Indexed, Holdable, MayBeWithoutName, RendersMarkdown):
    """A question about the science, checked by a moderator before anyone else sees it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Not published"
        DUPLICATE = "duplicate", "Closed as a duplicate"

    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField(max_length=BODY_MAX_LENGTH, blank=True)
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="questions"
    )
    mechanisms = models.ManyToManyField(
        "articles.MechanismPage", blank=True, related_name="questions"
    )
    tags = TaggableManager(blank=True, related_name="questions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.CharField(max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    answer_count = models.PositiveIntegerField(default=0)
    has_accepted_answer = models.BooleanField(default=False)
    faq_page = models.ForeignKey(
        "articles.MechanismPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted_questions",
        help_text="The article this question was promoted to as an FAQ entry.",
    )
    faq_block_id = models.CharField(max_length=36, blank=True, editable=False)
    promoted_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("answer_count"),
    ]

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:question", args=[self.pk, self.slug])

    def live_faq_url(self):
        """The FAQ entry's address once the promoted entry is published, else None."""
        page = self.faq_page
        if page is None or not page.live or not self.faq_block_id:
            return None
        if any(block.id == self.faq_block_id for block in page.faqs):
            return f"{page.url}#faq-{self.faq_block_id}"
        return None

    @property
    def slug(self):
        return slugify(self.title)[:60] or "question"


class Answer(Holdable, RendersMarkdown):
    """An answer to a question; held for review while its author is new."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Not published"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="answers"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.CharField(max_length=500, blank=True)
    is_accepted = models.BooleanField(default=False)
    clinician_reviewed = models.BooleanField(
        default=False, help_text="A clinical reviewer has checked this answer."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_accepted", "-clinician_reviewed", "created_at"]

    def __str__(self):
        return f"Answer by {self.author} to “{self.question}”"
