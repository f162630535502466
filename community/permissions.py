"""Who may do what in the community."""

from allauth.account.models import EmailAddress

from accounts.roles import MODERATORS


def is_moderator(user):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=MODERATORS).exists()
    )


def can_post(user):
    """Signed in, active, not deleted, with a confirmed email address."""
    if not user.is_authenticated or not user.is_active or user.is_deleted:
        return False
    return user.is_superuser or EmailAddress.objects.filter(user=user, verified=True).exists()


def can_edit(user, post):
    """Authors edit (and delete) their own posts, also while held; moderators hide, not edit."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.deleted_at is None
        and post.hidden_at is None
    )
