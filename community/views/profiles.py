"""A member's public page: their name, bio, recent discussions and published answers, and
for the member themselves and moderators, the restrictions on their account. Moderators also
see the recent reports against the member's posts and their posts that were not published or
were hidden, in a fixed number of queries."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.display_names import reserved_for
from accounts.services import get_member
from common.markdown import render_markdown
from community.forms import RestrictionForm
from community.models import Answer, Question, Reply, Report, Restriction, Thread
from community.permissions import is_moderator
from community.services.member_notes import notes_on
from community.services.muting import has_muted

RECENT = 10


def member_reports(member):
    """The latest reports against the member's discussions and replies, any status."""
    return list(
        Report.objects.filter(Q(thread__author=member) | Q(reply__author=member))
        .exclude(thread__without_name=True)  # would name who wrote it, unrecorded
        .select_related("thread", "reply__thread")
        .order_by("-created_at")[:RECENT]
    )


def removed_posts(member):
    """The member's latest posts that others cannot see because a moderator decided so:
    discussions and replies hidden (or rejected when held), questions and answers not
    published. Five queries, newest first."""
    posts = []
    hidden = {"author": member, "hidden_at__isnull": False, "deleted_at__isnull": True}
    # Posts made without a name are left out: who wrote one is asked for on the post itself,
    # and the look is recorded (community.services.without_name).
    for thread in Thread.objects.filter(**hidden, without_name=False).order_by("-hidden_at")[
        :RECENT
    ]:
        posts.append(("Discussion", thread.title, thread.get_absolute_url(),
                      thread.hidden_reason, thread.hidden_at))  # fmt: skip
    replies = Reply.objects.filter(**hidden).select_related("thread").order_by("-hidden_at")
    for reply in replies[:RECENT]:
        posts.append(("Reply", f"In “{reply.thread.title}”", reply.get_absolute_url(),
                      reply.hidden_reason, reply.hidden_at))  # fmt: skip
    rejected = {"author": member, "status": "rejected"}
    questions = Question.objects.filter(**rejected, without_name=False).order_by("-created_at")
    for question in questions[:RECENT]:
        posts.append(("Question", question.title, question.get_absolute_url(),
                      question.rejection_reason, question.created_at))  # fmt: skip
    answers = Answer.objects.filter(**rejected).select_related("question").order_by("-created_at")
    for answer in answers[:RECENT]:
        posts.append(("Answer", f"To “{answer.question.title}”",
                      f"{answer.question.get_absolute_url()}#answer-{answer.pk}",
                      answer.rejection_reason, answer.created_at))  # fmt: skip
    posts.sort(key=lambda post: post[4], reverse=True)
    keys = ("kind", "title", "url", "reason", "when")
    return [dict(zip(keys, post, strict=True)) for post in posts[:RECENT]]


@require_GET
def profile(request, username):
    """/members/<name>/: a member's public page. A name its member changed away from in
    the last months (accounts.display_names) leads to their page under the new name."""
    member = get_member(username)
    if member is None:
        holder = reserved_for(username)
        if holder is not None and holder.is_active:
            return redirect(holder.get_absolute_url(), permanent=False)
        raise Http404("No member has that name.")
    is_own = request.user == member
    moderating = is_moderator(request.user)
    restrictions = []
    if is_own or moderating:
        restrictions = list(
            Restriction.objects.filter(member=member).select_related("created_by")[:20]
        )
        now = timezone.now()  # as Restriction.objects.active(), without asking again
        for restriction in restrictions:
            restriction.is_active = restriction.lifted_at is None and (
                restriction.ends_at is None or restriction.ends_at > now
            )
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
                # Never the discussions they started without their name.
                Thread.objects.visible()
                .filter(author=member, without_name=False)
                .order_by("-created_at")[:10]
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
            "has_muted": has_muted(request.user, member),
            "reports": member_reports(member) if moderating and not is_own else [],
            "removed_posts": removed_posts(member) if moderating and not is_own else [],
            "restriction_form": RestrictionForm() if moderating and not is_own else None,
            # Moderators' private notes: on this page for moderators only, never the member.
            "notes": notes_on([member.pk], per_member=50)[member.pk]
            if moderating and not is_own
            else [],
        },
    )
