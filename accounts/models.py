"""The portal's user model.

A custom model from the very first migration, so that profile and privacy fields can be
added later without the painful swap Django warns about. Wagtail's admin uses it too.
"""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A member of the portal.

    `username` is the public display name: a pseudonym chosen at sign-up and shown next to
    everything the member writes. Members sign in with their email address, which is never
    shown to other members; allauth's EmailAddress table keeps addresses unique, so an
    erased address (account deletion) never collides.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["username"]

    def __str__(self):
        return self.username

    @property
    def display_name(self):
        """The name shown publicly next to the member's posts."""
        return self.username
