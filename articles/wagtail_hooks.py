"""Admin wiring: snippet viewsets, the overdue-review report and its dashboard panel."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from articles.importer.service import IMPORT_LOG_ACTION
from articles.importer.views import ImportArticleView, sections_user_can_add_to
from articles.models import GlossaryTerm, Person, Reference
from articles.reports import EvidenceReportsView, OverdueReviewsView, overdue_pages
from articles.richtext import PublicPageLinkHandler
from articles.workflows import pending_clinical_reviews


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "credentials", "role"]
    search_fields = ["name"]


class ReferenceViewSet(SnippetViewSet):
    model = Reference
    icon = "doc-full"
    menu_label = "References"
    list_display = ["__str__", "doi", "pubmed_id"]
    search_fields = ["citation"]


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    list_display = ["term", "slug", "mechanism_page"]
    search_fields = ["term", "definition"]
    ordering = ["term"]


class ArticleSnippets(SnippetViewSetGroup):
    """One "Articles library" menu for what articles share."""

    items = (GlossaryTermViewSet, ReferenceViewSet, PersonViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Articles library"
    menu_name = "articles-library"
    menu_order = 250


register_snippet(ArticleSnippets)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("import-article/", ImportArticleView.as_view(), name="articles_import"),
        path(
            "reports/overdue-reviews/",
            OverdueReviewsView.as_view(),
            name="articles_overdue_reviews",
        ),
        path(
            "reports/overdue-reviews/results/",
            OverdueReviewsView.as_view(results_only=True),
            name="articles_overdue_reviews_results",
        ),
        path(
            "reports/evidence-reports/",
            EvidenceReportsView.as_view(),
            name="articles_evidence_reports",
        ),
        path(
            "reports/evidence-reports/results/",
            EvidenceReportsView.as_view(results_only=True),
            name="articles_evidence_reports_results",
        ),
    ]


class OverdueReviewsMenuItem(MenuItem):
    """Shown to the same people the report lets in: those with rights on pages."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, OverdueReviewsView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_evidence_reports_menu_item():
    return OverdueReviewsMenuItem(
        "Posts contradicting evidence",
        reverse("articles_evidence_reports"),
        name="evidence-reports",
        icon_name="warning",
        order=60,
    )


@hooks.register("register_reports_menu_item")
def register_overdue_reviews_menu_item():
    return OverdueReviewsMenuItem(
        "Reviews overdue",
        reverse("articles_overdue_reviews"),
        name="overdue-reviews",
        icon_name="warning",
        order=50,
    )


class OverdueReviewsPanel(Component):
    """Dashboard reminder: how many articles are past their review date."""

    name = "overdue_reviews"
    order = 90

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        if not OverdueReviewsMenuItem("", "").is_shown(request):
            return ""
        pages = overdue_pages()
        return render_to_string(
            "articles/admin/overdue_reviews_panel.html",
            {
                "pages": pages[:5],
                "count": len(pages),
                "report_url": reverse("articles_overdue_reviews"),
            },
        )


class PendingClinicalReviewsPanel(Component):
    """Dashboard: how many articles wait for a clinician's sign-off, the oldest first.

    The community's moderation queue is counted by the community app, which articles may
    not import (the layers in pyproject.toml)."""

    name = "pending_clinical_reviews"
    order = 85
    shown = 5

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        if not OverdueReviewsMenuItem("", "").is_shown(request):
            return ""
        states = pending_clinical_reviews()
        count = states.count()
        first = list(states[: self.shown])
        # One query for the pages, not one per state through its generic foreign key.
        pages = Page.objects.in_bulk([int(state.object_id) for state in first])
        waiting = [
            {
                "page": pages.get(int(state.object_id)),
                "since": state.created_at,
                "by": state.requested_by,
            }
            for state in first
        ]
        return render_to_string(
            "articles/admin/pending_clinical_reviews_panel.html",
            {
                "count": count,
                "waiting": waiting,
                "report_url": reverse("wagtailadmin_reports:workflow"),
            },
        )


@hooks.register("construct_homepage_panels")
def add_overdue_reviews_panel(request, panels):
    panels.append(PendingClinicalReviewsPanel())
    panels.append(OverdueReviewsPanel())


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    actions.register_action(IMPORT_LOG_ACTION, "Import article", "Imported from a text file")


class ImportArticleMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sections_user_can_add_to(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportArticleMenuItem(
        "Import article", reverse("articles_import"), icon_name="upload", order=260
    )


MODERATION_WORDING = "submitted for moderation"
CLINICAL_REVIEW_WORDING = "submitted for clinical review"


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def say_clinical_review(request, page):
    """Wagtail tells the editor a page was "submitted for moderation", the community's word
    for checking members' posts; articles go to clinical review. Wagtail has no setting for
    this message, so reword it in the queue of messages this request added."""
    storage = getattr(request, "_messages", None)
    for message in getattr(storage, "_queued_messages", []):
        text = str(message.message)
        if MODERATION_WORDING in text:
            # Wagtail's message is safe HTML; the words swapped in hold no markup.
            message.message = mark_safe(  # noqa: S308
                text.replace(MODERATION_WORDING, CLINICAL_REVIEW_WORDING)
            )


@hooks.register("register_rich_text_features", order=100)
def link_only_to_public_pages(features):
    """Rich text links to restricted or unpublished pages keep their words but no address
    (articles.richtext). Registered after Wagtail's own page links, which it replaces."""
    features.register_link_type(PublicPageLinkHandler)
