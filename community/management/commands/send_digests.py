"""`manage.py send_digests`: the daily email for members who chose one. Run it once a day."""

from django.core.management.base import BaseCommand

from community.services.notifications import send_daily_digests


class Command(BaseCommand):
    help = "Email each member who chose a daily digest what is new in what they follow."

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(self.style.SUCCESS(f"Queued {sent} digest email(s)."))
