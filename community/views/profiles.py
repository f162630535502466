"""A member's public page: their name, bio, recent discussions and published answers, and
for the member themselves and moderators, the restrictions on their account."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.services import get_member
from common.markdown import render_markdown
from community.forms import RestrictionForm
from community.models import Answer, Restriction, Thread
from community.permissions import is_moderator


@require_GET
def profile(request, username):
    """/members/<name>/: a member's public page."""
    member = get_member(username)
    if member is None:
        raise Http404("No member has that name.")
    is_own = request.user == member
    moderating = is_moderator(request.user)
    restrictions = []
    if is_own or moderating:
        restrictions = list(
            Restriction.objects.filter(member=member).select_related("created_by")[:20]
        )
        active = set(
            Restriction.objects.active().filter(member=member).values_list("pk", flat=True)
        )
        for restriction in restrictions:
            restriction.is_active = restriction.pk in active
        if not moderating:
            restrictions = [r for r in restrictions if r.is_active]
    return render(
        request,
        "community/member_profile.html",
        {
            "member": member,
            "bio_html": render_markdown(member.bio),
            "is_own": is_own,
            "threads": list(
                Thread.objects.visible().filter(author=member).order_by("-created_at")[:10]
            ),
            "answers": list(
                Answer.objects.filter(
                    author=member,
                    status=Answer.Status.PUBLISHED,
                    question__status="published",
                )
                .select_related("question")
                .order_by("-created_at")[:10]
            ),
            "restrictions": restrictions,
            "is_moderator": moderating,
            "restriction_form": RestrictionForm() if moderating and not is_own else None,
        },
    )
