"""Background work for articles, run through django-tasks."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_review_reminder(recipients, subject, body):
    """Send the overdue-review reminder, off the request and command path.

    With the database backend a slow or failing mail server delays only this task, which
    the worker reports as failed, not the command that queued it.
    """
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
