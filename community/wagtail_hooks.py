"""Community in the admin: the moderation queue and its dashboard panel, rejection reasons
and audit-log actions."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.models import (
    Answer,
    ContentNote,
    Question,
    RejectionReason,
    Reply,
    Report,
    Restriction,
    Thread,
    WordList,
)
from community.permissions import is_moderator
from community.views.queue import ModerationQueueView


class RejectionReasonViewSet(SnippetViewSet):
    model = RejectionReason
    icon = "comment"
    menu_label = "Rejection reasons"
    list_display = ["title", "text"]


class WordListViewSet(SnippetViewSet):
    """Moderators keep the spam, misinformation and crisis word lists up to date."""

    model = WordList
    icon = "warning"
    menu_label = "Word lists"
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]


class ContentNoteViewSet(SnippetViewSet):
    """Moderators keep the list of content notes members choose from when they post."""

    model = ContentNote
    icon = "help"
    menu_label = "Content notes"
    list_display = ["label", "order", "is_active"]


class RestrictionViewSet(SnippetViewSet):
    """Every restriction ever applied, for the record. They are applied and lifted from the
    member's page on the site, so that each goes through community.services.moderation and is logged
    once."""

    model = Restriction
    icon = "lock"
    menu_label = "Member restrictions"
    list_display = ["member", "kind", "reason", "ends_at", "created_by", "lifted_at"]
    list_filter = ["kind"]
    inspect_view_enabled = True
    add_to_admin_menu = False


register_snippet(RejectionReasonViewSet)
register_snippet(WordListViewSet)
register_snippet(ContentNoteViewSet)
register_snippet(RestrictionViewSet)


@hooks.register("register_admin_urls")
def register_queue_url():
    return [path("moderation/", ModerationQueueView.as_view(), name="community_queue")]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        "Moderation queue", reverse("community_queue"), icon_name="warning", order=150
    )


class ModerationQueuePanel(Component):
    """Dashboard, for moderators: how much waits in the moderation queue, with a link."""

    name = "moderation_queue"
    order = 86  # next to the articles' clinical reviews (85)

    def render_html(self, parent_context=None):
        if not is_moderator(parent_context["request"].user):
            return ""
        waiting = {
            "posts": Thread.objects.filter(held_at__isnull=False, deleted_at__isnull=True).count()
            + Reply.objects.filter(held_at__isnull=False, deleted_at__isnull=True).count(),
            "questions": Question.objects.filter(status=Question.Status.PENDING).count()
            + Answer.objects.filter(status=Answer.Status.PENDING).count(),
            "reports": Report.objects.filter(status=Report.Status.OPEN).count(),
        }
        return render_to_string(
            "community/admin/queue_panel.html",
            {**waiting, "total": sum(waiting.values()), "queue_url": reverse("community_queue")},
        )


@hooks.register("construct_homepage_panels")
def add_moderation_queue_panel(request, panels):
    panels.append(ModerationQueuePanel())


@hooks.register("register_log_actions")
def register_community_log_actions(actions):
    for action, label, message in [
        ("community.lock", "Lock thread", "Locked the thread"),
        ("community.unlock", "Unlock thread", "Unlocked the thread"),
        ("community.pin", "Pin thread", "Pinned the thread"),
        ("community.unpin", "Unpin thread", "Unpinned the thread"),
        ("community.retag", "Change tags", "Changed the thread's tags"),
        ("community.hide", "Hide post", "Hid the post, closed its reports and told its author"),
        ("community.restore", "Restore post", "Restored the post"),
        ("community.approve", "Approve", "Approved and published"),
        ("community.reject", "Reject", "Rejected, with a reason for the member"),
        ("community.clinician_reviewed", "Clinician reviewed", "Marked as reviewed by a clinician"),
        ("community.report_dismissed", "Dismiss report", "Dismissed the reports on a post"),
        ("community.report_actioned", "Act on report", "Hid a reported post"),
        ("community.premoderate", "Pre-moderate thread", "Put the thread under pre-moderation"),
        ("community.end_premoderation", "End pre-moderation", "Ended the thread's pre-moderation"),
        ("community.restrict", "Restrict member", "Restricted a member"),
        ("community.lift", "Lift restriction", "Lifted a member's restriction"),
        ("community.resubmit", "Resubmit post", "The author changed and resent the post"),
        ("community.promote_faq", "Promote to FAQ", "Added to an article's FAQs for review"),
        ("community.faq_erased", "FAQ entry erased", "Took out an FAQ entry its author erased"),
        ("community.duplicate", "Close as duplicate", "Closed as a duplicate of another question"),
        ("community.mute", "Mute member", "A member muted another member"),
        ("community.unmute", "Unmute member", "A member unmuted another member"),
        ("community.note", "Note on member", "A moderator wrote a private note on a member"),
        ("community.reveal_author", "See who wrote", "A moderator looked at who wrote a post"),
        ("community.summary", "Summary so far", "Wrote a new version of the summary"),
        ("community.evidence", "What the evidence says", "Changed the evidence shown"),
    ]:
        actions.register_action(action, label, message)
