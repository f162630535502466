"""`manage.py seed_demo`: load the demo content. Running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from articles.demo import seed_demo


class Command(BaseCommand):
    help = "Create the demo content that is missing. Existing content is never changed."

    def handle(self, *args, **options):
        try:
            report = seed_demo()
        except ValueError as error:
            raise CommandError(str(error)) from error
        for label in report.created:
            self.stdout.write(f"created  {label}")
        for label in report.kept:
            self.stdout.write(f"kept     {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(report.created)} created, {len(report.kept)} "
                "already there."
            )
        )
