"""Muting: a member chooses not to see another member's posts, or hear from them.

Some days one voice is too much. Muting folds that member's posts away for the muter alone
("You muted this member: show"), and stops their replies and @mentions notifying the muter.
The muted member is never told. Moderators cannot be muted: their notices and their place
in the moderation views stay whole.
"""

from django.conf import settings
from django.db import models


class MutedMember(models.Model):
    """`muter` does not want to see `muted`'s posts unfolded, nor hear from them."""

    muter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_made"
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_once"),
            models.CheckConstraint(
                condition=~models.Q(muter=models.F("muted")), name="no_muting_oneself"
            ),
        ]

    def __str__(self):
        return f"{self.muter} muted {self.muted}"
