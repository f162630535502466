"""A full-text index for site search on PostgreSQL.

Wagtail's PostgreSQL search backend matches `title || body` of its index entries for one
model at a time (`content_type_id`), but Wagtail indexes `title` and `body` separately, so
PostgreSQL could use neither and tested every entry of the model searched (5,000
discussions, or 100,000 replies) against the query. This GIN index on the content type and
the very expression searched lets PostgreSQL start from the matching entries of that model
(`make bench` prints the EXPLAIN). The content type needs the btree_gin extension, which
is trusted (a database owner may create it); without it, the index is on the text alone.
SQLite's search uses its own FTS5 table and needs nothing here.
"""

from django.db import DatabaseError, migrations, transaction

INDEX = "portal_search_entry_text_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = "content_type_id, (title || body)"
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    except DatabaseError:
        columns = "(title || body)"
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING GIN ({columns})"
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
