"""A full-text index for site search on PostgreSQL.

Wagtail's PostgreSQL search backend matches on `title || body` of its index entries, but
Wagtail indexes `title` and `body` separately, so PostgreSQL could use neither and tested
every entry of the model searched (5,000 discussions, or 100,000 replies) against the
query. This GIN index on the very expression it searches lets PostgreSQL start from the
matching entries (`make bench` prints the EXPLAIN). SQLite's search uses its own FTS5
table and needs nothing here.
"""

from django.db import migrations

INDEX = "portal_search_entry_text_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING GIN ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_cache_table"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
