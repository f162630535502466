"""The "Was this page helpful?" reports in the Wagtail admin (readers/reports.py), under
Reports, for the people with rights on pages."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from readers.reports import EDITORS, FeedbackCommentsView, FeedbackSummaryView


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    return [
        path(
            "reports/page-feedback/",
            FeedbackSummaryView.as_view(),
            name="readers_feedback_summary",
        ),
        path(
            "reports/page-feedback/results/",
            FeedbackSummaryView.as_view(results_only=True),
            name="readers_feedback_summary_results",
        ),
        path(
            "reports/page-feedback/comments/",
            FeedbackCommentsView.as_view(),
            name="readers_feedback_comments",
        ),
        path(
            "reports/page-feedback/comments/results/",
            FeedbackCommentsView.as_view(results_only=True),
            name="readers_feedback_comments_results",
        ),
    ]


class EditorsMenuItem(MenuItem):
    """Shown to the same people the reports let in: those with rights on pages."""

    def is_shown(self, request):
        return FeedbackSummaryView.permission_policy.user_has_any_permission(request.user, EDITORS)


@hooks.register("register_reports_menu_item")
def register_feedback_summary_menu_item():
    return EditorsMenuItem(
        "Was this page helpful?",
        reverse("readers_feedback_summary"),
        name="page-feedback",
        icon_name="help",
        order=70,
    )


@hooks.register("register_reports_menu_item")
def register_feedback_comments_menu_item():
    return EditorsMenuItem(
        "Page feedback comments",
        reverse("readers_feedback_comments"),
        name="page-feedback-comments",
        icon_name="comment",
        order=71,
    )
