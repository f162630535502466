"""`manage.py seed_community`: the demo community (community.demo), after `seed_demo` has
made the articles it links to. Running it again changes nothing."""

from django.core.management.base import BaseCommand

from articles.demo import SeedReport
from community.demo import seed_community


class Command(BaseCommand):
    help = "Add the demo community's members, discussions and questions that are missing."

    def handle(self, *args, **options):
        report = seed_community(SeedReport())
        for label in report.created:
            self.stdout.write(f"created  {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo community ready: {len(report.created)} created, {len(report.kept)} "
                "already there."
            )
        )
