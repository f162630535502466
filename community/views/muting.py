"""Muting a member: the page that asks before muting (from a profile or a post), and the
list of members a member muted, each with "Unmute". Thin wrappers around
community.services.muting; every page here is the member's own, never shared."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from accounts.services import get_member
from community.models import MutedMember
from community.permissions import is_moderator
from community.services.muting import MuteError, has_muted, mute_member, unmute_member


def _back(request, fallback):
    back = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return fallback
    return back or fallback


@login_required
@require_http_methods(["GET", "POST"])
def mute(request, username):
    """/community/members/<name>/mute/: asks first (what muting does, that they are not
    told), then mutes; action=unmute shows their posts again."""
    member = get_member(username)
    if member is None:
        raise Http404("No member has that name.")
    back = _back(request, member.get_absolute_url())
    if request.method == "POST":
        if request.POST.get("action") == "unmute":
            unmute_member(request.user, member)
            messages.success(request, f"You see posts by {member.display_name} again.")
            return redirect(back)
        try:
            mute_member(request.user, member)
        except MuteError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                f"You muted {member.display_name}. Their posts are folded away for you, and "
                "they will not notify you. They are not told.",
            )
        return redirect(back)
    return render(
        request,
        "community/mute_confirm.html",
        {
            "member": member,
            "muted": has_muted(request.user, member),
            "refused": "yourself" if member.pk == request.user.pk else
                       "moderator" if is_moderator(member) else "",
            "next": back,
        },
    )  # fmt: skip


@login_required
@require_GET
def muted_list(request):
    """/community/muted/: the members this member muted, newest first, each with "Unmute"."""
    mutes = MutedMember.objects.filter(muter=request.user).select_related("muted")
    return render(request, "community/muted_list.html", {"mutes": mutes})
