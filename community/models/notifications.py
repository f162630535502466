"""What members follow (threads, tags, articles) and what they are told about."""

from django.conf import settings
from django.db import models

from community.models.base import one_target
from community.models.discussions import Reply, Thread


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
            one_target("subscription", "thread", "tag", "mechanism"),
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
    email_after = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Its email waits for the member's quiet hours to end: sent by "
        "send_waiting_mail once this time has passed (then emailed_at is set).",
    )

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
