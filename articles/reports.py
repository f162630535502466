"""Admin report: articles whose medical review is due, oldest first."""

import datetime

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
