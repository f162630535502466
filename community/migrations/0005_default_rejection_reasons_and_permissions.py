"""Starter rejection reasons, and rights for moderators to manage them in the admin."""

from django.db import migrations

REASONS = [
    (
        "Medical advice",
        "Please share your experience rather than advice on medicines or doses. "
        "Your doctor is the right person for that.",
    ),
    (
        "Personal details",
        "Your post included personal details such as a phone number, email or "
        "full name. Please remove them to keep yourself safe, then post again.",
    ),
    (
        "Not about the science",
        "Questions here are about the biology of fibromyalgia. The "
        "community discussions are a good place for this.",
    ),
    (
        "Already answered",
        "This question has been answered before. Please look at the similar "
        "questions suggested when you ask.",
    ),
    ("Unkind", "Please keep posts kind and respectful. Everyone here is living with pain."),
]


def create(apps, schema_editor):
    RejectionReason = apps.get_model("community", "RejectionReason")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for title, text in REASONS:
        RejectionReason.objects.get_or_create(title=title, defaults={"text": text})
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="community", model="rejectionreason"
    )
    for action in ("add", "change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_rejectionreason",
            defaults={"name": f"Can {action} rejection reason"},
        )
        moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_rejection_reasons"),
        ("accounts", "0003_roles"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
