"""The portal's user model and the member data that hangs off it.

A custom model from the very first migration, so profile and privacy fields could be added
without the painful swap Django warns about. Wagtail's admin uses it too.
"""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

DELETED_MEMBER_NAME = "Deleted member"


class EmailNotifications(models.TextChoices):
    EACH = "each", "An email for each reply"
    DAILY = "daily", "One email a day with everything new"
    WEEKLY = "weekly", "One email a week with everything new"
    NONE = "none", "No emails (I'll check the site)"


def default_time_zone():
    """The site's own time zone, until a member chooses theirs."""
    return settings.TIME_ZONE


def validate_time_zone(name):
    """A time zone name the computer knows (IANA, such as "Europe/Paris")."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError("Choose your time zone from the list.") from error


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
    quiet_hours_start = models.TimeField(
        null=True,
        blank=True,
        help_text="From this time no email is sent (in the member's time zone). Empty: no "
        "quiet hours.",
    )
    quiet_hours_end = models.TimeField(
        null=True,
        blank=True,
        help_text="Email waiting during quiet hours is sent from this time. It may be on the "
        "next morning, such as 21:00 to 08:00.",
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="Where the member lives, as a time zone name such as Europe/London: quiet "
        "hours follow it.",
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

    def quiet_hours_end_after(self, now):
        """When the quiet hours the member is in at `now` end, or None if they are not in
        quiet hours (or chose none). A span may cross midnight, e.g. 21:00 to 08:00."""
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if start is None or end is None or start == end:
            return None
        try:
            zone = zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        local = now.astimezone(zone)
        moment = local.time().replace(tzinfo=None)
        if start < end:
            quiet, ends_on = start <= moment < end, local.date()
        elif moment >= start:  # evening part of a span across midnight: it ends tomorrow
            quiet, ends_on = True, local.date() + datetime.timedelta(days=1)
        else:
            quiet, ends_on = moment < end, local.date()
        if not quiet:
            return None
        return datetime.datetime.combine(ends_on, end, tzinfo=zone).astimezone(datetime.UTC)


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
