"""Community in the admin: the moderation queue, rejection reasons and audit-log actions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.models import RejectionReason
from community.permissions import is_moderator


class RejectionReasonViewSet(SnippetViewSet):
    model = RejectionReason
    icon = "comment"
    menu_label = "Rejection reasons"
    list_display = ["title", "text"]


register_snippet(RejectionReasonViewSet)


@hooks.register("register_admin_urls")
def register_queue_url():
    from community.admin_views import ModerationQueueView

    return [path("moderation/", ModerationQueueView.as_view(), name="community_queue")]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        "Moderation queue", reverse("community_queue"), icon_name="warning", order=150
    )


@hooks.register("register_log_actions")
def register_community_log_actions(actions):
    for action, label, message in [
        ("community.lock", "Lock thread", "Locked the thread"),
        ("community.unlock", "Unlock thread", "Unlocked the thread"),
        ("community.pin", "Pin thread", "Pinned the thread"),
        ("community.unpin", "Unpin thread", "Unpinned the thread"),
        ("community.retag", "Change tags", "Changed the thread's tags"),
        ("community.hide", "Hide post", "Hid the post"),
        ("community.restore", "Restore post", "Restored the post"),
        ("community.approve", "Approve", "Approved and published"),
        ("community.reject", "Reject", "Rejected, with a reason for the member"),
        ("community.clinician_reviewed", "Clinician reviewed", "Marked as reviewed by a clinician"),
        ("community.report_dismissed", "Dismiss report", "Dismissed the reports on a post"),
        ("community.report_actioned", "Act on report", "Hid a reported post"),
    ]:
        actions.register_action(action, label, message)
