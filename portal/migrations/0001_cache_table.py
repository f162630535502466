"""Create the database cache table as part of `migrate`.

Without REDIS_URL the shared cache is a database table. Creating it here means a deployer
who runs only `manage.py migrate` still gets a working site; with Redis this does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
