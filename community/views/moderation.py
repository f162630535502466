"""Moderators' actions from the site's own pages: on threads and replies (lock, pin, retag,
hide, approve…) and on members (restrict, lift). Thin wrappers around
community.services.moderation.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.services import get_member
from articles.models import MechanismPage
from community.forms import ModerationForm, RestrictionForm, parse_tags
from community.models import Question, Reply, Restriction, Thread, ThreadEvidence
from community.permissions import is_moderator
from community.presentation import reply_address
from community.services import moderation
from community.services.member_notes import MemberNoteError, write_member_note
from community.services.summaries import (
    SummaryError,
    attach_evidence,
    can_summarise,
    detach_evidence,
    write_summary,
)
from community.services.without_name import RevealError, reveal_author

# What each action did, as a sentence; {noun} is "discussion" or "reply".
DONE = {
    "lock": "The discussion is locked: no one can reply until it is unlocked.",
    "unlock": "The discussion is open for replies again.",
    "pin": "The discussion is pinned to the top of the list.",
    "unpin": "The discussion is no longer pinned.",
    "retag": "The discussion's topics are changed.",
    "hide": "The {noun} is hidden. Its author has been told why.",
    "restore": "The {noun} is shown again.",
    "approve": "The {noun} is published. Its author has been told.",
    "reject": "The {noun} is not published. Its author has been told why.",
    "premoderate": "New replies in this discussion now wait for a moderator.",
    "end_premoderation": "New replies in this discussion appear at once again.",
}


def done_message(action, kind):
    """The confirmation for `action` done to a thread or reply, as a sentence."""
    return DONE[action].format(noun="discussion" if kind == "thread" else "reply")


@login_required
@require_POST
def moderate(request, kind, pk):
    """Moderator actions from the site: lock, pin, change tags, hide and restore."""
    if not is_moderator(request.user):
        raise PermissionDenied("Only moderators can do this.")
    model = Thread if kind == "thread" else Reply
    target = get_object_or_404(model, pk=pk)
    form = ModerationForm(request.POST)
    thread = target if kind == "thread" else target.thread
    if not form.is_valid():
        messages.error(request, "That moderation action is not known.")
        return redirect(thread)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action in ("hide", "restore", "approve", "reject"):
            getattr(moderation, f"{action}_post")(request.user, target, reason)
        elif kind != "thread":
            raise moderation.ModerationError(
                "Only approve, reject, hide and restore apply to replies."
            )
        elif action == "retag":
            moderation.retag_thread(
                request.user, target, parse_tags(form.cleaned_data["tags"]), reason
            )
        elif action == "end_premoderation":
            moderation.end_premoderation_thread(request.user, target, reason)
        else:
            getattr(moderation, f"{action}_thread")(request.user, target, reason)
    except moderation.ModerationError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, done_message(action, kind))
    if kind == "reply":
        target.refresh_from_db(fields=["deleted_at", "hidden_at", "held_at"])
        return redirect(reply_address(request, target))
    return redirect(thread)


def restricted_message(member, restriction):
    name = member.display_name
    if restriction.kind == Restriction.Kind.PREMODERATE:
        what = f"{name}'s posts now wait for a moderator"
    elif restriction.kind == Restriction.Kind.SUSPEND:
        what = f"{name} is suspended from posting"
    else:
        what = f"{name} is banned from posting"
    ends_at = restriction.ends_at
    until = f" until {timezone.localtime(ends_at):%-d %B %Y}" if ends_at else ""
    return f"{what}{until}. The member has been told why by email."


@login_required
@require_POST
def restrict(request, username):
    """A moderator puts a member under pre-moderation, suspends or bans them, from their page."""
    if not is_moderator(request.user):
        raise PermissionDenied("Only moderators can do this.")
    member = get_member(username)
    if member is None:
        raise Http404("No member has that name.")
    form = RestrictionForm(request.POST)
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(problems) + " Nothing was changed.")
        return redirect(member)
    try:
        restriction = moderation.restrict_member(
            request.user,
            member,
            form.cleaned_data["kind"],
            form.cleaned_data["reason"],
            days=form.cleaned_data["days"],
        )
    except moderation.ModerationError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, restricted_message(member, restriction))
    return redirect(member)


@login_required
@require_POST
def lift(request, pk):
    if not is_moderator(request.user):
        raise PermissionDenied("Only moderators can do this.")
    restriction = get_object_or_404(Restriction.objects.select_related("member"), pk=pk)
    try:
        moderation.lift_restriction(request.user, restriction, request.POST.get("reason", ""))
    except moderation.ModerationError as error:
        messages.warning(request, str(error))
    else:
        messages.success(
            request,
            f"The {restriction.label.lower()} of {restriction.member.display_name} is lifted.",
        )
    return redirect(restriction.member)


@login_required
@require_POST
def member_note(request, username):
    """A moderator writes a private note on a member (their page's moderation section)."""
    if not is_moderator(request.user):
        raise PermissionDenied("Only moderators can write notes on a member.")
    member = get_member(username)
    if member is None:
        raise Http404("No member has that name.")
    try:
        write_member_note(request.user, member, request.POST.get("text", ""))
    except MemberNoteError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your note is saved. Only moderators can see it.")
    return redirect(f"{member.get_absolute_url()}#member-notes-heading")


@login_required
@require_POST
def reveal(request, kind, pk):
    """A moderator asks who wrote a discussion or question posted without a name: shown to
    them on a page of its own, and the look is recorded in the audit log."""
    post = get_object_or_404(Thread if kind == "thread" else Question, pk=pk)
    try:
        author = reveal_author(request.user, post)
    except RevealError as error:
        raise PermissionDenied(str(error)) from None
    return render(request, "community/revealed_author.html", {"post": post, "author": author})


def _summarising(request, pk):
    if not can_summarise(request.user):
        raise PermissionDenied("Only moderators and editors can do this.")
    return get_object_or_404(Thread, pk=pk, deleted_at__isnull=True)


@login_required
@require_POST
def summarise(request, pk):
    """A moderator or editor writes a new version of a discussion's "Summary so far"."""
    thread = _summarising(request, pk)
    try:
        write_summary(request.user, thread, request.POST.get("body", ""))
    except SummaryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The summary is saved. Earlier versions are kept.")
    return redirect(thread)


@login_required
@require_POST
def evidence(request, pk):
    """Attach an article (value "<article>") or one of its findings ("<article>:<finding>")
    as "What the evidence says", or take one off (action=remove, evidence=<number>)."""
    thread = _summarising(request, pk)
    try:
        if request.POST.get("action") == "remove":
            item = get_object_or_404(ThreadEvidence, pk=request.POST.get("evidence"), thread=thread)
            detach_evidence(request.user, item)
            messages.success(request, "The evidence is taken off.")
        else:
            page_pk, _, claim = request.POST.get("evidence", "").partition(":")
            page = get_object_or_404(MechanismPage, pk=page_pk) if page_pk.isdigit() else None
            if page is None:
                raise SummaryError("Choose an article or a finding.")
            attach_evidence(request.user, thread, page, claim)
            messages.success(request, "The evidence is shown on the discussion.")
    except SummaryError as error:
        messages.error(request, str(error))
    return redirect(thread)
