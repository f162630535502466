import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database (pg_dump for PostgreSQL, the sqlite3 backup API)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: backups/<date>.backup)")

    def handle(self, *args, output=None, **options):
        stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        path = output or settings.BASE_DIR / "backups" / f"portal-{stamp}.backup"
        try:
            written = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {written}")
