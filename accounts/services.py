"""Account services: export a member's data, delete an account.

Views stay thin and call these; each action is recorded once in the audit log.
"""

import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from wagtail.admin.models import EditingSession, FormState
from wagtail.log_actions import log
from wagtail.models import APIToken, PageSubscription
from wagtail.users.models import UserProfile

from accounts.audit import forget_names_in_audit_log
from accounts.contributions import exclude, registered
from accounts.models import DataExport, FormerName
from accounts.tasks import send_email

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
            "former_display_names": [
                {"name": former.name, "used_until": former.changed_at.isoformat()}
                for former in FormerName.objects.filter(user=user)
            ],
        },
        "settings": {
            "hide_from_search_engines": user.hide_from_search_engines,
            "email_notifications": user.email_notifications,
            "notify_mentions": user.notify_mentions,
            "quiet_hours_start": _clock(user.quiet_hours_start),
            "quiet_hours_end": _clock(user.quiet_hours_end),
            "time_zone": user.time_zone,
            "reading_preferences": user.reading_preferences,
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


def _clock(value):
    """A time of day as "21:00", or None when the member chose none."""
    return value.strftime("%H:%M") if value is not None else None


def contribution_count(user):
    """How many items the member's export holds, over every registered contribution."""
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
    no longer active. Each contribution forgets its private data (follows, notifications,
    reactions...), and with `erase_posts` the text of every post is replaced too. What
    becomes of accounts' own and third-party apps' data is said in ACCOUNT_DATA.
    """
    forgotten, erased = {}, {}
    for contribution in registered():
        if contribution.forget is not None:
            forgotten[contribution.name] = contribution.forget(user)
        if erase_posts and contribution.erase is not None:
            erased[contribution.name] = contribution.erase(user, REMOVED_TEXT)
    names = [user.username, *FormerName.objects.filter(user=user).values_list("name", flat=True)]
    _forget_queued_work(user)
    _forget_account_data(user)
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.bio = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.hide_from_search_engines = True
    user.reading_preferences = {}
    user.quiet_hours_start = user.quiet_hours_end = None
    user.time_zone = settings.TIME_ZONE  # where the member lives is theirs
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    forget_names_in_audit_log(names)
    log(
        instance=user,
        action="accounts.delete",
        user=actor,
        data={"erase_posts": erase_posts, "erased": erased, "forgotten": forgotten},
    )
    return user


def _forget_queued_work(user):
    """The task queue's mail to the member (their address and the text, waiting or sent) and
    the building of their exports: neither should outlive the account.

    Mail waiting for the member's quiet hours to end is found here too when the queue holds
    it (`run_after`, database backend); where the queue cannot wait, the waiting mail is the
    member's notifications themselves (community's `email_after`), deleted with them.
    """
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    addresses.discard("")
    exports = DataExport.objects.filter(user=user).values_list("pk", flat=True)
    queued = DBTaskResult.objects.annotate(arguments=Cast("args_kwargs", TextField()))
    matches = Q(pk__in=[])
    for address in addresses:
        matches |= Q(task_path=send_email.module_path, arguments__contains=address)
    for export_id in exports:
        matches |= Q(task_path=build_data_export.module_path, args_kwargs__args__0=export_id)
    return queued.filter(matches).delete()[0]


def _forget_account_data(user):
    """Remove what hangs off the account itself: addresses, devices, exports, API tokens,
    and the admin's preferences, drafts and subscriptions of a staff member."""
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    for model in (
        FormerName,
        EmailAddress,
        Authenticator,
        DataExport,
        APIToken,
        FormState,
        EditingSession,
        PageSubscription,
    ):
        model.objects.filter(user=user).delete()


# Models of accounts and of third-party apps that point at members (or hold their data)
# without a Contribution of their own: accounts owns the user model, so it says what happens
# to each (tests/accounts/test_member_data_coverage.py checks nothing is missing).
ACCOUNT_DATA = {
    "accounts.FormerName": "In the export's profile part (former_display_names); deleted with "
    "the account, and the names are taken out of the audit log's labels.",
    "accounts.DataExport": "A copy of the export itself, so not exported again; deleted with "
    "the account.",
    "account.EmailAddress": "In the export's profile part (email_addresses); deleted with the "
    "account.",
    "mfa.Authenticator": "In the export's profile part (settings.two_factor_authentication; "
    "secrets never leave the site); deleted with the account.",
    "wagtailusers.UserProfile": "A staff member's admin preferences (language, time zone, "
    "theme, avatar, review emails); deleted with the account, avatar file included.",
    "wagtailadmin.EditingSession": "Short-lived 'someone is editing this page' markers in the "
    "admin; deleted with the account.",
    "wagtailadmin.FormState": "Unsaved admin form drafts of a staff member; deleted with the "
    "account.",
    "wagtailcore.APIToken": "API tokens (digests only) that act as the account; deleted with "
    "it so none outlives it.",
    "wagtailcore.PageSubscription": "A staff member's choice to hear about comments on a page; "
    "deleted with the account.",
    "wagtailcore.ModelLogEntry": "The audit log, kept for accountability: it points at the "
    "anonymised account row, its labels no longer name the member (accounts.audit), and "
    "contributions scrub erased post text from it.",
    "wagtailcore.PageLogEntry": "The audit log of editorial pages, kept for accountability; it "
    "points at the anonymised account row.",
    "admin.LogEntry": "Django admin's action log, kept for accountability; it points at the "
    "anonymised account row.",
    "wagtailcore.Page": "Owner and lock of editorial pages: staff's editorial work, kept "
    "under the anonymised account.",
    "wagtailcore.Revision": "Editorial drafts of pages and snippets, written by staff in their "
    "role; kept with the page's history.",
    "wagtailcore.WorkflowState": "Who asked for an editorial review: the page's review record, "
    "kept with its history.",
    "wagtailcore.TaskState": "Who approved or rejected an editorial review step: the page's "
    "review record, kept with its history.",
    "wagtailcore.Comment": "Editors' comments on draft pages in the admin, part of the page's "
    "review record; kept under the anonymised account.",
    "wagtailcore.CommentReply": "Replies to editors' comments on draft pages, part of the "
    "page's review record; kept under the anonymised account.",
    "wagtailcore.UploadedFile": "Images and documents staff are uploading in the admin: "
    "editorial files, kept under the anonymised account.",
    "wagtailimages.Image": "Editorial images uploaded by staff; kept, the uploader now the "
    "anonymised account.",
    "wagtaildocs.Document": "Editorial documents uploaded by staff; kept, the uploader now the "
    "anonymised account.",
    "sessions.Session": "No foreign key, the account id is in the signed session data; every "
    "session stops working at deletion (password hash replaced, account inactive).",
    "django_tasks_database.DBTaskResult": "No foreign key: the tasks that mail the member "
    "(queued or done, with their address and the text) and build their exports are deleted "
    "with the account (found by address and export id).",
}


def declare_account_data():
    """Called from AccountsConfig.ready()."""
    for label, reason in ACCOUNT_DATA.items():
        exclude(label, reason)


def get_member(username):
    """A live member by display name, or None (deleted accounts have no profile)."""
    return (
        get_user_model()
        .objects.filter(username=username, is_active=True, deleted_at__isnull=True)
        .first()
    )
