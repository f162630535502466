"""The community's models, one module per subject, all importable from `community.models`.

base: limits, @mentions, Markdown and the abstract Markdown model; discussions: threads and
replies; questions: questions and answers; moderation: holds, reports, restrictions, word
lists, rejection reasons and post edits; notifications: follows and notifications;
reactions: "Helpful" and "Me too".
"""

from community.models.base import (
    BODY_MAX_LENGTH,
    MAX_TAGS,
    MENTION_RE,
    TITLE_MAX_LENGTH,
    RendersMarkdown,
    link_mentions,
    mentioned_members,
    one_target,
)
from community.models.discussions import Reply, ReplyQuerySet, Thread, ThreadQuerySet
from community.models.moderation import (
    Holdable,
    HoldReason,
    PostEdit,
    RejectionReason,
    Report,
    Restriction,
    RestrictionQuerySet,
    WordList,
)
from community.models.notifications import Notification, Subscription
from community.models.questions import Answer, Question, QuestionQuerySet
from community.models.reactions import Reaction

__all__ = [
    "BODY_MAX_LENGTH",
    "MAX_TAGS",
    "MENTION_RE",
    "TITLE_MAX_LENGTH",
    "Answer",
    "HoldReason",
    "Holdable",
    "Notification",
    "PostEdit",
    "Question",
    "QuestionQuerySet",
    "Reaction",
    "RejectionReason",
    "RendersMarkdown",
    "Reply",
    "ReplyQuerySet",
    "Report",
    "Restriction",
    "RestrictionQuerySet",
    "Subscription",
    "Thread",
    "ThreadQuerySet",
    "WordList",
    "link_mentions",
    "mentioned_members",
    "one_target",
]
