"""One-click unsubscribe links: signed, so they work without signing in."""

from django.core import signing
from django.urls import reverse

SALT = "accounts.unsubscribe"
KINDS = {
    "replies": ("email_notifications", "none", "emails about replies"),
    "mentions": ("notify_mentions", False, "emails about mentions"),
}


def unsubscribe_url(user, kind):
    token = signing.dumps({"user": user.pk, "kind": kind}, salt=SALT)
    return reverse("accounts:unsubscribe", args=[token])


def read_token(token):
    """(user id, kind) from a token, or None when it is forged or damaged."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if data.get("kind") not in KINDS:
        return None
    return data["user"], data["kind"]
