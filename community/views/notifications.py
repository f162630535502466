"""A member's notifications and follows (threads, tags and mechanism articles)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from taggit.models import Tag

from accounts import members
from articles.models import MechanismPage
from articles.visibility import visible_pages, visible_to
from community.models import Thread
from community.presentation import paginate
from community.services import notifications

FOLLOW_TARGETS = {
    "thread": lambda value, user: {"thread": get_object_or_404(Thread.objects.visible(), pk=value)},
    "tag": lambda value, user: {"tag": get_object_or_404(Tag, slug=value)},
    # An article the member may not see is an unknown one (articles.visibility).
    "mechanism": lambda value, user: {
        "mechanism": get_object_or_404(visible_to(MechanismPage.objects, user), slug=value)
    },
}


@login_required
@require_POST
def follow(request, kind, value):
    """Follow or unfollow a thread, a tag or a mechanism article."""
    if kind not in FOLLOW_TARGETS:
        raise Http404("You cannot follow that.")
    target = FOLLOW_TARGETS[kind](value, request.user)
    if request.POST.get("action") == "unfollow":
        notifications.unfollow(request.user, **target)
        messages.success(request, "You no longer follow this.")
    else:
        notifications.follow(request.user, **target)
        messages.success(request, "You follow this now. We will tell you about new replies.")
    return redirect(request.POST.get("next") or "community:index")


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    """/community/notifications/: what is new for the member; POST marks all as read."""
    if request.method == "POST":
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        members.forget(request.user)  # the unread count (update() sends no signals)
        messages.success(request, "All notifications are marked as read.")
        return redirect("community:notifications")
    items = request.user.notifications.select_related("thread", "question", "actor")
    return render(
        request,
        "community/notifications.html",
        {"notifications": paginate(request, items, 30), "follows": _follows(request.user)},
    )


@login_required
@require_GET
def open_notification(request, pk):
    """/community/notifications/<id>/open/: marks one of the member's notifications read and
    takes them to what it is about (another member's notification is not found)."""
    notification = get_object_or_404(request.user.notifications, pk=pk)
    target = notifications.open_notification(request.user, notification)
    return redirect(target or "community:notifications")


def _follows(user):
    """The member's follows; an article they may no longer see is left out, unnamed."""
    follows = list(
        user.subscriptions.select_related("thread", "tag", "mechanism").order_by("-created_at")
    )
    shown = {page.pk for page in visible_pages([f.mechanism for f in follows], user)}
    return [f for f in follows if f.mechanism_id is None or f.mechanism_id in shown]
