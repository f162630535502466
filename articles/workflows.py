"""The "Clinical review" workflow: an editor submits, a clinical reviewer approves.

The workflow, its task and the Clinical reviewers group come from a data migration; this
module attaches the workflow to the mechanism and FAQ sections whenever those pages exist,
so every article below them needs a clinician's approval before it goes live.

Wagtail publishes an approved page as the approving user, so reviewers also get permission
to edit and publish in those sections (and nowhere else).
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowState

REVIEWER_PAGE_PERMISSIONS = ("change", "publish")
EDITORS_GROUP = "Editors"

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinical sign-off"
REVIEWERS_GROUP = "Clinical reviewers"


def clinical_review_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


def pending_clinical_reviews():
    """Pages waiting in clinical review (submitted, not yet approved or sent back), oldest
    submission first."""
    return (
        WorkflowState.objects.active()
        .filter(workflow__name=WORKFLOW_NAME, status=WorkflowState.STATUS_IN_PROGRESS)
        .filter(base_content_type__model="page", base_content_type__app_label="wagtailcore")
        .select_related("requested_by")
        .order_by("created_at")
    )


def attach_clinical_review(page):
    """Make `page` and the pages below it use the clinical review workflow."""
    workflow = clinical_review_workflow()
    if workflow is None:
        return
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    grant(REVIEWERS_GROUP, page, REVIEWER_PAGE_PERMISSIONS)


def grant(group_name, page, permission_types):
    """Give a group page permissions on `page` and the pages below it (once each)."""
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for permission_type in permission_types:
        if not GroupPagePermission.objects.filter(
            group=group, page=page, permission__codename=f"{permission_type}_page"
        ).exists():
            GroupPagePermission.objects.create(
                group=group, page=page, permission_type=permission_type
            )


def attach_on_create(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for the section pages that clinical review covers."""
    if created and not raw:
        attach_clinical_review(instance)


def let_editors_publish(sender, instance, created, raw=False, **kwargs):
    """post_save receiver: editors publish research updates and the pages about the site
    directly; nothing medical goes live without clinical review."""
    if created and not raw:
        grant(EDITORS_GROUP, instance, ("publish",))
