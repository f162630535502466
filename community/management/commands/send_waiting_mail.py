"""`manage.py send_waiting_mail`: send the email that waited for members' quiet hours.

Needed when the task queue cannot hold a message until later (TASKS_BACKEND=immediate);
with the database backend the queue itself waits and this finds nothing. Run it every
quarter of an hour: it is safe to run as often as you like, nothing goes twice.
"""

from django.core.management.base import BaseCommand

from community.services.notifications import send_waiting_mail


class Command(BaseCommand):
    help = "Email what waited for members' quiet hours to end."

    def handle(self, *args, **options):
        sent = send_waiting_mail()
        self.stdout.write(self.style.SUCCESS(f"Queued {sent} email(s) that waited."))
