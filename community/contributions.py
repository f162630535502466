"""Everything the community holds of a member, for "Download my data" and account deletion.

Registered with accounts.contributions in CommunityConfig.ready(); every community model that
points at a member is covered by one of these. What an account deletion does to each:

- on every deletion (`forget`): follows, notifications addressed to the member and their
  reactions are deleted; reports they made are kept, so moderation stays complete, but their
  note is cleared, so nothing beyond the anonymised account says who reported.
- with "remove the text of everything I wrote" (`erase`): the titles and text of threads,
  replies, questions and answers are replaced, FAQ entries copied from them leave their
  article (community.faq_copies), the earlier versions kept of them (PostEdit,
  a question's resubmissions in the audit log) go, and the audit log and moderators'
  decision notes no longer quote an erased title.
- on every deletion (`forget`) too: drafts (unfinished words no one else has seen), the
  members they muted and their choices about content notes are deleted.
- never exported, and kept with the anonymised account: moderators' private notes on the
  member (MemberNote: a moderator's working record, like the moderator fields below).
- kept: restrictions applied to the member (the moderation record, see export_restrictions),
  notifications others received about the member's posts (they belong to the recipients),
  and the moderator fields of reports and restrictions, which are a moderator's work.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.contributions import Contribution, exclude, register
from articles.visibility import visible_pages
from community.faq_copies import erase_faq_copies, export_faq_copies
from community.models import (
    Answer,
    ContentNoteChoice,
    Draft,
    MutedMember,
    Notification,
    PostEdit,
    Question,
    Reaction,
    Reply,
    Report,
    Restriction,
    Subscription,
    Thread,
)

NOT_OPEN_TO_YOU = "An article that is not open to you now"


def _iso(moment):
    return moment.isoformat() if moment else None


def _post_fields(item):
    """Which post a reaction or report is about, by its thread and address (a reply's text
    is someone else's words, so it is named, not copied)."""
    if item.reply_id:
        return {
            "on": "reply",
            "thread": item.reply.thread.title,
            "url": item.reply.get_absolute_url(),
        }
    return {"on": "thread", "thread": item.thread.title, "url": item.thread.get_absolute_url()}


# --- Export ---------------------------------------------------------------------------------


def _tag_names(post):
    """From the prefetched tags (taggit's names() would query again for each post)."""
    return sorted(tag.name for tag in post.tags.all())


def export_threads(user):
    return [
        {
            "title": thread.title,
            "body": thread.body,
            "created_at": thread.created_at.isoformat(),
            "url": thread.get_absolute_url(),
            "tags": _tag_names(thread),
            "deleted": thread.deleted_at is not None,
        }
        for thread in Thread.objects.filter(author=user).prefetch_related("tags").order_by("pk")
    ]


def export_replies(user):
    return [
        {
            "thread": reply.thread.title,
            "body": reply.body,
            "created_at": reply.created_at.isoformat(),
            "url": reply.get_absolute_url(),
            "deleted": reply.deleted_at is not None,
        }
        for reply in Reply.objects.filter(author=user).select_related("thread").order_by("pk")
    ]


def _own_edits(user):
    return PostEdit.objects.filter(Q(thread__author=user) | Q(reply__author=user))


def export_post_edits(user):
    """Earlier versions of the member's own threads and replies (edits, and the original of
    a thread deleted after others replied). Only authors edit, so these are their words."""
    return [
        {
            "on": "thread" if edit.thread_id else "reply",
            "thread": (edit.thread or edit.reply.thread).title,
            "previous_title": edit.previous_title,
            "previous_body": edit.previous_body,
            "edited_at": edit.edited_at.isoformat(),
        }
        for edit in _own_edits(user).select_related("thread", "reply__thread").order_by("pk")
    ]


def _resubmissions(questions):
    """{question pk: audit-log entries of its resubmissions}, in one query: the asker's
    earlier wording of a question they changed and sent again (community.services.questions)."""
    found = defaultdict(list)
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Question),
        object_id__in=[str(question.pk) for question in questions],
        action="community.resubmit",
    ).order_by("timestamp", "pk")
    for entry in entries:
        found[int(entry.object_id)].append(entry)
    return found


def export_questions(user):
    """Questions with their status, the moderator's reason if one was not published (the
    member was shown it) and the earlier wordings they sent. Askers cannot delete a
    question, so unlike threads there is no "deleted" flag: the status says where it stands."""
    questions = list(Question.objects.filter(author=user).prefetch_related("tags").order_by("pk"))
    earlier = _resubmissions(questions)
    return [
        {
            "title": question.title,
            "body": question.body,
            "status": question.status,
            "rejection_reason": question.rejection_reason,
            "created_at": question.created_at.isoformat(),
            "url": question.get_absolute_url(),
            "tags": _tag_names(question),
            "earlier_versions": [
                {
                    "title": entry.data.get("previous", {}).get("title", ""),
                    "body": entry.data.get("previous", {}).get("body", ""),
                    "changed_at": entry.timestamp.isoformat(),
                }
                for entry in earlier[question.pk]
            ],
        }
        for question in questions
    ]


def export_answers(user):
    return [
        {
            "question": answer.question.title,
            "body": answer.body,
            "status": answer.status,
            "rejection_reason": answer.rejection_reason,
            "accepted": answer.is_accepted,
            "created_at": answer.created_at.isoformat(),
            "url": f"{answer.question.get_absolute_url()}#answer-{answer.pk}",
        }
        for answer in Answer.objects.filter(author=user).select_related("question").order_by("pk")
    ]


def export_reactions(user):
    return [
        {"kind": reaction.kind, **_post_fields(reaction), "created_at": _iso(reaction.created_at)}
        for reaction in Reaction.objects.filter(user=user)
        .select_related("thread", "reply__thread")
        .order_by("pk")
    ]


def _article_titles(user, pages):
    """page pk -> title, for the articles among `pages` that `user` may see now (one
    query): an article restricted since is not named (articles.visibility)."""
    return {page.pk: page.title for page in visible_pages(pages, user)}


def export_follows(user):
    """Threads, topics (tags) and articles the member follows; an article they may no
    longer see is listed without its title."""
    rows = list(
        Subscription.objects.filter(user=user)
        .select_related("thread", "tag", "mechanism")
        .order_by("pk")
    )
    titles = _article_titles(user, [follow.mechanism for follow in rows if follow.mechanism_id])
    follows = []
    for follow in rows:
        if follow.thread_id:
            kind, name = "thread", follow.thread.title
        elif follow.tag_id:
            kind, name = "tag", follow.tag.name
        else:
            kind, name = "mechanism", titles.get(follow.mechanism_id, NOT_OPEN_TO_YOU)
        follows.append({"follows": kind, "name": name, "since": _iso(follow.created_at)})
    return follows


def export_reports(user):
    """Reports the member made: what, why, their note and where it stands. Who handled it
    and when are a moderator's work, not the member's data, so they stay out."""
    reports = list(
        Report.objects.filter(reporter=user)
        .select_related("thread", "reply__thread", "mechanism")
        .order_by("pk")
    )
    titles = _article_titles(user, [report.mechanism for report in reports])
    return [
        {
            **_post_fields(report),
            "reason": report.reason,
            "details": report.details,
            "article": titles.get(report.mechanism_id, NOT_OPEN_TO_YOU)
            if report.mechanism_id
            else None,
            "status": report.status,
            "created_at": _iso(report.created_at),
        }
        for report in reports
    ]


def export_notifications(user):
    """Notifications addressed to the member. Decisions carry the message they were shown;
    the moderator who sent one is not named."""
    return [
        {
            "kind": notification.kind,
            "about": notification.subject.title if notification.subject else None,
            "url": notification.get_absolute_url(),
            "message": notification.message,
            "created_at": _iso(notification.created_at),
            "read": notification.read_at is not None,
        }
        for notification in Notification.objects.filter(user=user)
        .select_related("thread", "question")
        .order_by("pk")
    ]


def export_restrictions(user):
    """Restrictions applied to the member, with the reason they were shown. Kept when the
    account is deleted: they are the moderation record of why an account was limited, and
    name only the (anonymised) account and the moderators' reason. Which moderator applied
    or lifted one is the moderator's work, so it is not exported."""
    now = timezone.now()
    return [
        {
            "kind": restriction.kind,
            "reason": restriction.reason,
            "created_at": _iso(restriction.created_at),
            "ends_at": _iso(restriction.ends_at),
            "lifted_at": _iso(restriction.lifted_at),
            "active": restriction.lifted_at is None
            and (restriction.ends_at is None or restriction.ends_at > now),
        }
        for restriction in Restriction.objects.filter(member=user).order_by("pk")
    ]


def export_drafts(user):
    """Unfinished posts kept for the member, with the form each belongs to."""
    return [
        {
            "for": draft.about(),
            "title": draft.title,
            "body": draft.body,
            "other_fields": draft.extra,
            "saved_at": _iso(draft.updated_at),
        }
        for draft in Draft.objects.filter(author=user).select_related("thread", "question")
    ]


def export_mutes(user):
    """The members this member muted (whom they muted is their choice; the muted are never
    told, and the export of the muted member never says who muted them)."""
    return [
        {"muted": mute.muted.display_name, "since": _iso(mute.created_at)}
        for mute in MutedMember.objects.filter(muter=user).select_related("muted")
    ]


def export_content_note_choices(user):
    """The member's standing choices about content notes (always open, always hidden)."""
    return [
        {"note": choice.note.label, "choice": choice.get_choice_display()}
        for choice in ContentNoteChoice.objects.filter(user=user).select_related("note")
    ]


# --- Erase (only when the member asks for their words to go) ----------------------------------


def _log_entries(model, pks):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    )


def _forget_titles(model, old_titles, text, child_model, parent_field):
    """A title is copied wherever a post is named: the audit log's label of its own entries
    and of those of the replies or answers under it, and moderators' decision notes (“…”).
    Those copies read `text` too. `old_titles` is {post pk: title before erasing}."""
    _log_entries(model, old_titles).update(label=text)
    children = defaultdict(list)
    for pk, parent in child_model.objects.filter(**{f"{parent_field}__in": old_titles}).values_list(
        "pk", parent_field
    ):
        children[parent].append(pk)
    for pk, title in old_titles.items():
        old, new = Value(f"“{title}”"), Value(f"“{text}”")
        if children[pk]:
            _log_entries(child_model, children[pk]).update(label=Replace("label", old, new))
        Notification.objects.filter(**{parent_field: pk}).update(
            message=Replace("message", old, new)
        )


def _replace_text(posts, text, *fields):
    """Replace the text of each post, saving it so its HTML and search entry follow."""
    for post in posts:
        for field in fields:
            setattr(post, field, text)
        post.save()


def erase_threads(user, text):
    threads = list(Thread.objects.filter(author=user))
    old_titles = {thread.pk: thread.title for thread in threads}
    _replace_text(threads, text, "title", "body")
    _forget_titles(Thread, old_titles, text, Reply, "thread")
    return len(threads)


def erase_replies(user, text):
    replies = list(Reply.objects.filter(author=user))
    _replace_text(replies, text, "body")
    return len(replies)


def erase_post_edits(user, text):
    """Earlier versions would keep the words the member asked to remove: they go."""
    return _own_edits(user).delete()[0]


def erase_questions(user, text):
    """A question's title is most of its text, so it goes with the body; the earlier wordings
    in the audit log's resubmissions are replaced as well."""
    questions = list(Question.objects.filter(author=user))
    old_titles = {question.pk: question.title for question in questions}
    _replace_text(questions, text, "title", "body")
    _forget_titles(Question, old_titles, text, Answer, "question")
    resubmissions = [entry for entries in _resubmissions(questions).values() for entry in entries]
    for entry in resubmissions:
        previous = entry.data.get("previous", {})
        entry.data = {**entry.data, "previous": {**previous, "title": text, "body": text}}
    ModelLogEntry.objects.bulk_update(resubmissions, ["data"])
    return len(questions)


def erase_answers(user, text):
    answers = list(Answer.objects.filter(author=user))
    _replace_text(answers, text, "body")
    return len(answers)


# --- Forget (on every deletion) -------------------------------------------------------------


def forget_reports(user):
    """Reports stay (moderators need the history of a post's reports), but the reporter's
    note is their own words and may say who they are, so it is cleared."""
    return Report.objects.filter(reporter=user).exclude(details="").update(details="")


def _delete(model, field):
    return lambda user: model.objects.filter(**{field: user}).delete()[0]


def _count(queryset):
    return lambda user: queryset(user).count()


def register_contributions():
    for contribution in (
        Contribution(
            name="threads",
            count=_count(lambda user: Thread.objects.filter(author=user)),
            export=export_threads,
            erase=erase_threads,
            models=("community.Thread",),
        ),
        Contribution(
            name="replies",
            count=_count(lambda user: Reply.objects.filter(author=user)),
            export=export_replies,
            erase=erase_replies,
            models=("community.Reply",),
        ),
        Contribution(
            name="post_edits",
            count=_count(_own_edits),
            export=export_post_edits,
            erase=erase_post_edits,
            models=("community.PostEdit",),
        ),
        Contribution(
            name="questions",
            count=_count(lambda user: Question.objects.filter(author=user)),
            export=export_questions,
            erase=erase_questions,
            models=("community.Question",),
        ),
        Contribution(
            name="answers",
            count=_count(lambda user: Answer.objects.filter(author=user)),
            export=export_answers,
            erase=erase_answers,
            models=("community.Answer",),
        ),
        Contribution(
            name="reactions",
            count=_count(lambda user: Reaction.objects.filter(user=user)),
            export=export_reactions,
            forget=_delete(Reaction, "user"),
            models=("community.Reaction",),
        ),
        Contribution(
            name="follows",
            count=_count(lambda user: Subscription.objects.filter(user=user)),
            export=export_follows,
            forget=_delete(Subscription, "user"),
            models=("community.Subscription",),
        ),
        Contribution(
            name="reports",
            count=_count(lambda user: Report.objects.filter(reporter=user)),
            export=export_reports,
            forget=forget_reports,
            models=("community.Report",),
        ),
        Contribution(
            name="notifications",
            count=_count(lambda user: Notification.objects.filter(user=user)),
            export=export_notifications,
            forget=_delete(Notification, "user"),
            models=("community.Notification",),
        ),
        Contribution(
            name="drafts",
            count=_count(lambda user: Draft.objects.filter(author=user)),
            export=export_drafts,
            forget=_delete(Draft, "author"),
            models=("community.Draft",),
        ),
        Contribution(
            name="muted_members",
            count=_count(lambda user: MutedMember.objects.filter(muter=user)),
            export=export_mutes,
            forget=_delete(MutedMember, "muter"),
            models=("community.MutedMember",),
        ),
        Contribution(
            name="content_note_choices",
            count=_count(lambda user: ContentNoteChoice.objects.filter(user=user)),
            export=export_content_note_choices,
            forget=_delete(ContentNoteChoice, "user"),
            models=("community.ContentNoteChoice",),
        ),
        Contribution(
            name="faq_copies",
            count=lambda user: len(export_faq_copies(user)),
            export=export_faq_copies,
            erase=erase_faq_copies,
            # The questions and answers themselves are covered above; these are the
            # copies of their words on articles.
            models=("community.Question", "community.Answer"),
        ),
        Contribution(
            name="restrictions",
            count=_count(lambda user: Restriction.objects.filter(member=user)),
            export=export_restrictions,
            models=("community.Restriction",),
        ),
    ):
        register(contribution)
    for label in ("community.ThreadSummary", "community.ThreadEvidence"):
        exclude(
            label,
            "A moderator's or editor's work on a discussion (its summary, the evidence "
            "attached): staff work shown with the discussion, not a member's own data.",
        )
    exclude(
        "community.MemberNote",
        "Moderators' private notes on a member: a moderator's working record, never shown "
        "or exported to the member (the privacy page says so), kept with the anonymised "
        "account like restrictions.",
    )
