"""Changing a display name: at most once a month, the old name kept from others for a while.

A display name is how the community knows a member, so a change is allowed but not a
disguise: the old name is reserved (FormerName) so no one else can take it, and its profile
address leads to the new one, and the audit log records both names for moderators.
"""

import datetime
import logging

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from accounts import members
from accounts.models import FormerName
from caching import generation

logger = logging.getLogger(__name__)

CHANGE_EVERY = datetime.timedelta(days=30)
RESERVED_FOR = datetime.timedelta(days=180)


def next_change_allowed(user):
    """When the member may change their name again (None: now)."""
    last = FormerName.objects.filter(user=user).values_list("changed_at", flat=True).first()
    if last is None or last + CHANGE_EVERY <= timezone.now():
        return None
    return last + CHANGE_EVERY


def reserved_for(name):
    """The member who used `name` until recently and still holds it, or None."""
    former = (
        FormerName.objects.filter(name__iexact=name, reserved_until__gt=timezone.now())
        .select_related("user")
        .first()
    )
    if former is None or former.user.deleted_at is not None:
        return None
    return former.user


def check_name_is_free(name, user=None):
    """Raise ValidationError unless `name` may become `user`'s (or a new member's) name."""
    taken = get_user_model().objects.filter(username__iexact=name)
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        raise forms.ValidationError("Someone already uses that display name.")
    holder = reserved_for(name)
    if holder is not None and holder != user:
        raise forms.ValidationError(
            "Someone used that display name until recently, so it is kept for them for a "
            "while. Please choose another."
        )


@transaction.atomic
def change_display_name(user, new_name):
    """Give `user` the display name `new_name` (already checked by DisplayNameForm).

    The old name is kept for them (FormerName). Taking back a name of one's own frees it.
    Every page that shows the member's name is rebuilt.
    """
    caller_copy, user = user, get_user_model().objects.select_for_update().get(pk=user.pk)
    old_name = user.username
    now = timezone.now()
    FormerName.objects.filter(user=user, name__iexact=new_name).delete()
    FormerName.objects.create(
        user=user, name=old_name, changed_at=now, reserved_until=now + RESERVED_FOR
    )
    user.username = caller_copy.username = new_name
    user.save(update_fields=["username"])
    members.forget(user)
    generation.invalidate()
    log(instance=user, action="accounts.rename", user=user, data={"from": old_name, "to": new_name})
    logger.info("Member %s changed their display name", user.pk)
    return user
