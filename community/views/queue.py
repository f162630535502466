"""The moderation queue in the Wagtail admin: one place for everything waiting on a moderator.

Pending questions and answers, discussion posts held by the rules (community.services.rules)
and open reports, oldest first (crisis holds and reports at the top), with filters by type,
reason and age, bulk approve / reject / dismiss / hide with a ready-made reason, and each
author's history at a glance.
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
from community.models import (
    Answer,
    HoldReason,
    Question,
    RejectionReason,
    Reply,
    Report,
    Restriction,
    Thread,
)
from community.permissions import is_moderator
from community.services import moderation

AGES = {"1d": datetime.timedelta(days=1), "7d": datetime.timedelta(days=7)}
TYPES = {
    "question": "Questions",
    "answer": "Answers",
    "held": "Discussion posts held by rules",
    "report": "Reports",
}


def author_histories(user_ids):
    """{user id: counts} for the authors on the page, in five queries whatever their number."""
    history = {
        pk: {"published": 0, "rejected": 0, "reported": 0, "joined": None, "restricted": []}
        for pk in user_ids
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
    for restriction in Restriction.objects.active().filter(member_id__in=user_ids):
        history[restriction.member_id]["restricted"].append(restriction.label)
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
        """(kind, object, text, author, waiting since, reason code, reason label, detail)."""
        kind = self.request.GET.get("type")
        reason = self.request.GET.get("reason")
        age = AGES.get(self.request.GET.get("age"))
        before = timezone.now() - age if age else None
        hold_reasons = set(HoldReason.values)
        items = []

        def pending(model, status_pending):
            rows = model.objects.filter(**status_pending).select_related("author")
            if reason in hold_reasons:
                rows = rows.filter(hold_reason=reason)
            elif reason:
                return model.objects.none()
            if before:
                rows = rows.filter(created_at__lte=before)
            return rows

        if kind in (None, "", "question"):
            for q in pending(Question, {"status": "pending"}):
                items.append(("question", q, q.title, q.author, q.created_at, *self.held(q)))
        if kind in (None, "", "answer"):
            for a in pending(Answer, {"status": "pending"}).select_related("question"):
                items.append(("answer", a, a.body[:160], a.author, a.created_at, *self.held(a)))
        if kind in (None, "", "held"):
            for t in pending(Thread, {"held_at__isnull": False, "deleted_at__isnull": True}):
                items.append(("thread", t, t.title, t.author, t.created_at, *self.held(t)))
            replies = pending(Reply, {"held_at__isnull": False, "deleted_at__isnull": True})
            for r in replies.select_related("thread"):
                items.append(("reply", r, r.body[:160], r.author, r.created_at, *self.held(r)))
        if kind in (None, "", "report") and reason not in hold_reasons:
            reports = Report.objects.filter(status="open").select_related(
                "reporter", "thread__author", "reply__author", "reply__thread", "mechanism"
            )
            if reason:
                reports = reports.filter(reason=reason)
            if before:
                reports = reports.filter(created_at__lte=before)
            for report in reports:
                target = report.thread or report.reply
                text = report.thread.title if report.thread else report.reply.body[:160]
                detail = report.details
                if report.mechanism:
                    detail = f"Against “{report.mechanism.title}”. {detail}".strip()
                items.append(
                    ("report", report, text, target.author, report.created_at, report.reason,
                     report.get_reason_display(), detail)
                )  # fmt: skip
        # Crisis first (held posts and reports alike), then the longest waiting.
        items.sort(key=lambda item: (item[5] != "crisis", item[4]))
        return items

    @staticmethod
    def held(post):
        if not post.hold_reason:
            return "", "", ""
        return post.hold_reason, post.get_hold_reason_display(), post.hold_detail

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
                    "reason": label,
                    "detail": detail,
                    "crisis": reason == "crisis",
                    "history": history[author.pk],
                    "url": self.public_url(kind, obj),
                }
                for kind, obj, text, author, created, reason, label, detail in items
            ],
            types=TYPES,
            hold_reasons=HoldReason.choices,
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
        if kind == "thread":
            return obj.get_absolute_url()
        if kind == "reply":
            return obj.get_absolute_url()
        if obj.thread_id:
            return obj.thread.get_absolute_url()
        return Reply.url_for(obj.reply_id)

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
        model = {
            "question": Question,
            "answer": Answer,
            "report": Report,
            "thread": Thread,
            "reply": Reply,
        }[kind]
        obj = model.objects.get(pk=pk)
        if kind in ("thread", "reply"):
            if action in ("approve", "reject"):
                return getattr(moderation, f"{action}_post")(user, obj, reason)
        elif kind == "report":
            if action == "approve":
                return moderation.dismiss_report(user, obj, reason)
            if action == "reject":
                return moderation.act_on_report(user, obj, reason)
        elif action == "approve":
            return getattr(moderation, f"approve_{kind}")(user, obj)
        elif action == "reject":
            return getattr(moderation, f"reject_{kind}")(user, obj, reason)
        raise ValueError("Choose an action.")
