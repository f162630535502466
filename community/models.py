"""Discussion threads and their replies.

Members' Markdown is rendered to safe HTML when it is saved (common.markdown), so pages never
render Markdown per view. Nothing is ever hard-deleted from the site: deleting or hiding sets
a timestamp, and every edit keeps the previous text in PostEdit.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

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


class HoldReason(models.TextChoices):
    """Why a post waits for a moderator before others see it."""

    NEW_MEMBER = "new_member", "New member"
    PREMODERATED = "premoderated", "Under pre-moderation"
    WORD_LIST = "word_list", "Matched the word list"
    PERSONAL_DETAILS = "personal_details", "Personal details"
    CRISIS = "crisis", "Crisis words"


class Holdable(models.Model):
    """A post that the community rules can hold for review (see community.rules)."""

    held_at = models.DateTimeField(null=True, blank=True, db_index=True)
    hold_reason = models.CharField(max_length=20, choices=HoldReason.choices, blank=True)
    hold_detail = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def is_held(self):
        return self.held_at is not None

    @property
    def is_crisis(self):
        return self.hold_reason == HoldReason.CRISIS


class RendersMarkdown(models.Model):
    """Keeps `body_html` (safe HTML, @mentions linked) in step with the Markdown `body`."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.body_html = str(render_markdown(link_mentions(self.body)))
        super().save(*args, **kwargs)


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


class Thread(index.Indexed, Holdable, RendersMarkdown):
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


class Reply(index.Indexed, Holdable, RendersMarkdown):
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
        (community.views.reply_link), wherever later replies have put it."""
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


def _one_target(prefix, *fields):
    """A check constraint: exactly one of `fields` is set."""
    condition = None
    for field in fields:
        clause = models.Q(**{f"{field}__isnull": False}) & models.Q(
            **{f"{other}__isnull": True for other in fields if other != field}
        )
        condition = clause if condition is None else condition | clause
    return models.CheckConstraint(condition=condition, name=f"{prefix}_one_target")


class Subscription(models.Model):
    """A member follows a thread, a tag or a mechanism article, to hear about new replies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    tag = models.ForeignKey(
        "taggit.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    mechanism = models.ForeignKey(
        "articles.MechanismPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            _one_target("subscription", "thread", "tag", "mechanism"),
            models.UniqueConstraint(fields=["user", "thread"], name="unique_thread_subscription"),
            models.UniqueConstraint(fields=["user", "tag"], name="unique_tag_subscription"),
            models.UniqueConstraint(
                fields=["user", "mechanism"], name="unique_mechanism_subscription"
            ),
        ]

    def __str__(self):
        return f"{self.user} follows {self.thread or self.tag or self.mechanism}"


class Notification(models.Model):
    """Something new for a member: a reply where they follow, or a mention."""

    class Kind(models.TextChoices):
        REPLY = "reply", "New reply"
        MENTION = "mention", "Mentioned you"
        DECISION = "decision", "A moderator's decision"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(
        "Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(
        max_length=600, blank=True, help_text="For decisions: what happened, and why."
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user}: “{self.subject}”"

    def get_absolute_url(self):
        if self.question_id:
            anchor = f"#answer-{self.answer_id}" if self.answer_id else ""
            return f"{self.question.get_absolute_url()}{anchor}"
        if self.reply_id:
            return Reply.url_for(self.reply_id)
        return self.thread.get_absolute_url() if self.thread_id else None

    @property
    def subject(self):
        return self.thread or self.question


class Report(models.Model):
    """A member asks moderators to look at a thread or reply."""

    class Reason(models.TextChoices):
        MISINFORMATION = "misinformation", "Misinformation"
        CONTRADICTS_EVIDENCE = "contradicts", "Contradicts the evidence"
        UNKIND = "unkind", "Unkind or harassing"
        SPAM = "spam", "Spam or advertising"
        PERSONAL_DETAILS = "personal_details", "Shares personal details"
        CRISIS = "crisis", "Someone may be in crisis"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACTIONED = "actioned", "Acted on"
        DISMISSED = "dismissed", "Dismissed"

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(max_length=1000, blank=True)
    mechanism = models.ForeignKey(
        "articles.MechanismPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_reports",
        help_text="For “contradicts the evidence”: the article whose evidence it contradicts.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [_one_target("report", "thread", "reply")]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.get_reason_display()} report on {self.thread or self.reply}"

    @property
    def target(self):
        return self.thread or self.reply


class Reaction(models.Model):
    """ "Helpful" or "Me too" on a thread or reply: one of each kind per member per post."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", "Helpful"
        ME_TOO = "me_too", "Me too"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            _one_target("reaction", "thread", "reply"),
            models.UniqueConstraint(
                fields=["user", "thread", "kind"], name="one_reaction_per_thread"
            ),
            models.UniqueConstraint(
                fields=["user", "reply", "kind"], name="one_reaction_per_reply"
            ),
        ]

    def __str__(self):
        return f"{self.user} finds {self.thread or self.reply} {self.get_kind_display().lower()}"


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)


class Question(index.Indexed, Holdable, RendersMarkdown):
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


class RejectionReason(models.Model):
    """A ready-made, kindly worded reason moderators pick when they do not publish a post."""

    title = models.CharField(max_length=80, help_text="A short name moderators pick from.")
    text = models.CharField(
        max_length=500, help_text="What the member reads. Be kind and say what to change."
    )

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class WordList(models.Model):
    """Words and phrases that hold a post for a moderator before anyone else sees it.

    Spam and misinformation lists hold quietly; a crisis list also shows the author where to
    get help at once and puts the post at the top of the moderation queue.
    """

    class Kind(models.TextChoices):
        SPAM = "spam", "Spam"
        MISINFORMATION = "misinformation", "Misinformation claims"
        CRISIS = "crisis", "Crisis (shows help at once, top of the queue)"

    name = models.CharField(max_length=80, help_text="What moderators call this list.")
    kind = models.CharField(
        max_length=20, choices=Kind.choices, help_text="What happens when a post matches."
    )
    words = models.TextField(
        help_text="One word or phrase per line. Matching ignores case and whole words only: "
        "“cure” matches “Cure!” but not “secure”."
    )
    is_active = models.BooleanField(default=True, help_text="Untick to stop using this list.")

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("words"), FieldPanel("is_active")]

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def phrases(self):
        return [line.strip() for line in self.words.splitlines() if line.strip()]


class RestrictionQuerySet(models.QuerySet):
    def active(self):
        from django.utils import timezone

        now = timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class Restriction(models.Model):
    """A moderator's limit on one member: pre-moderation, a suspension or a ban.

    The member sees the reason whenever they try to post. Lifting keeps the row, so the
    history stays complete.
    """

    class Kind(models.TextChoices):
        PREMODERATE = "premoderate", "Pre-moderation (posts wait for a moderator)"
        SUSPEND = "suspend", "Suspension (no posting until it ends)"
        BAN = "ban", "Ban (no posting)"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="restrictions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    reason = models.CharField(max_length=500, help_text="The member reads this.")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty: until lifted.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.label} for {self.member}"

    @property
    def label(self):
        return self.get_kind_display().split(" (")[0]
