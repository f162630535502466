"""Discussion pages: the list of threads, a thread and its replies, posting, editing and
deleting, reporting and reacting. Thin wrappers around community.services.posting.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from taggit.models import Tag

from accounts.members import facts as members_facts
from articles.models import GlossaryTerm, MechanismPage, SiteSettings
from articles.visibility import reader_key, visible_to
from caching import fragments
from common.ratelimits import limit
from community.draft_forms import initial_from, keep_draft
from community.forms import ReplyEditForm, ReplyForm, ReportForm, ThreadForm, with_unseen_links
from community.models import Draft, HoldReason, Reaction, Reply, Report, Thread
from community.permissions import can_edit, can_post, is_moderator
from community.presentation import (
    attach_open_reports,
    attach_set_aside,
    attach_shared_html,
    discussion_json_ld,
    evidence_cards,
    latest_summary,
    mechanism_asked_for,
    paginate,
    replies_shown,
    reply_address,
    reply_is_shown,
    summary_tools,
    tag_cloud,
    with_summary_flags,
)
from community.services import posting
from community.services.drafts import draft_for
from community.shells import shared_with_members

CRISIS_MESSAGE = (
    "If you or someone else is in danger right now, call your local emergency number. "
    "In the UK you can call Samaritans on 116 123, free, day or night."
)


@require_GET
@shared_with_members
def thread_list(request, tag=None):
    """/community/ and /community/tags/<tag>/: threads, pinned first, then latest activity."""
    threads = Thread.objects.listing()
    current_tag = mechanism = None
    if tag is not None:
        current_tag = fragments.cached("tag", lambda: Tag.objects.filter(slug=tag).first(), tag)
        if current_tag is None:
            raise Http404("No topic has that name.")
        threads = threads.filter(tags__slug=current_tag.slug)
    elif request.GET.get("tag"):
        current_tag = Tag.objects.filter(slug=request.GET["tag"]).first()
        threads = threads.filter(tags__slug=request.GET["tag"])
    if request.GET.get("mechanism"):
        mechanism = mechanism_asked_for(request)
        threads = threads.filter(mechanisms=mechanism)
    # Names this list for its cached count and rows: exactly the filters applied above.
    list_name = f"threads:{tag or request.GET.get('tag', '')}:{request.GET.get('mechanism', '')}"
    mine = _own_unpublished(request, current_tag, mechanism)
    response = render(
        request,
        "community/thread_list.html",
        {
            "threads": paginate(
                request, threads, settings.COMMUNITY_THREADS_PER_PAGE, count_name=list_name
            ),
            "list_name": list_name,
            "current_tag": current_tag,
            "mechanism": mechanism,
            "mine": mine,
            "tag_cloud": SimpleLazyObject(tag_cloud),  # read only to build its fragment
        },
    )
    if mine:  # shows the member's own unpublished posts: never shared (community/shells.py)
        patch_cache_control(response, private=True)
    return response


OWN_UNPUBLISHED_SHOWN = 10


def _own_unpublished(request, current_tag, mechanism):
    """The member's own discussions in this list that others do not see: waiting for a
    moderator, not published or hidden. Asked only of members who have one (the "holding"
    fact, community/member_facts.py), so other members' lists cost no query."""
    user = request.user
    if not user.is_authenticated:
        return []
    if not members_facts(user).get("holding"):
        return []
    threads = (
        Thread.objects.filter(author=user, deleted_at__isnull=True)
        .filter(Q(held_at__isnull=False) | Q(hidden_at__isnull=False))
        .order_by("-created_at", "-pk")
    )
    if current_tag is not None:
        threads = threads.filter(tags__slug=current_tag.slug)
    if mechanism is not None:
        threads = threads.filter(mechanisms=mechanism)
    mine = list(threads[:OWN_UNPUBLISHED_SHOWN])
    attach_set_aside(mine)
    return mine


def _thread_for(request, pk):
    """A thread the viewer may see: moderators see hidden ones, authors their own."""
    thread = get_object_or_404(with_summary_flags(Thread.objects.select_related("author")), pk=pk)
    if thread.deleted_at is not None:
        raise Http404("This discussion was deleted by its author.")
    if thread.hidden_at is not None and not (
        is_moderator(request.user) or thread.author_id == request.user.pk
    ):
        raise Http404("This discussion was removed by a moderator.")
    if thread.held_at is not None and not (
        is_moderator(request.user) or thread.author_id == request.user.pk
    ):
        raise Http404("This discussion is waiting for a moderator.")
    return thread


def _replies_shown(request, thread):
    """The replies this reader sees on the thread's pages (presentation.replies_shown)."""
    return replies_shown(thread, request.user, moderator=is_moderator(request.user))


GONE_MESSAGES = {
    "deleted": "That reply was deleted by its author. Here is the discussion it was in.",
    "hidden": "That reply was removed by a moderator. Here is the discussion it was in.",
    "held": "That reply is waiting for a moderator. Here is the discussion it is in.",
}


@require_GET
def reply_link(request, pk):
    """/community/r/<pk>/: a reply's lasting address, used by notifications, emails, the
    moderation queue and every "back to the reply" link. It sends the reader to the page of
    the discussion that holds the reply now, or to the discussion with a note saying why the
    reply is not there."""
    reply = get_object_or_404(Reply.objects.select_related("thread"), pk=pk)
    _thread_for(request, reply.thread_id)  # a discussion the reader may not see is a 404
    if not reply_is_shown(reply, request.user, moderator=is_moderator(request.user)):
        gone = "deleted" if reply.deleted_at else "hidden" if reply.hidden_at else "held"
        messages.info(request, GONE_MESSAGES[gone])
    return redirect(reply_address(request, reply))


def _thread_context(request, thread, reply_form=None):
    replies = (
        _replies_shown(request, thread)
        .select_related("author", "quoted__author")
        .order_by("created_at", "pk")
    )
    # Read only when the template's cached "about" fragment is missing (see the template),
    # which is kept for each set of readers who may see the same articles (reader_key).
    mechanisms = SimpleLazyObject(
        lambda: list(
            visible_to(thread.mechanisms, request.user)
            .only("id", "title", "url_path", "evidence_level", "path", "depth")
            .order_by("title")
        )
    )
    page = paginate(request, replies, settings.COMMUNITY_REPLIES_PER_PAGE)
    attach_shared_html(
        thread, page.object_list, is_moderator(request.user), request.user.is_authenticated
    )
    if is_moderator(request.user):
        attach_open_reports(thread, page.object_list)
    attach_set_aside([thread])
    reply_form, quoting = _reply_form_quoting(request, thread, reply_form)
    return {
        "thread": thread,
        "replies": page,
        "reaction_kinds": Reaction.Kind.choices,
        "json_ld": discussion_json_ld(request, thread, page.object_list),
        "mechanisms": mechanisms,
        "reader_key": reader_key(request.user),
        "thread_tags": SimpleLazyObject(lambda: list(thread.tags.all())),
        "reply_form": reply_form,
        "quoting": quoting,
        "is_moderator": is_moderator(request.user),
        # Read only when the cached "summary" fragment is missing (see the template).
        "summary": SimpleLazyObject(lambda: latest_summary(thread)),
        "evidence": SimpleLazyObject(lambda: evidence_cards(thread, request.user)),
        **summary_tools(request.user, thread),
    }


QUOTE_WORDS = 60


def _reply_form_quoting(request, thread, reply_form):
    """The reply form, and the reply it quotes (or None). A "Quote" link (no JavaScript
    needed) comes back with ?quote=<reply number>, or ?quote=start for the opening post,
    whose words are put in the reply as a Markdown quote to trim."""
    if reply_form is None:
        asked, initial = request.GET.get("quote", ""), {}
        if asked == "start" and thread.is_visible:
            words = Truncator(thread.body.strip()).words(QUOTE_WORDS)
            lines = [f"> {line}".rstrip() for line in words.splitlines()]
            initial["body"] = "\n".join([f"> {thread.byline} wrote:", ">", *lines, "", ""])
        elif asked.isdigit():
            initial["quoted"] = int(asked)
        reply_form = ReplyForm(initial=initial)
    quoted = reply_form["quoted"].value()
    quoting = None
    if str(quoted or "").isdigit():
        quoting = thread.replies.visible().select_related("author").filter(pk=int(quoted)).first()
        if quoting is None and not reply_form.is_bound:
            reply_form = ReplyForm()  # an unknown or removed reply: nothing is quoted
    return reply_form, quoting


@require_GET
@shared_with_members
def thread_detail(request, pk, slug):
    thread = _thread_for(request, pk)
    if slug != thread.slug:
        return redirect(thread, permanent=True)
    response = render(request, "community/thread_detail.html", _thread_context(request, thread))
    if not thread.is_visible:  # its author's own page (held or hidden): never shared
        patch_cache_control(response, private=True)
    return response


HELD_MESSAGES = {
    HoldReason.NEW_MEMBER: "Thank you. A new member's first posts are checked by a moderator "
    "before others see them, usually within a day. Only you can see it until then.",
    HoldReason.PREMODERATED: "Thank you. A moderator will check your post before others see "
    "it. Only you can see it until then.",
    HoldReason.PERSONAL_DETAILS: "Your post seems to include a phone number or an email "
    "address. To keep you safe, a moderator will check it before others see it. You can edit "
    "it to take them out.",
    HoldReason.WORD_LIST: "Thank you. A moderator will check your post before others see it, "
    "usually within a day.",
    HoldReason.WITHOUT_NAME: "Thank you. A moderator will read your post first, usually within "
    "a day. Then others will see it from “A member”. Only you can see it until then.",
}


def _after_posting(request, post, url):
    """Where a member goes after posting: their post, or help at once if they may be in crisis."""
    if post.held_at is None:
        messages.success(request, "Your post is published.")
        return redirect(url)
    if post.hold_reason == HoldReason.CRISIS:
        messages.info(request, "A moderator will read your post soon. You are not alone.")
        return redirect(f"{reverse('community:support')}?next={url}")
    messages.info(request, HELD_MESSAGES[post.hold_reason])
    return redirect(url)


@require_GET
def support(request):
    """/community/support/: where to get help right now; shown at once after a crisis hold."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return render(
        request,
        "community/support.html",
        {
            "resources": SiteSettings.load(request_or_site=request).crisis_resources,
            "next_url": next_url,
        },
    )


def _form_context(form, **extra):
    return {
        "form": form,
        "tag_suggestions": sorted(
            {tag["name"] for tag in tag_cloud()}
            | {term.lower() for term in GlossaryTerm.objects.values_list("term", flat=True)}
        ),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
@limit("post")
def new_thread(request):
    """/community/new/: start a discussion."""
    if not can_post(request.user):
        messages.warning(request, "Please confirm your email address before you post.")
        return redirect("account_email")
    if request.method == "POST" and "save_draft" in request.POST:
        return keep_draft(request, Draft.Kind.THREAD)
    draft = draft_for(request.user, Draft.Kind.THREAD)
    initial = initial_from(draft)  # what they were writing last time comes back
    if request.GET.get("mechanism"):
        initial["mechanisms"] = visible_to(MechanismPage.objects, request.user).filter(
            slug=request.GET["mechanism"]
        )
    form = ThreadForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "GET":
        try:  # said before they type: a suspension, a ban, a new member's limit for today
            posting.check_can_post(request.user, "thread")
        except posting.PostingError as error:
            context = {**_form_context(form, editing=None, draft=draft), "refused": str(error)}
            return render(request, "community/thread_form.html", context)
    if request.method == "POST" and form.is_valid():
        try:
            thread = posting.start_thread(
                request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_data["tags"],
                mechanisms=form.cleaned_data["mechanisms"],
                note=form.cleaned_data["note"],
                without_name=form.cleaned_data["without_name"],
            )
        except posting.PostingError as error:
            form.add_error(None, str(error))
        else:
            return _after_posting(request, thread, thread.get_absolute_url())
    context = _form_context(form, editing=None, draft=draft)
    return render(request, "community/thread_form.html", context)


@login_required
@require_POST
@limit("post")
def reply(request, pk):
    thread = _thread_for(request, pk)
    if "save_draft" in request.POST:
        return keep_draft(
            request, Draft.Kind.REPLY, thread, f"{thread.get_absolute_url()}#reply-form"
        )
    form = ReplyForm(request.POST)
    if form.is_valid():
        quoted = None
        if form.cleaned_data["quoted"]:
            quoted = Reply.objects.filter(pk=form.cleaned_data["quoted"], thread=thread).first()
        try:
            new_reply = posting.post_reply(
                request.user,
                thread,
                body=form.cleaned_data["body"],
                quoted=quoted,
                note=form.cleaned_data["note"],
            )
        except posting.PostingError as error:
            form.add_error(None, str(error))
        else:
            return _after_posting(request, new_reply, reply_address(request, new_reply))
    context = _thread_context(request, thread, reply_form=form)
    return render(request, "community/thread_detail.html", context, status=400)


def _is_own_set_aside(user, post):
    """A post of the member's that a moderator rejected or hid: they may change and resend it."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.deleted_at is None
        and post.hidden_at is not None
    )


RESENT_MESSAGE = (
    "Thank you. Your post is sent again. A moderator will read it, usually within a day. "
    "Only you can see it until then. The earlier version is kept."
)


def _note_initial(post):
    """The content note fields as the post has them."""
    if post.content_note_kind_id:
        return {"content_note": str(post.content_note_kind_id)}
    if post.content_note:
        return {"content_note": "other", "content_note_other": post.content_note}
    return {}


@login_required
@require_http_methods(["GET", "POST"])
def edit_thread(request, pk):
    """Change a discussion; one a moderator rejected or hid is sent again for review."""
    thread = _thread_for(request, pk)
    resending = _is_own_set_aside(request.user, thread)
    if not (resending or can_edit(request.user, thread)):
        raise PermissionDenied("Only the author can edit this discussion.")
    initial = {
        "title": thread.title,
        "body": thread.body,
        "tags": ", ".join(sorted(thread.tags.names())),
        "mechanisms": thread.mechanisms.all(),
        **_note_initial(thread),
    }
    form = ThreadForm(request.POST or None, initial=initial, user=request.user, new=False)
    if request.method == "POST" and form.is_valid():
        change = posting.resubmit_thread if resending else posting.edit_thread
        try:
            thread = change(
                request.user,
                thread,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_data["tags"],
                mechanisms=with_unseen_links(
                    thread.mechanisms, form.cleaned_data["mechanisms"], request.user
                ),
                **({} if resending else {"note": form.cleaned_data["note"]}),
            )
        except posting.PostingError as error:
            form.add_error(None, str(error))
        else:
            if resending:
                messages.info(request, RESENT_MESSAGE)
            else:
                messages.success(request, "Your changes are saved. The earlier version is kept.")
            return redirect(thread)
    if resending:
        attach_set_aside([thread])
    return render(
        request,
        "community/thread_form.html",
        _form_context(form, editing=thread, resending=resending),
    )


def _reply_for_author(request, pk, *, set_aside=False):
    """The member's own reply; with `set_aside`, also one a moderator rejected or hid."""
    target = get_object_or_404(Reply.objects.select_related("thread"), pk=pk)
    _thread_for(request, target.thread_id)
    if set_aside and _is_own_set_aside(request.user, target):
        return target
    if not can_edit(request.user, target):
        raise PermissionDenied("Only the author can change this reply.")
    return target


@login_required
@require_http_methods(["GET", "POST"])
def edit_reply(request, pk):
    """Change a reply; one a moderator rejected or hid is sent again for review."""
    target = _reply_for_author(request, pk, set_aside=True)
    resending = target.hidden_at is not None
    form = ReplyEditForm(request.POST or None, initial={"body": target.body})
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        try:
            if resending:
                posting.resubmit_reply(request.user, target, body=body)
            else:
                posting.edit_reply(request.user, target, body=body)
        except posting.PostingError as error:
            form.add_error(None, str(error))
        else:
            if resending:
                messages.info(request, RESENT_MESSAGE)
            else:
                messages.success(request, "Your reply is updated. The earlier version is kept.")
            target.refresh_from_db()
            return redirect(reply_address(request, target))
    if resending:
        attach_set_aside([target])
    return render(
        request,
        "community/reply_form.html",
        {
            "form": form,
            "reply": target,
            "resending": resending,
            "back": reply_address(request, target),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_thread(request, pk):
    thread = _thread_for(request, pk)
    if not can_edit(request.user, thread):
        raise PermissionDenied("Only the author can delete this discussion.")
    if request.method == "POST":
        posting.delete_thread(request.user, thread)
        messages.success(request, "Your discussion is deleted.")
        return redirect("community:index")
    return render(
        request, "community/confirm_delete.html", {"target": thread, "kind": "discussion"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_reply(request, pk):
    target = _reply_for_author(request, pk)
    if request.method == "POST":
        posting.delete_reply(request.user, target)
        messages.success(request, "Your reply is deleted.")
        return redirect(target.thread)
    return render(request, "community/confirm_delete.html", {"target": target, "kind": "reply"})


def _target(kind, pk):
    model = Thread if kind == "thread" else Reply
    post = get_object_or_404(model, pk=pk)
    thread = post if kind == "thread" else post.thread
    if not post.is_visible or not thread.is_visible:
        raise Http404("That post is no longer available.")
    return post, thread


@login_required
@require_http_methods(["GET", "POST"])
@limit("report")
def report(request, kind, pk):
    """/community/t|r/<pk>/report/: tell the moderators about a thread or a reply.

    A page of its own, linked from every post, rather than a form under every post: a long
    thread stays light to load (a link per post instead of a form listing every article),
    and a report with a mistake comes back with what the member wrote, not lost."""
    post, thread = _target(kind, pk)
    back = reply_address(request, post) if kind == "reply" else thread.get_absolute_url()
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            posting.report_post(request.user, post, **form.cleaned_data)
        except posting.PostingError as error:
            messages.info(request, str(error))
        else:
            if form.cleaned_data["reason"] == Report.Reason.CRISIS:
                messages.warning(request, CRISIS_MESSAGE)
            messages.success(request, "Thank you. A moderator will look at it soon.")
        return redirect(back)
    if form.errors:
        messages.error(request, "Please check the form below. Nothing was sent yet.")
    return render(
        request,
        "community/report_form.html",
        {"form": form, "post": post, "kind": kind, "thread": thread, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def react(request, kind, pk):
    """Add or take back a "Helpful" or "Me too" reaction."""
    post, thread = _target(kind, pk)
    reaction = request.POST.get("reaction")
    if reaction not in Reaction.Kind.values:
        messages.error(request, "That reaction is not known.")
        return redirect(thread)
    try:
        posting.toggle_reaction(request.user, post, reaction)
    except posting.PostingError as error:
        messages.info(request, str(error))
    return redirect(reply_address(request, post) if kind == "reply" else thread)
