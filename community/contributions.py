"""Threads and replies in "Download my data" and account deletion (accounts.contributions)."""

from accounts.contributions import Contribution, register
from community.models import Reply, Thread


def export_threads(user):
    return [
        {
            "title": thread.title,
            "body": thread.body,
            "created_at": thread.created_at.isoformat(),
            "url": thread.get_absolute_url(),
            "tags": sorted(thread.tags.names()),
            "deleted": thread.deleted_at is not None,
        }
        for thread in Thread.objects.filter(author=user).prefetch_related("tags").order_by("pk")
    ]


def export_replies(user):
    return [
        {
            "thread": reply.thread.title,
            "body": reply.body,
            "created_at": reply.created_at.isoformat(),
            "deleted": reply.deleted_at is not None,
        }
        for reply in Reply.objects.filter(author=user).select_related("thread").order_by("pk")
    ]


def erase(model):
    """Replace the text of every post by `user`, and drop its edit history: the member asked
    for their words to be removed, so no earlier version may keep them."""

    def erase_posts(user, text):
        posts = list(model.objects.filter(author=user))
        for post in posts:
            post.body = text
            post.save()  # re-renders body_html
            post.edits.all().delete()
        return len(posts)

    return erase_posts


def register_contributions():
    for name, model, exporter in (
        ("threads", Thread, export_threads),
        ("replies", Reply, export_replies),
    ):
        register(
            Contribution(
                name=name,
                count=lambda user, model=model: model.objects.filter(author=user).count(),
                export=exporter,
                erase=erase(model),
            )
        )
