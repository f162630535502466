"""The community's automatic rules: who is trusted, and which posts wait for a moderator.

Every new thread, reply, question and answer goes through `screen`. A post is held, in this
order of importance, when it contains crisis words (the author is shown where to get help at
once and the post goes to the top of the queue), personal details (a phone number or an email
address), words from an active spam or misinformation list, when its author or thread is
under pre-moderation, or when its author is still new (fewer than COMMUNITY_TRUST_THRESHOLD
approved posts).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from common.personal_details import EMAIL_RE, PHONE_RE
from community.models import Answer, HoldReason, Question, Reply, Restriction, Thread, WordList
from community.permissions import is_moderator

WORD_LISTS_CACHE_KEY = "community:word-lists:v1"


@dataclass(frozen=True)
class Hold:
    """Why a post waits, and what matched (shown to moderators, never to other members)."""

    reason: str
    detail: str = ""

    @property
    def is_crisis(self):
        return self.reason == HoldReason.CRISIS


def _word_lists():
    """{kind: compiled pattern} for the active word lists, cached until a list changes."""
    lists = cache.get(WORD_LISTS_CACHE_KEY)
    if lists is None:
        phrases = {}
        for word_list in WordList.objects.filter(is_active=True):
            phrases.setdefault(word_list.kind, []).extend(word_list.phrases())
        lists = {
            kind: r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(set(found))) + r")(?!\w)"
            for kind, found in phrases.items()
            if found
        }
        cache.set(WORD_LISTS_CACHE_KEY, lists, 60 * 60)
    return {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in lists.items()}


def forget_word_lists(**kwargs):
    """Signal receiver: a word list changed, so the next post reads the lists afresh."""
    cache.delete(WORD_LISTS_CACHE_KEY)


def check_text(text):
    """The content rule a text breaks, most serious first, or None."""
    lists = _word_lists()
    crisis = lists.get(WordList.Kind.CRISIS)
    if crisis and (match := crisis.search(text)):
        return Hold(HoldReason.CRISIS, f"Crisis words: “{match.group(0)}”")
    if match := EMAIL_RE.search(text):
        return Hold(HoldReason.PERSONAL_DETAILS, "An email address")
    if match := PHONE_RE.search(text):
        return Hold(HoldReason.PERSONAL_DETAILS, "A phone number")
    for kind in (WordList.Kind.SPAM, WordList.Kind.MISINFORMATION):
        pattern = lists.get(kind)
        if pattern and (match := pattern.search(text)):
            label = WordList.Kind(kind).label
            return Hold(HoldReason.WORD_LIST, f"{label}: “{match.group(0)}”")
    return None


def active_restriction(user, *kinds):
    if not user.is_authenticated:
        return None
    return Restriction.objects.active().filter(member=user, kind__in=kinds).first()


def approved_posts(user):
    """Posts of the member's that others can see: published Q&A and visible discussions."""
    return (
        Question.objects.filter(author=user, status=Question.Status.PUBLISHED).count()
        + Answer.objects.filter(author=user, status=Answer.Status.PUBLISHED).count()
        + Thread.objects.visible().filter(author=user).count()
        + Reply.objects.visible().filter(author=user).count()
    )


def is_trusted(user):
    """Moderators, staff and members with enough approved posts skip pre-moderation."""
    if is_moderator(user) or user.is_staff or user.trusted_at is not None:
        return True
    return approved_posts(user) >= settings.COMMUNITY_TRUST_THRESHOLD


def note_approved(author):
    """After a moderator approves a post: trust the author once they have enough."""
    if author.trusted_at is None and approved_posts(author) >= settings.COMMUNITY_TRUST_THRESHOLD:
        author.trusted_at = timezone.now()
        author.save(update_fields=["trusted_at"])


def screen(author, text, *, thread=None, check_trust=True):
    """The Hold for a new post by `author`, or None when it can be shown at once."""
    hold = check_text(text)
    if hold:
        return hold
    if active_restriction(author, Restriction.Kind.PREMODERATE):
        return Hold(HoldReason.PREMODERATED, "The member is under pre-moderation")
    if thread is not None and thread.is_premoderated and not is_moderator(author):
        return Hold(HoldReason.PREMODERATED, "The discussion is under pre-moderation")
    if check_trust and not is_trusted(author):
        return Hold(HoldReason.NEW_MEMBER, "")
    return None


def hold_fields(hold):
    """Model field values for a post held by `hold` (or shown at once, for None)."""
    if hold is None:
        return {"held_at": None, "hold_reason": "", "hold_detail": ""}
    return {"held_at": timezone.now(), "hold_reason": hold.reason, "hold_detail": hold.detail}
