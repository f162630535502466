"""How community pages present posts: pages of results, reply addresses, reaction counts,
replies' shared HTML fragments, open reports and schema.org JSON-LD.

Shared by the view modules in community.views, so none of them reaches into another.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import ModelLogEntry

from accounts.members import facts
from articles.evidence import EvidenceLevel
from articles.models import MechanismPage
from articles.visibility import visible_to
from caching import fragments
from caching.fragments import CachedCountPaginator
from community.models import Reaction, Report, Thread, ThreadEvidence, ThreadSummary
from community.permissions import is_moderator
from community.services.summaries import can_summarise, claims_of

TAG_CLOUD_SIZE = 30


def paginate(request, queryset, per_page, count_name=None):
    """One page of `queryset`; with `count_name`, the total is a cached fragment."""
    if count_name is None:
        return Paginator(queryset, per_page).get_page(request.GET.get("page"))
    paginator = CachedCountPaginator(queryset, per_page, count_name=count_name)
    return paginator.get_page(request.GET.get("page"))


def tag_cloud():
    """The most used topics, as plain values (a cached fragment shared by every page)."""
    return fragments.cached(
        "tag-cloud",
        lambda: [
            {"name": tag.name, "slug": tag.slug, "num_times": tag.num_times}
            # Published discussions only: a topic never counts a post others cannot open.
            for tag in Thread.tags.most_common(
                min_count=1,
                extra_filters={
                    "taggit_taggeditem_items__object_id__in": Thread.objects.visible().values("pk")
                },
            )[:TAG_CLOUD_SIZE]
        ],
    )


def replies_shown(thread, user, *, moderator):
    """The replies a reader sees on a thread's pages: Reply.objects.shown_to, and also the
    reader's own replies a moderator rejected or hid, so their words are never lost to them
    (only they and moderators see those). The one rule the thread page, its page numbers and
    a reply's address share."""
    if moderator or not user.is_authenticated:
        return thread.replies.shown_to(user, moderator=moderator)
    return thread.replies.filter(deleted_at__isnull=True).filter(
        Q(hidden_at__isnull=True, held_at__isnull=True) | Q(author_id=user.pk)
    )


def reply_is_shown(reply, user, *, moderator):
    """Whether `reply` is on its thread's pages for this reader (as `replies_shown`)."""
    if reply.is_shown_to(user, moderator=moderator):
        return True
    return (
        user.is_authenticated
        and reply.author_id == user.pk
        and reply.deleted_at is None
        and reply.hidden_at is not None
    )


SET_ASIDE_LABELS = {"rejected": "Not published", "hidden": "Hidden by a moderator"}


def attach_set_aside(posts):
    """For each hidden thread or reply in `posts`, `set_aside`: "rejected" when a moderator
    did not publish it while it waited, "hidden" when they took it down later (the latest of
    those decisions in the audit log), with `set_aside_label` to show. One query, and only
    when a hidden post is among them."""
    hidden = [post for post in posts if post.hidden_at is not None]
    for post in posts:
        post.set_aside = post.set_aside_label = ""
    if not hidden:
        return
    query = Q()
    for post in hidden:
        content_type = ContentType.objects.get_for_model(type(post))  # cached by Django
        query |= Q(content_type=content_type, object_id=str(post.pk))
    latest = {}
    for entry in ModelLogEntry.objects.filter(
        query, action__in=["community.reject", "community.hide"]
    ).order_by("timestamp", "pk"):
        latest[(entry.content_type_id, entry.object_id)] = entry.action
    for post in hidden:
        key = (ContentType.objects.get_for_model(type(post)).pk, str(post.pk))
        post.set_aside = "rejected" if latest.get(key) == "community.reject" else "hidden"
        post.set_aside_label = SET_ASIDE_LABELS[post.set_aside]


def reply_address(request, reply):
    """Where `reply` is for this reader: the page of its thread that holds it, at its anchor.

    The page is counted from the replies before it, not from how many pages the thread has:
    a reply posted by someone else a moment later adds a page after it, never moves it. The
    thread's own page when the reader cannot see the reply."""
    thread, moderator = reply.thread, is_moderator(request.user)
    if not reply_is_shown(reply, request.user, moderator=moderator):
        return thread.get_absolute_url()
    before = replies_shown(thread, request.user, moderator=moderator).before(reply).count()
    page = before // settings.COMMUNITY_REPLIES_PER_PAGE + 1
    query = f"?page={page}" if page > 1 else ""
    return f"{thread.get_absolute_url()}{query}#reply-{reply.pk}"


def attach_reactions(thread, replies):
    """Reaction counts, in one query for the whole page (which buttons the member pressed
    is a personal part, filled in by community/shells.py)."""
    replies = list(replies)
    reply_ids = [reply.pk for reply in replies]
    rows = (
        Reaction.objects.filter(Q(thread=thread) | Q(reply_id__in=reply_ids))
        .values("thread_id", "reply_id", "kind")
        .annotate(total=Count("id"))
    )
    by_post = {}
    for row in rows:
        by_post.setdefault((row["thread_id"], row["reply_id"]), {})[row["kind"]] = row["total"]
    for post, key in [(thread, (thread.pk, None))] + [(r, (None, r.pk)) for r in replies]:
        totals = by_post.get(key, {})
        post.reactions_shown = [
            {"kind": kind, "label": label, "count": totals.get(kind, 0)}
            for kind, label in Reaction.Kind.choices
        ]


def attach_shared_html(thread, replies, moderator, signed_in):
    """Each reply as HTML that is the same for every reader of its kind, kept as fragments,
    read for the whole page in one round trip and rendered only for the replies not cached
    yet (whose reaction counts are read then, with the thread's, in one query).

    For members and visitors that is the whole reply: author line, quote, text, reaction
    buttons and links, with the member's own parts left as holes (community/shells.py). For
    moderators it is the author line, quote and text (with why a post is held); their tools
    and open reports are rendered for each page. The keys carry the generation, so an edit,
    a hide, a reaction or a new quote shows at once. A member whose pages are made for them
    alone (a post awaiting review, a message waiting) gets the replies from here too."""
    replies = list(replies)
    variant = "moderator" if moderator else "member" if signed_in else "visitor"
    context = {"is_moderator": moderator, "signed_in": signed_in}
    shared = fragments.cached_many(
        "reply",
        replies,
        lambda reply: render_to_string(
            "community/includes/reply_shared.html", {**context, "item": reply}
        ),
        variant,
        # Moderators' buttons are outside their copies: they need every reply's counts.
        before_building=lambda missing: (
            attach_reactions(thread, replies if moderator else missing),
            attach_set_aside(missing),
        ),
    )
    for reply, html in zip(replies, shared, strict=True):
        reply.shared_html = mark_safe(html)  # noqa: S308 - rendered by our own template


def attach_open_reports(thread, replies):
    replies = list(replies)
    rows = (
        Report.objects.filter(
            Q(thread=thread) | Q(reply_id__in=[reply.pk for reply in replies]),
            status=Report.Status.OPEN,
        )
        .values("thread_id", "reply_id", "reason")
        .annotate(total=Count("id"))
    )
    found = {}
    for row in rows:
        found.setdefault((row["thread_id"], row["reply_id"]), []).append(
            f"{Report.Reason(row['reason']).label} ({row['total']})"
        )
    thread.open_reports = found.get((thread.pk, None), [])
    for reply in replies:
        reply.open_reports = found.get((None, reply.pk), [])


def discussion_json_ld(request, thread, replies):
    """schema.org DiscussionForumPosting for a thread and the replies on this page."""

    def person(user):
        return {"@type": "Person", "name": user.display_name}

    return {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "text": thread.body,
        "url": request.build_absolute_uri(thread.get_absolute_url()),
        "datePublished": thread.created_at.isoformat(),
        "author": {"@type": "Person", "name": thread.byline},
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": thread.reply_count,
        },
        "comment": [
            {
                "@type": "Comment",
                "text": reply.body,
                "datePublished": reply.created_at.isoformat(),
                "author": person(reply.author),
            }
            for reply in replies
            if reply.is_visible
        ],
    }


def qa_json_ld(request, question, answers):
    """schema.org QAPage for a published question and its published answers."""

    def answer_data(answer):
        return {
            "@type": "Answer",
            "text": answer.body,
            "dateCreated": answer.created_at.isoformat(),
            "author": {"@type": "Person", "name": answer.author.display_name},
            "url": request.build_absolute_uri(f"{question.get_absolute_url()}#answer-{answer.pk}"),
        }

    accepted = [a for a in answers if a.is_accepted]
    main = {
        "@type": "Question",
        "name": question.title,
        "text": question.body or question.title,
        "dateCreated": question.created_at.isoformat(),
        "author": {"@type": "Person", "name": question.byline},
        "answerCount": len(answers),
    }
    if accepted:
        main["acceptedAnswer"] = answer_data(accepted[0])
    others = [answer_data(a) for a in answers if not a.is_accepted]
    if others:
        main["suggestedAnswer"] = others
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": main}


def mechanism_asked_for(request):
    """The article named by `?mechanism=`, if this reader may see it; an article they may
    not see is an unknown one (articles.visibility), so either way: 404."""
    mechanism = (
        visible_to(MechanismPage.objects, request.user)
        .filter(slug=request.GET["mechanism"])
        .first()
    )
    if mechanism is None:
        raise Http404("No article has that name.")
    return mechanism


def with_summary_flags(threads):
    """`threads` with `has_summary` and `has_evidence` read in the same query, so a
    discussion without them asks nothing more for them."""
    return threads.annotate(
        has_summary=Exists(ThreadSummary.objects.filter(thread=OuterRef("pk"))),
        has_evidence=Exists(ThreadEvidence.objects.filter(thread=OuterRef("pk"))),
    )


def latest_summary(thread):
    """The newest version of the discussion's "Summary so far", with how many came before."""
    if getattr(thread, "has_summary", True) is False:
        return None
    versions = list(thread.summaries.select_related("author")[:2])
    if not versions:
        return None
    latest = versions[0]
    latest.has_earlier = len(versions) > 1
    return latest


def evidence_cards(thread, user):
    """ "What the evidence says": each attached article or finding the reader may see, as
    {pk, title, url, level, label, claim}."""
    if getattr(thread, "has_evidence", True) is False:
        return []
    rows = list(ThreadEvidence.objects.filter(thread=thread))
    if not rows:
        return []
    pages = {
        page.pk: page
        for page in visible_to(MechanismPage.objects, user).filter(
            pk__in=[row.mechanism_id for row in rows]
        )
    }
    cards = []
    for row in rows:
        page = pages.get(row.mechanism_id)
        if page is None:
            continue
        level, claim = page.evidence_level, ""
        for block_id, text, claim_level in claims_of(page) if row.claim_id else ():
            if block_id == row.claim_id:
                level, claim = claim_level, text
        label = EvidenceLevel(level).label if level else ""
        cards.append({"pk": row.pk, "title": page.title, "url": page.url, "level": level,
                      "label": label, "claim": claim})  # fmt: skip
    return cards


def summary_tools(user, thread):
    """For moderators and editors (their pages are never shared): what they may attach as
    evidence, the articles and the findings of the discussion's own articles, as
    (value, label) pairs. Nothing for anyone else, at no cost."""
    if not user.is_authenticated or not (is_moderator(user) or facts(user)["staff"]):
        return {"can_summarise": False}
    if not can_summarise(user):
        return {"can_summarise": False}
    options = []
    linked = set(thread.mechanisms.values_list("pk", flat=True))
    for page in visible_to(MechanismPage.objects, user).order_by("title"):
        options.append((str(page.pk), page.title))
        if page.pk in linked:
            for block_id, text, _level in claims_of(page):
                options.append((f"{page.pk}:{block_id}", f"{page.title}: {text[:90]}"))
    return {"can_summarise": True, "evidence_options": options}
