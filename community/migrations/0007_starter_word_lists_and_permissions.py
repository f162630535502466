"""Starter word lists (moderators edit them in Snippets › Word lists) and moderators' rights."""

from django.db import migrations

WORD_LISTS = [
    (
        "Crisis",
        "crisis",
        [
            "suicide",
            "suicidal",
            "kill myself",
            "end my life",
            "end it all",
            "want to die",
            "better off dead",
            "self harm",
            "self-harm",
            "hurt myself",
            "no reason to live",
        ],
    ),
    (
        "Spam",
        "spam",
        [
            "buy now",
            "discount code",
            "promo code",
            "limited offer",
            "click here",
            "casino",
            "crypto",
            "work from home",
            "whatsapp me",
            "dm me for",
        ],
    ),
    (
        "Misinformation claims",
        "misinformation",
        [
            "miracle cure",
            "guaranteed cure",
            "cures fibromyalgia",
            "cure for fibromyalgia",
            "fibromyalgia is not real",
            "fibro is not real",
            "all in your head",
            "stop taking your medication",
            "stop your medication",
            "detox cures",
        ],
    ),
]


def create(apps, schema_editor):
    WordList = apps.get_model("community", "WordList")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name, kind, words in WORD_LISTS:
        WordList.objects.get_or_create(
            name=name, defaults={"kind": kind, "words": "\n".join(words)}
        )
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    grants = {"wordlist": ("add", "change", "view"), "restriction": ("view",)}
    for model, actions in grants.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="community", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_holds_word_lists_restrictions"),
        ("accounts", "0004_user_trusted_at"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
