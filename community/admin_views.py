"""The moderation queue in the Wagtail admin: one place for everything waiting on a moderator.

Pending questions and answers and open reports, oldest first (crisis reports at the top),
with filters by type, reason and age, bulk approve / reject / dismiss / hide with a
ready-made reason, and each author's history at a glance.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.models import User
from community import moderation
from community.models import Answer, Question, RejectionReason, Report
from community.permissions import is_moderator

AGES = {"1d": datetime.timedelta(days=1), "7d": datetime.timedelta(days=7)}
TYPES = {"question": "Questions", "answer": "Answers", "report": "Reports"}


def author_histories(user_ids):
    """{user id: counts} for the authors on the page, in four queries whatever their number."""
    history = {
        pk: {"published": 0, "rejected": 0, "reported": 0, "joined": None} for pk in user_ids
    }
    for model in (Question, Answer):
        rows = (
            model.objects.filter(author_id__in=user_ids)
            .values("author_id")
            .annotate(
                published=Count("pk", filter=Q(status="published")),
                rejected=Count("pk", filter=Q(status="rejected")),
            )
        )
        for row in rows:
            history[row["author_id"]]["published"] += row["published"]
            history[row["author_id"]]["rejected"] += row["rejected"]
    reported = (
        Report.objects.filter(Q(thread__author_id__in=user_ids) | Q(reply__author_id__in=user_ids))
        .values("thread__author_id", "reply__author_id")
        .annotate(total=Count("pk"))
    )
    for row in reported:
        author = row["thread__author_id"] or row["reply__author_id"]
        history[author]["reported"] += row["total"]
    for user in User.objects.filter(pk__in=user_ids).only("pk", "date_joined"):
        history[user.pk]["joined"] = user.date_joined
    return history


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/queue.html"
    page_title = "Moderation queue"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def items(self):
        kind = self.request.GET.get("type")
        reason = self.request.GET.get("reason")
        age = AGES.get(self.request.GET.get("age"))
        before = timezone.now() - age if age else None
        items = []
        if kind in (None, "", "question") and not reason:
            questions = Question.objects.filter(status="pending").select_related("author")
            if before:
                questions = questions.filter(created_at__lte=before)
            items += [("question", q, q.title, q.author, q.created_at, "") for q in questions]
        if kind in (None, "", "answer") and not reason:
            answers = Answer.objects.filter(status="pending").select_related("author", "question")
            if before:
                answers = answers.filter(created_at__lte=before)
            items += [("answer", a, a.body[:160], a.author, a.created_at, "") for a in answers]
        if kind in (None, "", "report"):
            reports = Report.objects.filter(status="open").select_related(
                "reporter", "thread__author", "reply__author", "reply__thread"
            )
            if reason:
                reports = reports.filter(reason=reason)
            if before:
                reports = reports.filter(created_at__lte=before)
            for report in reports:
                target = report.thread or report.reply
                text = report.thread.title if report.thread else report.reply.body[:160]
                items.append(
                    ("report", report, text, target.author, report.created_at, report.reason)
                )
        # Crisis first, then the longest waiting.
        items.sort(key=lambda item: (item[5] != Report.Reason.CRISIS, item[4]))
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.items()
        history = author_histories({item[3].pk for item in items})
        context.update(
            rows=[
                {
                    "kind": kind,
                    "object": obj,
                    "text": text,
                    "author": author,
                    "created_at": created,
                    "reason": Report.Reason(reason).label if reason else "",
                    "crisis": reason == Report.Reason.CRISIS,
                    "history": history[author.pk],
                    "url": self.public_url(kind, obj),
                }
                for kind, obj, text, author, created, reason in items
            ],
            types=TYPES,
            reasons=Report.Reason.choices,
            canned=RejectionReason.objects.all(),
            filters=self.request.GET,
        )
        return context

    @staticmethod
    def public_url(kind, obj):
        if kind == "question":
            return obj.get_absolute_url()
        if kind == "answer":
            return f"{obj.question.get_absolute_url()}#answer-{obj.pk}"
        if obj.thread_id:
            return obj.thread.get_absolute_url()
        return f"{obj.reply.thread.get_absolute_url()}#reply-{obj.reply_id}"

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        selected = request.POST.getlist("selected")
        canned = RejectionReason.objects.filter(pk=request.POST.get("canned") or None).first()
        reason = (request.POST.get("reason") or (canned.text if canned else "")).strip()
        done, problems = 0, []
        for value in selected:
            kind, _, pk = value.partition(":")
            try:
                self.apply(request.user, action, kind, int(pk), reason)
                done += 1
            except (moderation.ModerationError, ValueError, LookupError) as error:
                problems.append(str(error))
        if done:
            messages.success(request, f"{done} item(s) done.")
        for problem in sorted(set(problems)):
            messages.warning(request, problem)
        if not selected:
            messages.warning(request, "Select at least one item first.")
        return redirect(request.get_full_path())

    @staticmethod
    def apply(user, action, kind, pk, reason):
        model = {"question": Question, "answer": Answer, "report": Report}[kind]
        obj = model.objects.get(pk=pk)
        if kind == "report":
            if action == "approve":
                return moderation.dismiss_report(user, obj, reason)
            if action == "reject":
                return moderation.act_on_report(user, obj, reason)
        elif action == "approve":
            return getattr(moderation, f"approve_{kind}")(user, obj)
        elif action == "reject":
            return getattr(moderation, f"reject_{kind}")(user, obj, reason)
        raise ValueError("Choose an action.")
