"""Starter content notes (moderators edit them in Snippets › Content notes) and their rights."""

from django.db import migrations

NOTES = [
    "Self-harm",
    "Suicidal thoughts",
    "Medication doses",
    "Weight and food",
    "Bereavement",
    "Abuse",
]


def create(apps, schema_editor):
    ContentNote = apps.get_model("community", "ContentNote")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for order, label in enumerate(NOTES):
        ContentNote.objects.get_or_create(label=label, defaults={"order": order * 10})
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    content_type, _ = ContentType.objects.get_or_create(app_label="community", model="contentnote")
    for action in ("add", "change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_contentnote",
            defaults={"name": f"Can {action} content note"},
        )
        moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("community", "0009_content_notes")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
