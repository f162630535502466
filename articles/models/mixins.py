"""Model mixins shared by article page types."""

import datetime

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

REVIEW_INTERVAL = datetime.timedelta(days=365)


class MedicalReviewMixin(models.Model):
    """Who wrote an article, which clinician checked it, and when it must be checked again.

    Patients need to know health information is current; editors need a list of what is
    overdue. Both read these fields.
    """

    author = models.ForeignKey(
        "articles.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote this article.",
    )
    clinical_reviewer = models.ForeignKey(
        "articles.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinician who checked this article for accuracy.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="The date the clinical reviewer last checked the whole article.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the article must be checked again. Leave empty for one year after "
        "the last review.",
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("clinical_reviewer"),
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
            ],
            heading="Medical review",
        )
    ]

    class Meta:
        abstract = True

    def fill_next_review_due(self):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = self.last_reviewed + REVIEW_INTERVAL

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())
