"""Test data factories shared by the whole suite."""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from articles.models import (
    ContentPage,
    GlossaryTerm,
    MechanismIndexPage,
    MechanismPage,
    Person,
    Reference,
)
from community.models import (
    Answer,
    Notification,
    Question,
    Reaction,
    Reply,
    Report,
    Restriction,
    Subscription,
    Thread,
)

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    """A member with a verified email address (what allauth needs to let them in)."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    # An established member by default: joined a month ago, and trusted, so posts appear at
    # once. Tests of new-member limits set a recent date; tests of pre-moderation pass
    # trusted_at=None (or use the `new_member` fixture).
    date_joined = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    trusted_at = factory.LazyAttribute(lambda user: user.date_joined)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
            self.save()

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


class ContentPageFactory(wagtail_factories.PageFactory):
    """A published about-the-site page; pass parent=the home page."""

    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Content page {n}")
    slug = factory.Sequence(lambda n: f"content-page-{n}")
    intro = "A short summary of this page."
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Some plain words about the site.</p>"}]
    )


class ReferenceFactory(DjangoModelFactory):
    class Meta:
        model = Reference

    citation = factory.Sequence(lambda n: f"Author A, et al. A study of things, part {n}. 2020.")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Dr Reviewer {n}")
    credentials = "MD"


class GlossaryTermFactory(DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"term{n}")
    definition = "A plain explanation."


class MechanismIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MechanismIndexPage

    title = "Mechanisms"
    slug = "mechanisms"
    intro = "Articles about how fibromyalgia works."


class MechanismPageFactory(wagtail_factories.PageFactory):
    """A live mechanism article; pass parent=a MechanismIndexPage."""

    class Meta:
        model = MechanismPage

    title = factory.Sequence(lambda n: f"Mechanism {n}")
    slug = factory.Sequence(lambda n: f"mechanism-{n}")
    summary = "A short, plain summary."
    evidence_level = "emerging"
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Plain words about the body.</p>"}]
    )
    last_reviewed = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=30)
    )


class ThreadFactory(DjangoModelFactory):
    """A visible discussion thread by a new established member."""

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Discussion number {n}")
    body = "How do you all cope with *flares*?"
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(list(extracted))

    @factory.post_generation
    def mechanisms(self, create, extracted, **kwargs):
        if create and extracted:
            self.mechanisms.set(extracted)


class ReplyFactory(DjangoModelFactory):
    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    body = "Same here. Rest helps me."
    author = factory.SubFactory(UserFactory)


class QuestionFactory(DjangoModelFactory):
    """A published question."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Is this question number {n}?")
    body = "I would like to understand this better."
    author = factory.SubFactory(UserFactory)
    status = Question.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def mechanisms(self, create, extracted, **kwargs):
        if create and extracted:
            self.mechanisms.set(extracted)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    body = "Here is what the research says."
    author = factory.SubFactory(UserFactory)
    status = Answer.Status.PUBLISHED


# --- Member data around posts (follows, reactions, reports, notifications, restrictions) ---


class SubscriptionFactory(DjangoModelFactory):
    """A member following a thread (pass tag= or mechanism= with thread=None for the others)."""

    class Meta:
        model = Subscription

    user = factory.SubFactory(UserFactory)
    thread = factory.SubFactory(ThreadFactory)


class ReactionFactory(DjangoModelFactory):
    """A "Helpful" on a thread (pass reply= with thread=None for a reply)."""

    class Meta:
        model = Reaction

    user = factory.SubFactory(UserFactory)
    thread = factory.SubFactory(ThreadFactory)
    kind = Reaction.Kind.HELPFUL


class ReportFactory(DjangoModelFactory):
    """An open report on a reply (pass thread= with reply=None for a thread)."""

    class Meta:
        model = Report

    reporter = factory.SubFactory(UserFactory)
    reply = factory.SubFactory(ReplyFactory)
    reason = Report.Reason.UNKIND
    details = "This reads as a personal attack."


class NotificationFactory(DjangoModelFactory):
    """An unread "new reply" notification about a reply in a thread the member follows."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = Notification.Kind.REPLY
    reply = factory.SubFactory(ReplyFactory)
    thread = factory.LazyAttribute(lambda notification: notification.reply.thread)
    actor = factory.LazyAttribute(lambda notification: notification.reply.author)


class RestrictionFactory(DjangoModelFactory):
    """A moderator's pre-moderation of a member, until lifted."""

    class Meta:
        model = Restriction

    member = factory.SubFactory(UserFactory)
    kind = Restriction.Kind.PREMODERATE
    reason = "Please keep to the discussion's topic."
    created_by = factory.SubFactory(UserFactory)
