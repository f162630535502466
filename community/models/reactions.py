"""Members' "Helpful" and "Me too" reactions to threads and replies."""

from django.conf import settings
from django.db import models

from community.models.base import one_target


class Reaction(models.Model):
    """ "Helpful" or "Me too" on a thread or reply: one of each kind per member per post."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", "Helpful"
        ME_TOO = "me_too", "Me too"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    thread = models.ForeignKey(
        "Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            one_target("reaction", "thread", "reply"),
            models.UniqueConstraint(
                fields=["user", "thread", "kind"], name="one_reaction_per_thread"
            ),
            models.UniqueConstraint(
                fields=["user", "reply", "kind"], name="one_reaction_per_reply"
            ),
        ]

    def __str__(self):
        return f"{self.user} finds {self.thread or self.reply} {self.get_kind_display().lower()}"
