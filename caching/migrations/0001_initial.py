from django.db import migrations, models


def create(apps, schema_editor):
    """The single row, and on PostgreSQL the sequence that is bumped instead of it."""
    apps.get_model("caching", "Generation").objects.create(pk=1, value=1)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS caching_generation_seq")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS caching_generation_seq")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "value",
                    models.BigIntegerField(default=1, help_text="Moves on whenever pages change."),
                ),
            ],
            options={"verbose_name": "page generation"},
        ),
        migrations.RunPython(create, drop),
    ]
