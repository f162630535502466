"""Mail sent in the background, so a slow or broken mail server never blocks a request."""

import datetime
import logging

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAYS = [60, 300, 900, 3600]  # seconds before attempts 2, 3, 4 and 5


def message_data(message):
    """A JSON-safe copy of an EmailMessage, to pass to a task."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def build_message(data):
    message = EmailMultiAlternatives(
        data["subject"], data["body"], data["from_email"], data["to"], headers=data["headers"]
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


@task()
def send_email(data, attempt=1):
    """Send one message; on failure log it and try again later, up to MAX_ATTEMPTS times.

    With a backend that can wait (the database backend) each retry is queued for later; with
    one that cannot (immediate, in tests and dev) the retries follow at once.
    """
    try:
        build_message(data).send(fail_silently=False)
    except Exception as error:  # any mail server or network failure
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Giving up on mail to %s (%r) after %d attempts: %s",
                data["to"], data["subject"], attempt, error,
            )  # fmt: skip
            raise
        logger.warning(
            "Mail to %s (%r) failed on attempt %d, retrying: %s",
            data["to"], data["subject"], attempt, error,
        )  # fmt: skip
        retry = send_email
        if default_task_backend.supports_defer:
            delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
            retry = send_email.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
        retry.enqueue(data, attempt + 1)
        return "retrying"
    return "sent"


def queue_email(message):
    """Hand an EmailMessage to the background queue."""
    return send_email.enqueue(message_data(message))
