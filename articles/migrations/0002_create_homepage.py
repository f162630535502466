"""Replace Wagtail's placeholder welcome page with the portal's HomePage.

A fresh database (production included) then has a real home page at the site root before
any demo content is loaded; `seed_demo` fills in its text.
"""

import uuid

from django.db import migrations

HOME_PATH = "00010001"


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("articles", "HomePage")

    # Wagtail's own migration made an empty "Welcome" page of the base Page type. Remove it
    # only while it is that untouched placeholder; its Site row goes with it (CASCADE).
    Page.objects.filter(
        path=HOME_PATH,
        content_type__app_label="wagtailcore",
        content_type__model="page",
        numchild=0,
    ).delete()
    if Page.objects.filter(path=HOME_PATH).exists():
        return  # An existing site with real content at the root: leave it alone.

    locale = Locale.objects.order_by("pk").first()
    content_type, _ = ContentType.objects.get_or_create(app_label="articles", model="homepage")
    home = HomePage.objects.create(
        title="Understand the biology of fibromyalgia",
        draft_title="Understand the biology of fibromyalgia",
        slug="home",
        content_type=content_type,
        path=HOME_PATH,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        intro="Clear, checked explanations of what research says about fibromyalgia.",
        body=[],
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page_id": home.pk,
            "site_name": "Fibromyalgia Mechanisms",
        },
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("articles", "HomePage")
    HomePage.objects.filter(path=HOME_PATH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
