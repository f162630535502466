"""Account services: export a member's data, delete an account.

Views stay thin and call these; each action is recorded once in the audit log.
"""

import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.log_actions import log

from accounts.contributions import registered
from accounts.models import DataExport

logger = logging.getLogger(__name__)
REMOVED_TEXT = "[removed at the author's request]"


def export_member_data(user):
    """Everything the member wrote and every setting, as JSON-safe data."""
    data = {
        "format": "fibromyalgia-mechanisms-export/1",
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "display_name": user.username,
            "joined": user.date_joined.isoformat(),
            "bio": user.bio,
        },
        "settings": {
            "hide_from_search_engines": user.hide_from_search_engines,
            "email_notifications": user.email_notifications,
            "notify_mentions": user.notify_mentions,
            "two_factor_authentication": Authenticator.objects.filter(user=user).exists(),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }
    for contribution in registered():
        data[contribution.name] = contribution.export(user)
    return data


def contribution_count(user):
    return sum(contribution.count(user) for contribution in registered())


@task()
def build_data_export(export_id):
    """Background half of "Download my data" for large accounts."""
    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        export.content = export_member_data(export.user)
        export.status = DataExport.Status.READY
    except Exception:
        logger.exception("Data export %s failed", export_id)
        export.status = DataExport.Status.FAILED
    export.finished_at = timezone.now()
    export.save(update_fields=["content", "status", "finished_at"])
    return export.status


def request_data_export(user):
    """Return (export_data, None) for a small account, or (None, DataExport) queued."""
    log(instance=user, action="accounts.export", user=user)
    if contribution_count(user) <= settings.DATA_EXPORT_INLINE_LIMIT:
        return export_member_data(user), None
    export = DataExport.objects.create(user=user)
    build_data_export.enqueue(export.pk)
    export.refresh_from_db()
    return None, export


@transaction.atomic
def delete_account(user, *, erase_posts=False, actor=None):
    """Erase the member's personal data, keep their posts in place under "Deleted member".

    The row stays (so replies and threads keep their author link), but the email, name,
    bio, password, MFA devices and sessions are gone. Every session ends because Django
    checks each session against the password hash, which is replaced, and the account is
    no longer active. With `erase_posts` the text of every post is replaced too.
    """
    erased = {}
    if erase_posts:
        for contribution in registered():
            erased[contribution.name] = contribution.erase(user, REMOVED_TEXT)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.bio = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.hide_from_search_engines = True
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    log(
        instance=user,
        action="accounts.delete",
        user=actor,
        data={"erase_posts": erase_posts, "erased": erased},
    )
    return user


def get_member(username):
    """A live member by display name, or None (deleted accounts have no profile)."""
    return (
        get_user_model()
        .objects.filter(username=username, is_active=True, deleted_at__isnull=True)
        .first()
    )
