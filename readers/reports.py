"""Admin reports of "Was this page helpful?": counts per article, and the comments.

Editors use them to find the articles readers struggle with and what they found unclear.
Both are newest first and export to CSV or Excel. Comments were masked of email addresses
and phone numbers before they were stored (readers/masking.py), so nothing here can show
them. Shown to the same people as the articles' own reports: those with rights on pages.
"""

import datetime

import django_filters
from django.db.models import Count, Max, Q
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from articles.models import MechanismPage
from readers.models import PageFeedback

EDITORS = ["add", "change", "publish"]


def feedback_per_article():
    """One row per article with answers: its yes, no and comment counts and the date of its
    latest answer, the most recently answered first. One query."""
    return (
        PageFeedback.objects.values("page_id", "page__title")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=~Q(comment="")),
            latest=Max("created_at"),
        )
        .order_by("-latest", "page__title")
    )


class FeedbackSummaryView(ReportView):
    """Per article: how many readers found it helpful, how many did not, and how many wrote
    a comment (each row links to that article's comments)."""

    page_title = "Was this page helpful?"
    header_icon = "help"
    index_url_name = "readers_feedback_summary"
    index_results_url_name = "readers_feedback_summary_results"
    results_template_name = "readers/admin/feedback_summary_results.html"
    permission_policy = PagePermissionPolicy()
    any_permission_required = EDITORS
    list_export = ["page__title", "yes", "no", "comments", "latest"]
    export_headings = {
        "page__title": "Article",
        "yes": "Helpful",
        "no": "Not helpful",
        "comments": "Comments",
        "latest": "Latest answer",
    }

    def get_filename(self):
        return f"page-feedback-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return feedback_per_article()

    def filter_queryset(self, queryset):
        return queryset


class FeedbackFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label="Article",
        queryset=MechanismPage.objects.order_by("title").only("id", "title"),
    )
    helpful = django_filters.BooleanFilter(label="Helpful")

    class Meta:
        model = PageFeedback
        fields = ["page", "helpful"]


class FeedbackCommentsView(ReportView):
    """Every answer, newest first, with its comment: filter by article or by yes and no."""

    page_title = "Page feedback: answers and comments"
    header_icon = "comment"
    index_url_name = "readers_feedback_comments"
    index_results_url_name = "readers_feedback_comments_results"
    results_template_name = "readers/admin/feedback_comments_results.html"
    filterset_class = FeedbackFilterSet
    permission_policy = PagePermissionPolicy()
    any_permission_required = EDITORS
    list_export = ["created_at", "page.title", "answer", "comment"]
    export_headings = {
        "created_at": "Sent",
        "page.title": "Article",
        "answer": "Helpful?",
        "comment": "Comment (personal details masked)",
    }

    def get_filename(self):
        return f"page-feedback-comments-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            PageFeedback.objects.select_related("page")
            .only("created_at", "helpful", "comment", "page__title")
            .order_by("-created_at", "-pk")
        )
