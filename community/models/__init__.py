"""The community's models, one module per subject, all importable from `community.models`.

base: limits, @mentions, Markdown and the abstract Markdown model; discussions: threads and
replies; questions: questions and answers; moderation: holds, reports, restrictions, word
lists, rejection reasons and post edits; notifications: follows and notifications;
reactions: "Helpful" and "Me too"; drafts: unfinished posts kept on the server; muting:
members a member chose not to see; member_notes: moderators' private notes on a member;
content_notes: the notes a post is folded behind, and members' standing choices about them;
without_name: discussions and questions shown as by "A member"; summaries: a discussion's
"Summary so far" and "What the evidence says".
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
from community.models.content_notes import (
    CONTENT_NOTE_MAX_LENGTH,
    ContentNote,
    ContentNoteChoice,
)
from community.models.discussions import Reply, ReplyQuerySet, Thread, ThreadQuerySet
from community.models.drafts import Draft
from community.models.member_notes import NOTE_MAX_LENGTH, MemberNote
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
from community.models.muting import MutedMember
from community.models.notifications import Notification, Subscription
from community.models.questions import Answer, Question, QuestionQuerySet
from community.models.reactions import Reaction
from community.models.summaries import SUMMARY_MAX_LENGTH, ThreadEvidence, ThreadSummary
from community.models.without_name import A_MEMBER

__all__ = [
    "A_MEMBER",
    "BODY_MAX_LENGTH",
    "MAX_TAGS",
    "MENTION_RE",
    "CONTENT_NOTE_MAX_LENGTH",
    "NOTE_MAX_LENGTH",
    "SUMMARY_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "Answer",
    "ContentNote",
    "ContentNoteChoice",
    "Draft",
    "MemberNote",
    "MutedMember",
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
    "ThreadEvidence",
    "ThreadQuerySet",
    "ThreadSummary",
    "WordList",
    "link_mentions",
    "mentioned_members",
    "one_target",
]
