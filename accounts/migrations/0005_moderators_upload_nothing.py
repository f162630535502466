"""Moderators look after the community; they do not upload images or documents.

Wagtail's own migrations give its "Moderators" group rights on images and documents in the
root collection; this takes them away (editors keep theirs).
"""

from django.db import migrations


def remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__in=Group.objects.filter(name="Moderators"),
        permission__content_type__app_label__in=["wagtailimages", "wagtaildocs"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_trusted_at"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
