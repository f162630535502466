"""A member's drafts: the list of them, throwing one away, and saving while typing.

Thin wrappers around community.services.drafts. Every page here is the member's own (never
shared, community.shells), and every draft is reached through its author only: another
member's draft is "not found".
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from common.ratelimits import limit
from community.draft_forms import extra_from
from community.models import Draft, Question, Thread
from community.permissions import can_post
from community.services.drafts import DraftError, discard_draft, save_draft


@login_required
@require_GET
def draft_list(request):
    """/community/drafts/: every draft the member keeps, newest first, each with its way
    back to the form it belongs to."""
    drafts = Draft.objects.filter(author=request.user).select_related("thread", "question")
    return render(request, "community/drafts.html", {"drafts": drafts})


@login_required
@require_POST
def discard(request, pk):
    """Throw one draft away (the member chose to start again)."""
    draft = get_object_or_404(Draft, pk=pk, author=request.user)
    discard_draft(request.user, draft.form_key)
    messages.success(request, "The draft is thrown away.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "community:drafts")


def _target(kind, value):
    """The discussion or question a reply or answer draft belongs to, if the form for it
    can be open: a visible discussion, or a published question. None for other kinds."""
    if kind == Draft.Kind.REPLY:
        if not str(value).isdigit():
            raise DraftError("That discussion is not known.")
        return get_object_or_404(Thread.objects.visible(), pk=int(value))
    if kind == Draft.Kind.ANSWER:
        if not str(value).isdigit():
            raise DraftError("That question is not known.")
        return get_object_or_404(Question.objects.published(), pk=int(value))
    return None


@login_required
@require_POST
@limit("similar")  # as often as the ask page's suggestions: a save every few seconds
def autosave(request):
    """/community/drafts/save/: static/js/drafts.js sends the form here every few seconds
    while the member types, and when they leave the page. Answers in JSON."""
    if not can_post(request.user):
        return JsonResponse(
            {"saved": False, "message": "Drafts are kept for members who post."}, status=403
        )
    kind = request.POST.get("draft_kind", "")
    try:
        target = _target(kind, request.POST.get("draft_target", ""))
        saved = save_draft(
            request.user,
            kind=kind,
            target=target,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
            extra=extra_from(kind, request.POST) if kind in Draft.Kind.values else {},
        )
    except DraftError as error:
        return JsonResponse({"saved": False, "message": str(error)}, status=400)
    if saved is None:
        return JsonResponse({"saved": False, "message": ""})
    when = timezone.localtime(saved).strftime("%H:%M")
    return JsonResponse({"saved": True, "message": f"Draft saved at {when}."})
