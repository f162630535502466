"""Who may do what in the community."""

from accounts.members import facts


def is_moderator(user):
    """A superuser or in the Moderators group (cached per member: accounts/members.py)."""
    return facts(user)["moderator"]


def can_post(user):
    """Signed in, active, not deleted, with a confirmed email address."""
    return facts(user)["can_post"]


def can_edit(user, post):
    """Authors edit (and delete) their own posts, also while held; moderators hide, not edit."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.deleted_at is None
        and post.hidden_at is None
    )
