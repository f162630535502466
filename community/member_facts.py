"""What every signed-in page shows about the member from the community: their unread count,
the topics and articles they follow, whether a post of theirs is waiting for a moderator and
whether they have reacted or followed anything.

accounts.members caches these with the member's other answers; `register()` (called from
CommunityConfig.ready) tells it how to read them and which saves change them.
"""

from django.db.models import Exists, OuterRef, Q, Subquery

from accounts.members import seen_by_members
from community.models import (
    ContentNoteChoice,
    Draft,
    MutedMember,
    Notification,
    Reaction,
    Reply,
    Restriction,
    Subscription,
    Thread,
)

ANONYMOUS = {
    "unread": 0,
    "follows": {"tag": frozenset(), "mechanism": frozenset()},
    "holding": False,
    "marks": False,
    "stopped": None,
    "drafting": False,
    "muting": False,
    "noting": False,
}


def register():
    seen_by_members(
        read,
        ANONYMOUS,
        owned=(
            Notification,
            Subscription,
            Reaction,
        ),  # drafts and mutes: forgotten by their services
        authored=(Thread, Reply),
    )


def read(user):
    """The member's community answers, straight from the database."""
    return {
        "unread": user.notifications.filter(read_at__isnull=True).count(),
        # Topics and articles followed (a few each); followed threads can be thousands and
        # are asked one at a time on the thread page.
        "follows": _follows(user),
        **_posts_and_marks(user),
    }


def _posts_and_marks(user):
    """Yes-or-no answers and a suspension or ban in force, in one query.

    "holding": a discussion or reply waiting for a moderator, or one a moderator rejected or
    hid, which only they (and moderators) see: their community pages are made for them alone
    (community/shells.py).
    "marks": any reaction given or discussion followed. Most members have none, and then a
    shared thread page needs no query to show which buttons they pressed.
    "stopped": a suspension or ban in force, said where the member would post.
    "drafting": a reply draft kept (the reply box on a discussion is filled from it).
    "muting": any member muted (their posts fold for this member, community.shells).
    "noting": any standing choice about content notes (always open, always hidden)."""

    def waiting(model):
        return model.objects.filter(author=OuterRef("pk"), deleted_at__isnull=True).filter(
            Q(held_at__isnull=False) | Q(hidden_at__isnull=False)
        )

    row = (
        type(user)
        .objects.filter(pk=user.pk)
        .annotate(
            held_thread=Exists(waiting(Thread)),
            held_reply=Exists(waiting(Reply)),
            reacted=Exists(Reaction.objects.filter(user=OuterRef("pk"))),
            following=Exists(
                Subscription.objects.filter(user=OuterRef("pk"), thread__isnull=False)
            ),
            drafting=Exists(Draft.objects.filter(author=OuterRef("pk"), kind=Draft.Kind.REPLY)),
            muting=Exists(MutedMember.objects.filter(muter=OuterRef("pk"))),
            noting=Exists(ContentNoteChoice.objects.filter(user=OuterRef("pk"))),
            stopped=Subquery(
                Restriction.objects.active()
                .filter(member=OuterRef("pk"), kind__in=STOPPING)
                .values("pk")[:1]
            ),
        )
        .values(*FACT_COLUMNS)
        .first()
    ) or dict.fromkeys(FACT_COLUMNS)
    return {
        "holding": bool(row["held_thread"] or row["held_reply"]),
        "marks": bool(row["reacted"] or row["following"]),
        "stopped": _stopped(row["stopped"]),
        "drafting": bool(row["drafting"]),
        "muting": bool(row["muting"]),
        "noting": bool(row["noting"]),
    }


FACT_COLUMNS = (
    "noting",
    "held_thread",
    "held_reply",
    "reacted",
    "following",
    "drafting",
    "muting",
    "stopped",
)


STOPPING = (Restriction.Kind.SUSPEND, Restriction.Kind.BAN)


def _stopped(restriction_pk):
    """{"message", "until"} of a suspension or ban in force (rare: one more query), else None."""
    if restriction_pk is None:
        return None
    restriction = Restriction.objects.get(pk=restriction_pk)
    return {"message": restriction.stops_posting_message(), "until": restriction.ends_at}


def _follows(user):
    rows = user.subscriptions.filter(thread__isnull=True).values_list("tag_id", "mechanism_id")
    return {
        "tag": frozenset(tag for tag, _ in rows if tag is not None),
        "mechanism": frozenset(mechanism for _, mechanism in rows if mechanism is not None),
    }
