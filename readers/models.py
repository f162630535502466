"""What readers keep from the articles: saved articles, appointment sheets, and answers to
"Was this page helpful?".

Saved articles and sheets belong to a member (exported and erased with the account:
readers/contributions.py). Feedback is anonymous on purpose: it has no link to anyone.
None of these change what a page shows, so saving them never moves the page generation.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format

COMMENT_MAX_LENGTH = 500
QUESTIONS_MAX_LENGTH = 3000
SECTION_MAX_LENGTH = 200
ANCHOR_MAX_LENGTH = 100


class SavedArticle(models.Model):
    """An article a member saved to read later, and the last section they reached in it.

    Tired readers lose their place; this lets them find the article again and pick up
    where they stopped ("Continue reading" on the home page).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_articles",
        help_text="The member who saved the article.",
    )
    page = models.ForeignKey(
        "articles.MechanismPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The saved article.",
    )
    saved_at = models.DateTimeField(default=timezone.now, help_text="When it was saved.")
    section = models.CharField(
        max_length=SECTION_MAX_LENGTH,
        blank=True,
        help_text="The heading of the last section the member scrolled past.",
    )
    anchor = models.CharField(
        max_length=ANCHOR_MAX_LENGTH,
        blank=True,
        help_text="Where that heading is on the page (the part of the address after #).",
    )
    read_at = models.DateTimeField(
        null=True, blank=True, help_text="When the member last read the article."
    )

    class Meta:
        ordering = ["-saved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="readers_saved_once"),
        ]

    def __str__(self):
        return f"{self.page_id} saved by {self.user_id}"


class AppointmentSheet(models.Model):
    """A member's saved appointment sheet: the articles and questions they chose, kept so
    they can open, print or change it again before their next appointment.

    Visitors' sheets are never stored: they live only in the address of the sheet.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="appointment_sheets",
        help_text="The member who saved the sheet.",
    )
    name = models.CharField(
        max_length=120,
        blank=True,
        help_text="A name the member gave it, such as the appointment it is for.",
    )
    pages = models.ManyToManyField(
        "articles.MechanismPage",
        blank=True,
        related_name="+",
        help_text="The articles on the sheet.",
    )
    questions = models.TextField(
        max_length=QUESTIONS_MAX_LENGTH,
        blank=True,
        help_text="The member's own questions, one per line.",
    )
    created_at = models.DateTimeField(default=timezone.now, help_text="When it was saved.")
    updated_at = models.DateTimeField(default=timezone.now, help_text="When it last changed.")

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.name or f"Appointment sheet of {date_format(self.created_at, 'j F Y')}"

    def question_lines(self):
        return question_lines(self.questions)


def question_lines(text):
    """The questions in `text`, one per line, blank lines left out."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PageFeedback(models.Model):
    """One anonymous answer to "Was this page helpful?" at the end of an article.

    Editors read the counts and comments per article (the admin report) to find pages that
    need clearer words. No account, address or cookie is kept with it, and email addresses
    and phone numbers in a comment are masked before it is stored.
    """

    page = models.ForeignKey(
        "articles.MechanismPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The article the answer is about.",
    )
    helpful = models.BooleanField(help_text="Whether the reader found the page helpful.")
    comment = models.TextField(
        max_length=COMMENT_MAX_LENGTH,
        blank=True,
        help_text="What the reader added, with personal details masked.",
    )
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When the answer was sent."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self):
        return f"{self.answer} on {self.page_id}"

    @property
    def answer(self):
        return "Yes" if self.helpful else "No"
