"""Community views: thin wrappers around community.services and community.moderation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from taggit.models import Tag

from articles.models import GlossaryTerm, MechanismPage
from community import moderation, services
from community.forms import ModerationForm, ReplyForm, ThreadForm, parse_tags
from community.models import Reply, Thread
from community.permissions import can_edit, can_post, is_moderator

TAG_CLOUD_SIZE = 30


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def tag_cloud():
    return Thread.tags.most_common(min_count=1)[:TAG_CLOUD_SIZE]


@require_GET
def thread_list(request, tag=None):
    """/community/ and /community/tags/<tag>/: threads, pinned first, then latest activity."""
    threads = Thread.objects.listing()
    current_tag = mechanism = None
    if tag is not None:
        current_tag = get_object_or_404(Tag, slug=tag)
        threads = threads.filter(tags__slug=current_tag.slug)
    elif request.GET.get("tag"):
        current_tag = Tag.objects.filter(slug=request.GET["tag"]).first()
        threads = threads.filter(tags__slug=request.GET["tag"])
    if request.GET.get("mechanism"):
        mechanism = MechanismPage.objects.live().filter(slug=request.GET["mechanism"]).first()
        if mechanism is None:
            raise Http404("No article has that name.")
        threads = threads.filter(mechanisms=mechanism)
    return render(
        request,
        "community/thread_list.html",
        {
            "threads": _page(request, threads, settings.COMMUNITY_THREADS_PER_PAGE),
            "current_tag": current_tag,
            "mechanism": mechanism,
            "tag_cloud": tag_cloud(),
            "can_post": can_post(request.user),
        },
    )


def _thread_for(request, pk):
    """A thread the viewer may see: moderators see hidden ones, authors their own."""
    thread = get_object_or_404(Thread.objects.select_related("author"), pk=pk)
    if thread.deleted_at is not None:
        raise Http404("This discussion was deleted by its author.")
    if thread.hidden_at is not None and not (
        is_moderator(request.user) or thread.author_id == request.user.pk
    ):
        raise Http404("This discussion was removed by a moderator.")
    return thread


def _thread_context(request, thread, reply_form=None):
    replies = (
        thread.replies.filter(deleted_at__isnull=True)
        .select_related("author", "quoted__author")
        .order_by("created_at", "pk")
    )
    if not is_moderator(request.user):
        replies = replies.filter(hidden_at__isnull=True)
    mechanisms = list(
        thread.mechanisms.live()
        .public()
        .only("id", "title", "url_path", "evidence_level", "path", "depth")
        .order_by("title")
    )
    return {
        "thread": thread,
        "replies": _page(request, replies, settings.COMMUNITY_REPLIES_PER_PAGE),
        "mechanisms": mechanisms,
        "thread_tags": list(thread.tags.all()),
        "reply_form": reply_form or ReplyForm(),
        "can_reply": can_post(request.user) and not thread.is_locked and thread.is_visible,
        "can_edit_thread": can_edit(request.user, thread),
        "is_moderator": is_moderator(request.user),
    }


@require_GET
def thread_detail(request, pk, slug):
    thread = _thread_for(request, pk)
    if slug != thread.slug:
        return redirect(thread, permanent=True)
    return render(request, "community/thread_detail.html", _thread_context(request, thread))


def _form_context(form, **extra):
    return {
        "form": form,
        "tag_suggestions": sorted(
            {tag.name for tag in tag_cloud()}
            | {term.lower() for term in GlossaryTerm.objects.values_list("term", flat=True)}
        ),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request):
    """/community/new/: start a discussion."""
    if not can_post(request.user):
        messages.warning(request, "Please confirm your email address before you post.")
        return redirect("account_email")
    initial = {}
    if request.GET.get("mechanism"):
        initial["mechanisms"] = MechanismPage.objects.live().filter(slug=request.GET["mechanism"])
    form = ThreadForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(
                request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_data["tags"],
                mechanisms=form.cleaned_data["mechanisms"],
            )
        except services.PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your discussion is posted.")
            return redirect(thread)
    return render(request, "community/thread_form.html", _form_context(form, editing=None))


@login_required
@require_POST
def reply(request, pk):
    thread = _thread_for(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        quoted = None
        if form.cleaned_data["quoted"]:
            quoted = Reply.objects.filter(pk=form.cleaned_data["quoted"], thread=thread).first()
        try:
            new_reply = services.post_reply(
                request.user, thread, body=form.cleaned_data["body"], quoted=quoted
            )
        except services.PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your reply is posted.")
            last_page = Paginator(
                thread.replies.visible(), settings.COMMUNITY_REPLIES_PER_PAGE
            ).num_pages
            return redirect(f"{thread.get_absolute_url()}?page={last_page}#reply-{new_reply.pk}")
    context = _thread_context(request, thread, reply_form=form)
    return render(request, "community/thread_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def edit_thread(request, pk):
    thread = _thread_for(request, pk)
    if not can_edit(request.user, thread):
        raise PermissionDenied("Only the author can edit this discussion.")
    initial = {
        "title": thread.title,
        "body": thread.body,
        "tags": ", ".join(sorted(thread.tags.names())),
        "mechanisms": thread.mechanisms.all(),
    }
    form = ThreadForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.edit_thread(
            request.user,
            thread,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            tags=form.cleaned_data["tags"],
            mechanisms=form.cleaned_data["mechanisms"],
        )
        messages.success(request, "Your changes are saved. The earlier version is kept.")
        return redirect(thread)
    return render(request, "community/thread_form.html", _form_context(form, editing=thread))


def _reply_for_author(request, pk):
    target = get_object_or_404(Reply.objects.select_related("thread"), pk=pk)
    _thread_for(request, target.thread_id)
    if not can_edit(request.user, target):
        raise PermissionDenied("Only the author can change this reply.")
    return target


@login_required
@require_http_methods(["GET", "POST"])
def edit_reply(request, pk):
    target = _reply_for_author(request, pk)
    form = ReplyForm(request.POST or None, initial={"body": target.body})
    if request.method == "POST" and form.is_valid():
        services.edit_reply(request.user, target, body=form.cleaned_data["body"])
        messages.success(request, "Your reply is updated. The earlier version is kept.")
        return redirect(f"{target.thread.get_absolute_url()}#reply-{target.pk}")
    return render(request, "community/reply_form.html", {"form": form, "reply": target})


@login_required
@require_http_methods(["GET", "POST"])
def delete_thread(request, pk):
    thread = _thread_for(request, pk)
    if not can_edit(request.user, thread):
        raise PermissionDenied("Only the author can delete this discussion.")
    if request.method == "POST":
        services.delete_thread(request.user, thread)
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
        services.delete_reply(request.user, target)
        messages.success(request, "Your reply is deleted.")
        return redirect(target.thread)
    return render(request, "community/confirm_delete.html", {"target": target, "kind": "reply"})


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
        if action in ("hide", "restore"):
            getattr(moderation, f"{action}_post")(request.user, target, reason)
        elif kind != "thread":
            raise moderation.ModerationError("Only hide and restore apply to replies.")
        elif action == "retag":
            moderation.retag_thread(
                request.user, target, parse_tags(form.cleaned_data["tags"]), reason
            )
        else:
            getattr(moderation, f"{action}_thread")(request.user, target, reason)
    except moderation.ModerationError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, f"Done: {dict(ModerationForm.ACTIONS)[action].lower()}.")
    return redirect(thread)
