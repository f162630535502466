"""Admin report: articles whose medical review is due, oldest first."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.views.reports import PageReportView

from articles.models import FAQIndexPage, MechanismPage

REVIEWED_PAGE_TYPES = (MechanismPage, FAQIndexPage)


def overdue_pages(today=None):
    """Live reviewed pages whose next review date has passed, most overdue first."""
    today = today or timezone.localdate()
    pages = []
    for model in REVIEWED_PAGE_TYPES:
        pages.extend(
            model.objects.live()
            .filter(next_review_due__lt=today)
            .select_related("clinical_reviewer")
            .only(
                "id",
                "title",
                "url_path",
                "next_review_due",
                "last_reviewed",
                "clinical_reviewer__name",
                "clinical_reviewer__credentials",
            )
        )
    return sorted(pages, key=lambda page: (page.next_review_due, page.title))


class OverdueReviewsView(PageReportView):
    """Lists articles past their review date, so editors can book a clinician's check."""

    page_title = "Reviews overdue"
    header_icon = "warning"
    index_url_name = "articles_overdue_reviews"
    index_results_url_name = "articles_overdue_reviews_results"
    results_template_name = "articles/admin/overdue_reviews_results.html"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "next_review_due", "last_reviewed", "clinical_reviewer"]
    export_headings = {
        "title": "Title",
        "next_review_due": "Review was due",
        "last_reviewed": "Last reviewed",
        "clinical_reviewer": "Clinical reviewer",
    }

    def get_filename(self):
        return f"overdue-reviews-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return overdue_pages()

    def filter_queryset(self, queryset):
        return queryset


def evidence_report_counts():
    """Articles that members reported posts as contradicting, with open and total counts."""
    return (
        MechanismPage.objects.annotate(
            open_reports=Count("evidence_reports", filter=Q(evidence_reports__status="open")),
            total_reports=Count("evidence_reports"),
        )
        .filter(total_reports__gt=0)
        .only("id", "title", "slug", "url_path")
        .order_by("-open_reports", "-total_reports", "title")
    )


class EvidenceReportsView(PageReportView):
    """Per article, how many posts members reported as contradicting its evidence.

    Editors use it to see where misunderstandings gather, and which articles might need a
    clearer explanation or a new FAQ.
    """

    page_title = "Posts contradicting the evidence"
    header_icon = "warning"
    index_url_name = "articles_evidence_reports"
    index_results_url_name = "articles_evidence_reports_results"
    results_template_name = "articles/admin/evidence_reports_results.html"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "open_reports", "total_reports"]
    export_headings = {
        "title": "Article",
        "open_reports": "Open reports",
        "total_reports": "All reports",
    }

    def get_filename(self):
        return f"evidence-reports-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return evidence_report_counts()

    def filter_queryset(self, queryset):
        return queryset
