"""Muting: a member folds away another member's posts and stops hearing from them.

The muted member is never told, and nothing changes for anyone else: no shared page moves
(mutes are written with bulk_create and removed with one DELETE, which send no model
signals; the folding is a personal hole, community.gentle_parts), only the muter's cached
answers ("muting", community.member_facts) are forgotten. Moderators cannot be muted, so
their notices and their place in the moderation views stay whole. Each mute and unmute is
recorded once in the audit log, where only staff look: a pattern of mutes can help
moderators see who is struggling with whom.
"""

import logging

from django.db import connections, router, transaction
from wagtail.log_actions import log

from accounts import members
from community.models import MutedMember
from community.permissions import is_moderator

logger = logging.getLogger(__name__)


class MuteError(Exception):
    """A mute was refused; the message says why, for the member."""


@transaction.atomic
def mute_member(muter, muted):
    """`muter` no longer sees `muted`'s posts unfolded, nor hears from them."""
    if not muter.is_authenticated:
        raise MuteError("Please sign in to mute a member.")
    if muter.pk == muted.pk:
        raise MuteError("You cannot mute yourself.")
    if is_moderator(muted):
        raise MuteError(
            "Moderators keep the community safe, so they cannot be muted. If a moderator "
            "upset you, please report their post and another moderator will look."
        )
    mute = MutedMember.objects.filter(muter=muter, muted=muted).first()
    if mute is not None:
        return mute  # muted already: nothing changes, nothing to record
    MutedMember.objects.bulk_create([MutedMember(muter=muter, muted=muted)], ignore_conflicts=True)
    mute = MutedMember.objects.filter(muter=muter, muted=muted).first()
    log(instance=mute, action="community.mute", user=muter, data={"muted": muted.pk})
    members.forget(muter)
    logger.info("Member %s muted member %s", muter.pk, muted.pk)
    return mute


@transaction.atomic
def unmute_member(muter, muted):
    """Show `muted`'s posts to `muter` again; returns whether they were muted."""
    mute = MutedMember.objects.filter(muter=muter, muted=muted).first() if muter.pk else None
    if mute is None:
        return False
    log(instance=mute, action="community.unmute", user=muter, data={"muted": muted.pk})
    connection = connections[router.db_for_write(MutedMember)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {MutedMember._meta.db_table} WHERE id = %s",  # noqa: S608
            [mute.pk],
        )
    members.forget(muter)
    logger.info("Member %s unmuted member %s", muter.pk, muted.pk)
    return True


def has_muted(muter, muted):
    """Whether `muter` muted `muted` (no query for a member who muted no one)."""
    if not muter.is_authenticated or not members.facts(muter).get("muting"):
        return False
    return MutedMember.objects.filter(muter=muter, muted=muted).exists()


def muted_ids(muter):
    """The numbers of the members `muter` muted (no query for a member who muted no one)."""
    if not muter.is_authenticated or not members.facts(muter).get("muting"):
        return frozenset()
    return frozenset(MutedMember.objects.filter(muter=muter).values_list("muted_id", flat=True))
