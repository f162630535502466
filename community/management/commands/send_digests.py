"""`manage.py send_digests`: the digest emails for members who chose one.

Run it once a day for the daily digest, and once a week with `--weekly` for the weekly one
(see README, "Calmer notifications"). Each run also sends mail that waited for quiet hours.
"""

from django.core.management.base import BaseCommand

from community.services.notifications import (
    send_daily_digests,
    send_waiting_mail,
    send_weekly_digests,
)


class Command(BaseCommand):
    help = (
        "Email each member who chose a daily digest (or, with --weekly, a weekly digest) what "
        "is new in what they follow."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weekly",
            action="store_true",
            help="Send the weekly digest instead of the daily one. Run it once a week.",
        )

    def handle(self, *args, **options):
        waited = send_waiting_mail()
        if options["weekly"]:
            sent, label = send_weekly_digests(), "weekly"
        else:
            sent, label = send_daily_digests(), "daily"
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued {sent} {label} digest email(s) and {waited} that waited for quiet hours."
            )
        )
