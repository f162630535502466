"""Q&A pages: the list of questions, a question and its answers, asking, answering, accepting,
and moderators' decisions on them. Thin wrappers around community.services.questions and
community.services.moderation.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.search.backends import get_search_backend

from articles.models import MechanismPage
from articles.visibility import may_see, reader_key, visible_to
from caching.fragments import cached
from common.ratelimits import limit
from community.draft_forms import initial_from, keep_draft
from community.forms import AnswerForm, PromoteForm, QuestionForm, with_unseen_links
from community.models import Answer, Draft, Question
from community.permissions import can_post, is_moderator
from community.presentation import mechanism_asked_for, paginate, qa_json_ld
from community.search import backend_query, faq_entries, similar_faqs, similar_query
from community.services import faq, moderation
from community.services.drafts import draft_for
from community.services.muting import muted_ids
from community.services.posting import PostingError
from community.services.questions import accept_answer, ask_question, post_answer, resubmit_question

SIMILAR_LIMIT = 5
QUERY_MAX_LENGTH = 200


def similar(query, user=None):
    """Published questions, articles and FAQ entries `user` may see (articles.visibility)
    like `query`, a question as a member types it, for the ask page; synonyms from the
    glossary count as the words they stand for."""
    query = query[:QUERY_MAX_LENGTH]
    search_query = similar_query(query) if len(backend_query(query)) >= 3 else None
    if search_query is None:
        return [], [], []
    backend = get_search_backend()
    questions = list(backend.search(search_query, Question.objects.published())[:SIMILAR_LIMIT])
    articles = list(visible_to(MechanismPage.objects, user).search(search_query)[:SIMILAR_LIMIT])
    entries = cached("similar-faq-entries", lambda: faq_entries(user), reader_key(user))
    return questions, articles, similar_faqs(query, entries)


@require_GET
@limit("similar", method="GET")
def similar_json(request):
    """/questions/similar/?q=…: what the ask page suggests while the member types."""
    questions, articles, faqs = similar(request.GET.get("q", ""), request.user)
    return JsonResponse(
        {
            "questions": [{"title": q.title, "url": q.get_absolute_url()} for q in questions],
            "faqs": faqs,
            "articles": [{"title": a.title, "url": a.url} for a in articles],
        }
    )


@require_GET
def question_list(request):
    """/questions/: published questions, newest first; filter by article."""
    questions = Question.objects.published().select_related("author")
    mechanism = None
    if request.GET.get("mechanism"):
        mechanism = mechanism_asked_for(request)
        questions = questions.filter(mechanisms=mechanism)
    page = paginate(request, questions, settings.COMMUNITY_THREADS_PER_PAGE)
    mine = []
    if request.user.is_authenticated:
        mine = list(
            Question.objects.filter(author=request.user)
            .exclude(status=Question.Status.PUBLISHED)
            .order_by("-created_at")[:10]
        )
    return render(
        request,
        "community/question_list.html",
        {
            "questions": page,
            "mechanism": mechanism,
            "mine": mine,
            "can_post": can_post(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@limit("post")
def ask(request):
    """/questions/ask/: ask a question; a moderator checks it before it is published."""
    if not can_post(request.user):
        messages.warning(request, "Please confirm your email address before you ask.")
        return redirect("account_email")
    if request.method == "POST" and "save_draft" in request.POST:
        return keep_draft(request, Draft.Kind.QUESTION)
    draft = draft_for(request.user, Draft.Kind.QUESTION)
    title = request.GET.get("title", "") or (draft.title if draft else "")
    initial = {**initial_from(draft), "title": title}
    if request.GET.get("mechanism"):  # asked from an article: that article is ticked
        initial["mechanisms"] = visible_to(MechanismPage.objects, request.user).filter(
            slug=request.GET["mechanism"]
        )
    form = QuestionForm(request.POST or None, initial=initial, user=request.user)
    checking = request.method == "POST" and "check" in request.POST
    if request.method == "POST" and not checking and form.is_valid():
        try:
            question = ask_question(
                request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                mechanisms=form.cleaned_data["mechanisms"],
                without_name=form.cleaned_data["without_name"],
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Thank you. A moderator will check your question, usually within a day. "
                "Only you can see it until then.",
            )
            return redirect(question)
    if checking:  # "Check for similar questions" without JavaScript: nothing is sent yet
        typed = {
            "title": request.POST.get("title", ""),
            "body": request.POST.get("body", ""),
            "mechanisms": request.POST.getlist("mechanisms"),
            "without_name": bool(request.POST.get("without_name")),
        }
        form = QuestionForm(initial=typed, user=request.user)
    title = title or request.POST.get("title", "")
    questions, articles, faqs = similar(title, request.user)
    return render(
        request,
        "community/ask.html",
        {
            "form": form,
            "similar_questions": questions,
            "similar_faqs": faqs,
            "similar_articles": articles,
            "title": title,
            "draft": draft,
            # Moderators see every answer unfolded: muting never hides anything from them.
            "muted_ids": frozenset() if is_moderator(request.user) else muted_ids(request.user),
        },
    )


def _visible_question(request, pk):
    question = get_object_or_404(Question.objects.select_related("author", "duplicate_of"), pk=pk)
    if question.status == Question.Status.PUBLISHED:
        return question
    if question.status == Question.Status.DUPLICATE and question.published_at:
        return question  # it was public before: keep its address working, with a pointer
    if is_moderator(request.user) or question.author_id == request.user.pk:
        return question
    raise Http404("This question is not published.")


def _question_page(request, question, answer_form=None, status=200):
    draft = None
    if answer_form is None and question.status == Question.Status.PUBLISHED:
        draft = draft_for(request.user, Draft.Kind.ANSWER, question)
        answer_form = AnswerForm(initial=initial_from(draft))
    answers = question.answers.select_related("author")
    if not is_moderator(request.user):  # moderators also see rejected ones, to restore them
        answers = answers.filter(
            Q(status=Answer.Status.PUBLISHED)
            | Q(status=Answer.Status.PENDING, author_id=request.user.pk or 0)
        )
    answers = list(answers)
    mechanisms = list(
        visible_to(question.mechanisms, request.user)
        .only("id", "title", "url_path", "evidence_level", "path", "depth")
        .order_by("title")
    )
    published = [a for a in answers if a.status == Answer.Status.PUBLISHED]
    can_promote = (
        question.status == Question.Status.PUBLISHED
        and not question.faq_block_id
        and bool(published)
        and faq.can_promote(request.user)
    )
    return render(
        request,
        "community/question_detail.html",
        {
            "question": question,
            "answers": answers,
            "mechanisms": mechanisms,
            "answer_form": answer_form or AnswerForm(),
            "draft": draft,
            # Moderators see every answer unfolded: muting never hides anything from them.
            "muted_ids": frozenset() if is_moderator(request.user) else muted_ids(request.user),
            "can_answer": can_post(request.user) and question.status == Question.Status.PUBLISHED,
            "can_accept": request.user.pk == question.author_id or is_moderator(request.user),
            "is_moderator": is_moderator(request.user),
            "can_promote": can_promote,
            "promote_form": PromoteForm(question=question, user=request.user)
            if can_promote
            else None,
            "faq_url": _faq_url(question, request.user),
            "json_ld": qa_json_ld(request, question, published)
            if question.status == Question.Status.PUBLISHED
            else None,
        },
        status=status,
    )


def _faq_url(question, user):
    """Where the question is answered in an article's FAQs, if `user` may see that article."""
    if not question.faq_block_id or not may_see(question.faq_page, user):
        return None
    return question.live_faq_url()


def _question_from_reference(text):
    """A question from its number or its address ("/questions/12-why/" or "12")."""
    match = re.search(r"(?:/questions/)?(\d+)", text.strip())
    return Question.objects.filter(pk=int(match.group(1))).first() if match else None


@require_GET
def question_detail(request, pk, slug):
    question = _visible_question(request, pk)
    if slug != question.slug:
        return redirect(question, permanent=True)
    return _question_page(request, question)


@login_required
@require_POST
@limit("post")
def answer(request, pk):
    question = _visible_question(request, pk)
    if "save_draft" in request.POST and question.status == Question.Status.PUBLISHED:
        back = f"{question.get_absolute_url()}#answer-heading"
        return keep_draft(request, Draft.Kind.ANSWER, question, back)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            new = post_answer(request.user, question, body=form.cleaned_data["body"])
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            if new.status == Answer.Status.PUBLISHED:
                messages.success(request, "Your answer is posted.")
            else:
                messages.success(
                    request,
                    "Thank you. New members' answers are checked by a moderator before "
                    "others see them. Only you can see it until then.",
                )
            return redirect(f"{question.get_absolute_url()}#answer-{new.pk}")
    return _question_page(request, question, answer_form=form, status=400)


@login_required
@require_POST
def accept(request, pk):
    target = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    try:
        accept_answer(request.user, target)
    except PostingError as error:
        raise PermissionDenied(str(error)) from None
    messages.success(request, "Marked as the accepted answer.")
    return redirect(target.question)


@login_required
@require_POST
def moderate_question(request, pk):
    """A pending question's page posts action=approve or action=reject (with reason)."""
    if not is_moderator(request.user):
        raise PermissionDenied("Only moderators can do this.")
    question = get_object_or_404(Question, pk=pk)
    action, reason = request.POST.get("action"), request.POST.get("reason", "")
    try:
        if action == "approve":
            moderation.approve_question(request.user, question)
            messages.success(request, "Published. The member has been told.")
        elif action == "reject":
            moderation.reject_question(request.user, question, reason)
            messages.success(request, "Not published. The member has been told why.")
        elif action == "restore":
            moderation.restore_question(request.user, question)
            messages.success(request, "Restored: the question is back in the queue.")
        elif action == "duplicate":
            original = _question_from_reference(request.POST.get("duplicate_of", ""))
            moderation.close_as_duplicate(request.user, question, original, reason)
            messages.success(request, "Closed as a duplicate. The member has been told.")
        else:
            messages.error(request, "That moderation action is not known.")
    except moderation.ModerationError as error:
        messages.warning(request, str(error))
    return redirect(question)


@login_required
@require_POST
def moderate_answer(request, pk):
    target = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    action, reason = request.POST.get("action"), request.POST.get("reason", "")
    try:
        if action == "clinician_reviewed":
            moderation.mark_clinician_reviewed(request.user, target)
        elif not is_moderator(request.user):
            raise PermissionDenied("Only moderators can do this.")
        elif action == "approve":
            moderation.approve_answer(request.user, target)
        elif action == "reject":
            moderation.reject_answer(request.user, target, reason)
        elif action == "restore":
            moderation.restore_answer(request.user, target)
        else:
            messages.error(request, "That moderation action is not known.")
            return redirect(target.question)
    except moderation.ModerationError as error:
        if "Only clinical reviewers" in str(error):
            raise PermissionDenied(str(error)) from None
        messages.warning(request, str(error))
    else:
        messages.success(request, "Done.")
    return redirect(f"{target.question.get_absolute_url()}#answer-{target.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def edit_question(request, pk):
    """/questions/<pk>/edit/: the asker changes a waiting or rejected question and resends it."""
    question = get_object_or_404(Question, pk=pk)
    if question.author_id != request.user.pk:
        raise PermissionDenied("Only the person who asked can change this question.")
    if question.status not in (Question.Status.PENDING, Question.Status.REJECTED):
        messages.info(request, "A published question can no longer be changed.")
        return redirect(question)
    form = QuestionForm(
        request.POST or None,
        initial={
            "title": question.title,
            "body": question.body,
            "mechanisms": question.mechanisms.all(),
        },
        user=request.user,
        new=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            resubmit_question(
                request.user,
                question,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                mechanisms=with_unseen_links(
                    question.mechanisms, form.cleaned_data["mechanisms"], request.user
                ),
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. A moderator will check your question again.")
            return redirect(question)
    return render(request, "community/question_form.html", {"form": form, "editing": question})


@login_required
@require_POST
def promote(request, pk):
    """Turn an answered question into a draft FAQ entry on a linked article (for review)."""
    if not faq.can_promote(request.user):
        raise PermissionDenied("Only moderators and editors can add a question to the FAQs.")
    question = get_object_or_404(Question, pk=pk)
    form = PromoteForm(request.POST, question=question, user=request.user)
    if not form.is_valid():
        messages.error(request, "Choose one of the question's articles. Nothing was changed.")
        return redirect(question)
    try:
        revision = faq.promote_to_faq(request.user, question, form.cleaned_data["mechanism"])
    except moderation.ModerationError as error:
        messages.warning(request, str(error))
    else:
        page = revision.content_object
        messages.success(
            request,
            f"Added to the FAQs of “{page.title}” as a draft. A clinical reviewer checks it "
            "before it goes live; the question links to it then.",
        )
    return redirect(question)
