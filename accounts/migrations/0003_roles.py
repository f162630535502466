"""Roles as groups: Patients, Moderators, Editors and Clinical reviewers.

Wagtail's first migrations make "Moderators" and "Editors" groups that may publish any page,
and a "Moderators approval" workflow on the whole tree. Here Moderators are the community's
moderators: they keep admin access but lose page rights, and that workflow is switched off.
Editors keep drafting rights everywhere; where they may publish is granted per section
(articles.workflows), so articles still need a clinician's approval.
"""

from django.db import migrations

SNIPPET_MODELS = ("person", "reference", "glossaryterm")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    Group.objects.get_or_create(name="Patients")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors, _ = Group.objects.get_or_create(name="Editors")
    reviewers, _ = Group.objects.get_or_create(name="Clinical reviewers")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    for group in (moderators, editors, reviewers):
        group.permissions.add(access_admin)

    GroupPagePermission.objects.filter(group=moderators).delete()
    WorkflowPage.objects.filter(workflow__name="Moderators approval").delete()
    Workflow.objects.filter(name="Moderators approval").update(active=False)

    for model in SNIPPET_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="articles", model=model)
        for action in ("add", "change", "view"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_privacy_and_exports"),
        ("articles", "0004_clinical_review_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
