"""The demo community: members, a pinned welcome, discussions with replies across the
mechanism articles, answered questions, a few reactions and follows (community.demo_data).

`seed_community(report)` adds what is missing and never changes what is there: a member,
discussion or question already present (by name or title) is kept as it is, so running it
again changes nothing. Rows are written straight to the database rather than through the
posting services, so no one is emailed and nothing waits for a moderator; counts and dates
are set as the services would leave them. Demo members cannot sign in (no password).
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.roles import MODERATORS
from articles.models import MechanismPage
from community import demo_data
from community.models import Answer, Question, Reaction, Reply, Subscription, Thread

PATIENTS = "Patients"
DAYS_AGO = 40  # the first discussion started this long ago; the rest follow


def _when(step):
    """A moment in the past for the `step`-th thing written, oldest first."""
    return timezone.now() - datetime.timedelta(days=DAYS_AGO) + datetime.timedelta(hours=7 * step)


def ensure_members(report):
    """The demo members, by display name: made if missing, never changed."""
    User = get_user_model()  # noqa: N806 - a model class
    found = {user.username: user for user in User.objects.filter(username__in=demo_data.MEMBERS)}
    joined = timezone.now() - datetime.timedelta(days=DAYS_AGO + 30)
    for name, bio in demo_data.MEMBERS.items():
        if name in found:
            report.kept.append(f"community member {name}")
            continue
        user = User(username=name, email=f"{name.lower()}@demo.invalid", bio=bio)
        user.date_joined = user.trusted_at = joined
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        role = MODERATORS if name == demo_data.MODERATOR else PATIENTS
        user.groups.add(Group.objects.get(name=role))
        found[name] = user
        report.created.append(f"community member {name}")
    return found


def _articles(slugs):
    return list(MechanismPage.objects.filter(slug__in=slugs))


def _thread(spec, members, step, pinned=False):
    """A discussion and its replies, as if written over the past weeks."""
    thread = Thread.objects.create(
        title=spec["title"], body=spec["body"], author=members[spec["author"]], is_pinned=pinned
    )
    thread.tags.set(spec["tags"])
    thread.mechanisms.set(_articles(spec["mechanisms"]))
    started = _when(step)
    last = started
    for number, (name, body) in enumerate(spec["replies"], start=1):
        reply = Reply.objects.create(thread=thread, author=members[name], body=body)
        last = started + datetime.timedelta(hours=3 * number)
        Reply.objects.filter(pk=reply.pk).update(created_at=last)
    Thread.objects.filter(pk=thread.pk).update(
        created_at=started, last_activity_at=last, reply_count=len(spec["replies"])
    )
    Subscription.objects.get_or_create(user=thread.author, thread=thread)
    return thread


def _question(spec, members, step):
    """A published question with its answers, the first accepted ones marked."""
    asked = _when(step)
    question = Question.objects.create(
        title=spec["title"],
        body=spec["body"],
        author=members[spec["author"]],
        status=Question.Status.PUBLISHED,
        published_at=asked,
    )
    question.mechanisms.set(_articles(spec["mechanisms"]))
    accepted = False
    for name, body, is_accepted in spec["answers"]:
        Answer.objects.create(
            question=question,
            author=members[name],
            body=body,
            status=Answer.Status.PUBLISHED,
            is_accepted=is_accepted,
        )
        accepted = accepted or is_accepted
    Question.objects.filter(pk=question.pk).update(
        created_at=asked, answer_count=len(spec["answers"]), has_accepted_answer=accepted
    )
    return question


@transaction.atomic
def seed_community(report):
    """Add the demo community's missing members, discussions, questions, reactions and
    follows to `report` (articles.demo.SeedReport: `created` and `kept` lists)."""
    members = ensure_members(report)
    specs = [(demo_data.WELCOME, True), *((spec, False) for spec in demo_data.DISCUSSIONS)]
    existing = set(Thread.objects.filter(title__in=[s["title"] for s, _ in specs]).values_list(
        "title", flat=True
    ))  # fmt: skip
    for step, (spec, pinned) in enumerate(specs):
        if spec["title"] in existing:
            report.kept.append(f"discussion {spec['title']}")
            continue
        _thread(spec, members, step, pinned=pinned)
        report.created.append(f"discussion {spec['title']}")
    asked = set(Question.objects.filter(
        title__in=[spec["title"] for spec in demo_data.QUESTIONS]
    ).values_list("title", flat=True))  # fmt: skip
    for step, spec in enumerate(demo_data.QUESTIONS):
        if spec["title"] in asked:
            report.kept.append(f"question {spec['title']}")
            continue
        _question(spec, members, len(specs) + step)
        report.created.append(f"question {spec['title']}")
    demo_threads = Thread.objects.filter(author__in=members.values())
    threads = {thread.title: thread for thread in demo_threads}
    for name, title, kind in demo_data.REACTIONS:
        if title in threads:
            Reaction.objects.get_or_create(user=members[name], thread=threads[title], kind=kind)
    for name, title in demo_data.FOLLOWS:
        if title in threads:
            Subscription.objects.get_or_create(user=members[name], thread=threads[title])
    return report
