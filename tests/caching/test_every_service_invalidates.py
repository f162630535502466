"""Every service that changes what a page shows moves the page generation on, whether it
saves (signals) or `.update()`s (its own `invalidate()`): a walk over every public function
of the community's and accounts' services, so a new one must say which it is."""

import inspect

import pytest
from django.utils import timezone

from accounts import services as account_services
from caching import generation
from community.models import Answer, HoldReason, Question, Reaction, Restriction
from community.services import (
    content_notes,
    drafts,
    member_notes,
    moderation,
    muting,
    notifications,
    posting,
    questions,
    rules,
    summaries,
    without_name,
)
from tests.factories import (
    AnswerFactory,
    QuestionFactory,
    ReplyFactory,
    ReportFactory,
    RestrictionFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SERVICE_MODULES = [
    content_notes,
    drafts,
    member_notes,
    moderation,
    muting,
    notifications,
    posting,
    questions,
    rules,
    summaries,
    without_name,
    account_services,
]

# Public functions that change nothing a shared page shows, and why.
CHANGE_NO_PAGE = {
    "send_weekly_digests": "email only",
    "send_waiting_mail": "email only",
    "can_promote": "a question, no change",
    "is_following": "a question, no change",
    "followers": "a question, no change",
    "wants_email_now": "a question, no change",
    "check_can_post": "a question, no change",
    "check_text": "a question, no change",
    "active_restriction": "a question, no change",
    "approved_posts": "a question, no change",
    "is_trusted": "a question, no change",
    "hold_fields": "a question, no change",
    "screen": "decides a hold; the post it belongs to is saved by its own service",
    "note_approved": "trust is never shown on a page",
    "forget_word_lists": "moderators' word lists are never shown on a page",
    "notify": "notifications are the member's own, read afresh (accounts.members)",
    "record_decision": "a notification: the member's own, read afresh (accounts.members)",
    "send_daily_digests": "email only",
    "open_notification": "notifications are the member's own, read afresh (accounts.members)",
    "follow": "follows are filled in per member (community.shells), never shared",
    "unfollow": "follows are filled in per member (community.shells), never shared",
    "report_post": "reports are seen only by moderators, on pages made afresh",
    "export_member_data": "a question, no change",
    "contribution_count": "a question, no change",
    "build_data_export": "a file for the member, no page",
    "request_data_export": "a file for the member, no page",
    "declare_account_data": "wiring at start-up",
    "get_member": "a question, no change",
    "draft_for": "a question, no change",
    "save_draft": "drafts are private: the reply box's is a personal hole (community.shells)",
    "discard_draft": "drafts are private: the reply box's is a personal hole (community.shells)",
    "remove_old_drafts": "drafts are private: the reply box's is a personal hole",
    "mute_member": "folding is a personal hole for the muter alone (community.gentle_parts)",
    "unmute_member": "folding is a personal hole for the muter alone (community.gentle_parts)",
    "has_muted": "a question, no change",
    "muted_ids": "a question, no change",
    "write_member_note": "moderators' notes are seen only on pages made afresh for moderators",
    "notes_on": "a question, no change",
    "offered_notes": "a question, no change",
    "note_for": "a question, no change",
    "standing_choices": "a question, no change",
    "choose_content_notes": "a member's own choices: personal holes (community.gentle_parts)",
    "reveal_author": "a moderator looks (recorded in the audit log); nothing changes",
    "can_summarise": "a question, no change",
    "claims_of": "a question, no change",
}


def article():
    """A mechanism article under the site's home page, for the evidence services."""
    from wagtail.models import Site

    from tests.factories import MechanismIndexPageFactory, MechanismPageFactory

    home = Site.objects.get(is_default_site=True).root_page
    return MechanismPageFactory(parent=MechanismIndexPageFactory(parent=home))


def attached(mod):
    from community.models import ThreadEvidence

    return ThreadEvidence.objects.create(thread=ThreadFactory(), mechanism=article(), added_by=mod)


def held(factory, **fields):
    return factory(held_at=timezone.now(), hold_reason=HoldReason.NEW_MEMBER, **fields)


# name -> function(moderator) that makes what the service acts on and calls it.
CASES = {
    "lock_thread": lambda mod: moderation.lock_thread(mod, ThreadFactory()),
    "unlock_thread": lambda mod: moderation.unlock_thread(mod, ThreadFactory(is_locked=True)),
    "pin_thread": lambda mod: moderation.pin_thread(mod, ThreadFactory()),
    "unpin_thread": lambda mod: moderation.unpin_thread(mod, ThreadFactory(is_pinned=True)),
    "premoderate_thread": lambda mod: moderation.premoderate_thread(mod, ThreadFactory()),
    "end_premoderation_thread": lambda mod: moderation.end_premoderation_thread(
        mod, ThreadFactory(is_premoderated=True)
    ),
    "retag_thread": lambda mod: moderation.retag_thread(mod, ThreadFactory(), ["sleep"]),
    "hide_post": lambda mod: moderation.hide_post(mod, ReplyFactory(), "Off topic"),
    "restore_post": lambda mod: moderation.restore_post(
        mod, ReplyFactory(hidden_at=timezone.now(), hidden_reason="Off topic")
    ),
    "approve_post": lambda mod: moderation.approve_post(mod, held(ReplyFactory)),
    "reject_post": lambda mod: moderation.reject_post(mod, held(ReplyFactory), "Off topic"),
    "restrict_member": lambda mod: moderation.restrict_member(
        mod, UserFactory(), Restriction.Kind.PREMODERATE, "Please keep to the topic."
    ),
    "lift_restriction": lambda mod: moderation.lift_restriction(mod, RestrictionFactory()),
    "restore_question": lambda mod: moderation.restore_question(
        mod, QuestionFactory(status=Question.Status.REJECTED)
    ),
    "restore_answer": lambda mod: moderation.restore_answer(
        mod, AnswerFactory(status=Answer.Status.REJECTED)
    ),
    "close_as_duplicate": lambda mod: moderation.close_as_duplicate(
        mod, QuestionFactory(), QuestionFactory()
    ),
    "approve_question": lambda mod: moderation.approve_question(
        mod, QuestionFactory(status=Question.Status.PENDING, published_at=None)
    ),
    "reject_question": lambda mod: moderation.reject_question(
        mod, QuestionFactory(status=Question.Status.PENDING, published_at=None), "Off topic"
    ),
    "approve_answer": lambda mod: moderation.approve_answer(
        mod, AnswerFactory(status=Answer.Status.PENDING)
    ),
    "reject_answer": lambda mod: moderation.reject_answer(
        mod, AnswerFactory(status=Answer.Status.PENDING), "Off topic"
    ),
    "mark_clinician_reviewed": lambda mod: moderation.mark_clinician_reviewed(mod, AnswerFactory()),
    "dismiss_report": lambda mod: moderation.dismiss_report(mod, ReportFactory()),
    "act_on_report": lambda mod: moderation.act_on_report(mod, ReportFactory(), "Unkind"),
    "promote_to_faq": None,  # needs an article with a workflow: tests/community/test_questions.py
    "start_thread": lambda mod: posting.start_thread(mod, title="A new discussion", body="Hi"),
    "post_reply": lambda mod: posting.post_reply(mod, ThreadFactory(), body="Same here."),
    "publish_reply": lambda mod: posting.publish_reply(held(ReplyFactory)),
    "edit_thread": lambda mod: posting.edit_thread(
        mod, ThreadFactory(author=mod), title="A better title", body="Clearer text"
    ),
    "edit_reply": lambda mod: posting.edit_reply(mod, ReplyFactory(author=mod), body="Better"),
    "delete_thread": lambda mod: posting.delete_thread(mod, ThreadFactory(author=mod)),
    "delete_reply": lambda mod: posting.delete_reply(mod, ReplyFactory(author=mod)),
    "ask_question": lambda mod: questions.ask_question(mod, title="What does a glial cell do?"),
    "post_answer": lambda mod: questions.post_answer(mod, QuestionFactory(), body="It helps."),
    "accept_answer": lambda mod: questions.accept_answer(
        mod, AnswerFactory(question=QuestionFactory(author=mod))
    ),
    "resubmit_question": lambda mod: questions.resubmit_question(
        mod,
        QuestionFactory(author=mod, status=Question.Status.REJECTED, published_at=None),
        title="What does a glial cell do, in plain words?",
    ),
    "toggle_reaction": lambda mod: posting.toggle_reaction(
        mod, ThreadFactory(), Reaction.Kind.HELPFUL
    ),
    "resubmit_reply": lambda mod: posting.resubmit_reply(
        mod,
        ReplyFactory(author=mod, hidden_at=timezone.now(), hidden_reason="Off topic"),
        body="Changed as asked.",
    ),
    "resubmit_thread": lambda mod: posting.resubmit_thread(
        mod,
        ThreadFactory(author=mod, hidden_at=timezone.now(), hidden_reason="Off topic"),
        title="A discussion, changed as asked",
        body="Changed as asked.",
    ),
    "write_summary": lambda mod: summaries.write_summary(mod, ThreadFactory(), "So far: pacing."),
    "attach_evidence": lambda mod: summaries.attach_evidence(mod, ThreadFactory(), article()),
    "detach_evidence": lambda mod: summaries.detach_evidence(mod, attached(mod)),
    "delete_account": lambda mod: account_services.delete_account(ReplyFactory().author, actor=mod),
}


def public_services():
    return {
        name
        for module in SERVICE_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }


def test_every_public_service_is_walked_or_says_why_it_changes_no_page():
    unaccounted = public_services() - set(CASES) - set(CHANGE_NO_PAGE)

    assert not unaccounted, f"Add these services to CASES or CHANGE_NO_PAGE: {unaccounted}"


@pytest.mark.parametrize("name", sorted(name for name, case in CASES.items() if case))
def test_service_moves_the_page_generation_on(name, moderator, django_capture_on_commit_callbacks):
    before = generation.read()

    with django_capture_on_commit_callbacks(execute=True):
        CASES[name](moderator)

    assert generation.read() > before
