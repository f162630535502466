"""The "Clinical review" workflow and the Clinical reviewers group that approves it.

Attaching the workflow to the mechanism and FAQ sections happens when those pages are
created (articles.workflows), because the pages do not exist on a fresh database.
"""

from django.db import migrations

GROUP = "Clinical reviewers"
WORKFLOW = "Clinical review"
TASK = "Clinical sign-off"


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    reviewers, _ = Group.objects.get_or_create(name=GROUP)
    admin_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    reviewers.permissions.add(access_admin)

    if Workflow.objects.filter(name=WORKFLOW).exists():
        return
    task_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(name=TASK, active=True, content_type=task_content_type)
    task.groups.add(reviewers)
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_mechanisms_faqs_updates_snippets"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
