"""What moderators work with: holds on posts, reports, restrictions on members, word lists,
ready-made rejection reasons and the text a post had before each edit.

Nothing is ever hard-deleted from the site: deleting or hiding sets a timestamp, and every
edit keeps the previous text in PostEdit.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from community.models.base import TITLE_MAX_LENGTH, one_target


class HoldReason(models.TextChoices):
    """Why a post waits for a moderator before others see it."""

    NEW_MEMBER = "new_member", "New member"
    PREMODERATED = "premoderated", "Under pre-moderation"
    WORD_LIST = "word_list", "Matched the word list"
    PERSONAL_DETAILS = "personal_details", "Personal details"
    CRISIS = "crisis", "Crisis words"
    WITHOUT_NAME = "without_name", "Posted without a name"
    RESUBMITTED = "resubmitted", "Sent again after a moderator set it aside"


class Holdable(models.Model):
    """A post that the community rules can hold for review (see community.services.rules)."""

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


class PostEdit(models.Model):
    """The text a thread or reply had before an edit, so no edit loses anything."""

    thread = models.ForeignKey(
        "Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="edits"
    )
    reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="edits"
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
        return f"Edit of {self.target} at {self.edited_at:%Y-%m-%d %H:%M}"


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
        "Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
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
        constraints = [one_target("report", "thread", "reply")]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.get_reason_display()} report on {self.target}"

    @property
    def target(self):
        return self.thread or self.reply


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

    def stops_posting_message(self):
        """What a suspended or banned member reads where they would post, and if they try."""
        until = (
            f" until {timezone.localtime(self.ends_at):%-d %B %Y, %H:%M}" if self.ends_at else ""
        )
        what = "suspended" if self.kind == self.Kind.SUSPEND else "banned"
        return (
            f"A moderator has {what} you from posting{until}. The reason given: "
            f"{self.reason} You can still read everything and follow discussions."
        )

    @property
    def label(self):
        return self.get_kind_display().split(" (")[0]
