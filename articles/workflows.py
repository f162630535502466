"""The "Clinical review" workflow: an editor submits, a clinical reviewer approves.

The workflow, its task and the Clinical reviewers group come from a data migration; this
module attaches the workflow to the mechanism and FAQ sections whenever those pages exist,
so every article below them needs a clinician's approval before it goes live.
"""

from wagtail.models import Workflow, WorkflowPage

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinical sign-off"
REVIEWERS_GROUP = "Clinical reviewers"


def clinical_review_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


def attach_clinical_review(page):
    """Make `page` and the pages below it use the clinical review workflow."""
    workflow = clinical_review_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def attach_on_create(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for the section pages that clinical review covers."""
    if created and not raw:
        attach_clinical_review(instance)
