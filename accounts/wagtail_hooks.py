"""Audit-log actions for account events, and forgetting cached members after bulk changes."""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static

from accounts.members import forget


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("accounts.export", "Export data", "Downloaded their data")
    actions.register_action("accounts.delete", "Delete account", "Deleted their account")
    actions.register_action("accounts.rename", "Change display name", "Changed their name")


@hooks.register("after_bulk_action")
def forget_members_changed_in_bulk(request, action_type, objects, action_class_instance):
    """Wagtail's bulk "mark as active/inactive" updates rows without saving them, so no
    signal tells accounts.members; forget every member the action touched."""
    if getattr(action_class_instance, "model", None) is get_user_model():
        forget(*objects)


@hooks.register("get_avatar_url")
def avatar_without_gravatar(user, size):
    """An uploaded avatar, or Wagtail's plain default; never Gravatar.

    Wagtail falls back to Gravatar, which the Content-Security-Policy (img-src 'self' data:)
    blocks, so every avatar showed as a broken image; it would also send a hash of each
    staff member's email address to a third party."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return profile.avatar.url
    return versioned_static("wagtailadmin/images/default-user-avatar.png")
