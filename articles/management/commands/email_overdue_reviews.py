"""`manage.py email_overdue_reviews`: remind editors which articles are past review.

Run it daily from cron or a scheduler. It sends nothing when nothing is overdue.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from articles.reports import overdue_pages
from articles.tasks import send_review_reminder
from common.links import absolute_url

EDITORS_GROUP = "Editors"


def reminder_text(pages):
    lines = [
        f"{len(pages)} article{'s are' if len(pages) != 1 else ' is'} past the date for "
        "medical review:",
        "",
    ]
    for page in pages:
        reviewer = page.clinical_reviewer.name if page.clinical_reviewer else "no reviewer set"
        lines.append(f"- {page.title}: review was due {page.next_review_due:%d %B %Y} ({reviewer})")
        lines.append(f"  {absolute_url(reverse('wagtailadmin_pages:edit', args=[page.pk]))}")
    lines += ["", f"All overdue reviews: {absolute_url(reverse('articles_overdue_reviews'))}"]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Email the Editors group a list of articles whose medical review is overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the email instead of sending it."
        )

    def handle(self, *args, dry_run=False, **options):
        pages = overdue_pages()
        if not pages:
            self.stdout.write("No article is overdue for review; nothing sent.")
            return
        recipients = sorted(
            get_user_model()
            .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        subject = f"{len(pages)} article(s) overdue for medical review"
        body = reminder_text(pages)
        if dry_run:
            self.stdout.write(f"To: {', '.join(recipients) or '(no editors)'}\n{subject}\n\n{body}")
            return
        if not recipients:
            self.stderr.write(
                f"{len(pages)} article(s) are overdue, but no active member of the "
                f"{EDITORS_GROUP} group has an email address; nothing sent."
            )
            return
        send_review_reminder.enqueue(recipients, subject, body)
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued a reminder about {len(pages)} article(s) to {len(recipients)} editor(s)."
            )
        )
