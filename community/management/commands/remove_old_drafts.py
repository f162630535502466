"""`manage.py remove_old_drafts`: drafts untouched for 90 days go. Run it once a day."""

from django.core.management.base import BaseCommand

from community.services.drafts import KEEP_DAYS, remove_old_drafts


class Command(BaseCommand):
    help = f"Remove members' drafts left unchanged for more than {KEEP_DAYS} days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=KEEP_DAYS, help="How many days a draft is kept."
        )

    def handle(self, *args, **options):
        removed = remove_old_drafts(days=options["days"])
        self.stdout.write(self.style.SUCCESS(f"Removed {removed} old draft(s)."))
