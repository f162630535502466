"""The moderation queue in the Wagtail admin: one place for everything waiting on a moderator.

Pending questions and answers, discussion posts held by the rules (community.services.rules)
and open reports, oldest first (crisis holds and reports at the top), with filters by type,
reason and age, bulk approve / reject / dismiss / hide with a ready-made reason, and each
author's history at a glance.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import Truncator
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
from community.services.member_notes import notes_on

AGES = {"1d": datetime.timedelta(days=1), "7d": datetime.timedelta(days=7)}
TYPES = {
    "question": "Questions",
    "answer": "Answers",
    "held": "Discussion posts held by rules",
    "report": "Reports",
}


# The buttons each row shows: (action, label), by what they do to that item.
ACTIONS = {
    "report": [("approve", "Dismiss report"), ("reject", "Hide post")],
    "post": [("approve", "Approve"), ("reject", "Reject")],
}

# What was done, as a sentence: (action, "post" or "report") -> (one, many).
DONE = {
    ("approve", "post"): (
        "1 post approved. Its author has been told.",
        "{n} posts approved. Their authors have been told.",
    ),
    ("reject", "post"): (
        "1 post rejected. Its author has been told why.",
        "{n} posts rejected. Their authors have been told why.",
    ),
    ("approve", "report"): (
        "1 report dismissed; the post stays up.",
        "{n} reports dismissed; the posts stay up.",
    ),
    ("reject", "report"): (
        "1 reported post hidden. Its author has been told why.",
        "{n} reported posts hidden. Their authors have been told why.",
    ),
}


def done_message(action, what, count):
    one, many = DONE[(action, what)]
    return one if count == 1 else many.format(n=count)


def _count(queryset, author="author_id"):
    """A subquery counting `queryset`'s rows for the member in the outer query (0 if none)."""
    counted = (
        queryset.filter(**{author: OuterRef("pk")})
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def author_histories(user_ids):
    """{user id: counts and notes} for the authors on the page, in three queries whatever their
    number.

    Every kind of post counts: questions and answers published or not published, discussions
    and replies shown or hidden (rejected when held, or hidden later) by a moderator.
    """
    history = {
        pk: {
            "published": 0,
            "rejected": 0,
            "reported": 0,
            "joined": None,
            "restricted": [],
            "notes": [],
        }
        for pk in user_ids
    }
    if not history:
        return history
    authors = User.objects.filter(pk__in=user_ids).annotate(
        n_published=_count(Question.objects.filter(status=Question.Status.PUBLISHED))
        + _count(Answer.objects.filter(status=Answer.Status.PUBLISHED))
        + _count(Thread.objects.visible())
        + _count(Reply.objects.visible()),
        n_rejected=_count(Question.objects.filter(status=Question.Status.REJECTED))
        + _count(Answer.objects.filter(status=Answer.Status.REJECTED))
        + _count(Thread.objects.filter(hidden_at__isnull=False))
        + _count(Reply.objects.filter(hidden_at__isnull=False)),
        n_reported=_count(Report.objects.all(), "thread__author_id")
        + _count(Report.objects.all(), "reply__author_id"),
    )
    for user in authors.only("pk", "date_joined"):
        history[user.pk].update(
            published=user.n_published,
            rejected=user.n_rejected,
            reported=user.n_reported,
            joined=user.date_joined,
        )
    for restriction in Restriction.objects.active().filter(member_id__in=user_ids):
        history[restriction.member_id]["restricted"].append(restriction.label)
    for pk, notes in notes_on(user_ids, per_member=3).items():  # moderators' private notes
        history[pk]["notes"] = notes
    return history


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/queue.html"
    page_title = "Moderation queue"
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        """The queue's own name as the last crumb, rather than the admin's "Home"."""
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

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
    def without_name(kind, obj):
        """Whether the post is shown as by "A member": its author is not named here either;
        a moderator opens the post and asks, and the look is recorded."""
        post = (obj.thread or obj.reply) if kind == "report" else obj
        return bool(getattr(post, "without_name", False))

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
                    "without_name": self.without_name(kind, obj),
                    "url": self.public_url(kind, obj),
                    "excerpt": self.excerpt(kind, obj),
                    "actions": ACTIONS.get(kind, ACTIONS["post"]),
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
    def excerpt(kind, obj):
        """The text of a discussion (held or reported) under its title, as a reply shows its
        own text; read from the rows already loaded."""
        thread = obj if kind == "thread" else obj.thread if kind == "report" else None
        if thread is None:
            return ""
        return Truncator(thread.body).chars(400)

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
        """Bulk: an action on the ticked items; or one item's own button ("one")."""
        action = request.POST.get("action")
        selected = request.POST.getlist("selected")
        if request.POST.get("one"):
            action, _, item = request.POST["one"].partition("|")
            selected = [item]
        canned = RejectionReason.objects.filter(pk=request.POST.get("canned") or None).first()
        reason = (request.POST.get("reason") or (canned.text if canned else "")).strip()
        done, problems = {}, []
        for value in selected:
            kind, _, pk = value.partition(":")
            own_reason = (request.POST.get(f"reason-{kind}-{pk}") or "").strip()
            try:
                self.apply(request.user, action, kind, int(pk), own_reason or reason)
            except (moderation.ModerationError, ValueError, LookupError) as error:
                problems.append(str(error))
            else:
                what = "report" if kind == "report" else "post"
                done[what] = done.get(what, 0) + 1
        for what, count in done.items():
            messages.success(request, done_message(action, what, count))
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
