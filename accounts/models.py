"""The portal's user model and the member data that hangs off it.

A custom model from the very first migration, so profile and privacy fields could be added
without the painful swap Django warns about. Wagtail's admin uses it too.
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse

DELETED_MEMBER_NAME = "Deleted member"


class EmailNotifications(models.TextChoices):
    EACH = "each", "An email for each reply"
    DAILY = "daily", "One email a day with everything new"
    NONE = "none", "No emails (I'll check the site)"


class User(AbstractUser):
    """A member of the portal.

    `username` is the public display name: a pseudonym chosen at sign-up and shown next to
    everything the member writes. Members sign in with their email address, which is never
    shown to other members; allauth's EmailAddress table keeps addresses unique, so an
    erased address (account deletion) never collides. A deleted account keeps its row, so
    the posts it wrote stay in their threads under "Deleted member".
    """

    # Named for what it is, so `createsuperuser` and the admin ask for a public display name.
    username = models.CharField(
        "display name (shown to everyone)",
        max_length=150,
        unique=True,
        validators=[AbstractUser.username_validator],
        help_text="The public name shown next to this person's posts: a nickname, not their "
        "real name or email address. Up to 150 letters, digits and @ . + - _.",
        error_messages={"unique": "Someone already uses that display name."},
    )
    bio = models.TextField(
        blank=True,
        max_length=2000,
        help_text="A few words about yourself, shown on your profile. Markdown is allowed.",
    )
    hide_from_search_engines = models.BooleanField(
        default=True,
        help_text="Ask search engines not to list your profile page.",
    )
    email_notifications = models.CharField(
        max_length=10,
        choices=EmailNotifications.choices,
        default=EmailNotifications.EACH,
        help_text="How we tell you about replies to what you follow.",
    )
    notify_mentions = models.BooleanField(
        default=True, help_text="Email me when someone mentions me with @name."
    )
    deleted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the member deleted the account."
    )
    trusted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the member's posts stopped waiting for review: set after enough "
        "approved posts (COMMUNITY_TRUST_THRESHOLD), or by a moderator.",
    )
    reading_preferences = models.JSONField(
        default=dict,
        blank=True,
        help_text="How the member likes pages shown: text size, light or dark colours and "
        "movement (accounts/reading_preferences.py). Copied to every browser they sign in "
        "on; empty until they choose.",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["username"]

    def __str__(self):
        return self.display_name

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def display_name(self):
        """The name shown publicly next to the member's posts."""
        return DELETED_MEMBER_NAME if self.is_deleted else self.username

    def get_absolute_url(self):
        return reverse("members:profile", args=[self.username])


class FormerName(models.Model):
    """A display name a member used before they changed it.

    Kept from everyone else for a while (`reserved_until`), so no one can take the old name
    and pass as its owner, and the owner can take it back. Its owner's profile is found
    under it too. Erased with the account and part of "Download my data".
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(max_length=150, help_text="The display name used before.")
    changed_at = models.DateTimeField(help_text="When the member stopped using it.")
    reserved_until = models.DateTimeField(
        help_text="Until then no one else may take this name, and its profile address leads "
        "to the member's new one."
    )

    class Meta:
        ordering = ["-changed_at"]
        indexes = [models.Index(fields=["name"], name="accounts_former_name_idx")]

    def __str__(self):
        return f"{self.name} (until {self.changed_at:%Y-%m-%d})"


class DataExport(models.Model):
    """A member's "Download my data" file, built in the background for large accounts.

    Kept only until downloaded or a week old; only its owner can fetch it, by an unguessable
    token.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    content = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Data export for {self.user} ({self.get_status_display()})"
