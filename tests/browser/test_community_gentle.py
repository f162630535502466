"""A community gentle on bad days, in a real browser: a draft surviving a closed tab, a
content note folding a post, muting a member, and posting without a name. Lean: three
journeys, each making only the members and posts it needs."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import ReplyFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def member(name):
    return UserFactory(username=name, groups=["Patients"])


def test_draft_survives_a_closed_tab(site, new_page):
    writer = member("writer")
    page = new_page()
    sign_in(page, site, writer)
    page.goto(site + "/community/new/")
    page.get_by_label("Title").fill("Mornings are the hardest")
    page.get_by_label("Body").fill("By ten I can barely lift the kettle.")
    expect(page.locator("[data-draft-status]")).to_contain_text("Draft saved at")

    context = page.context
    page.close()  # the tab is closed
    again = context.new_page()
    again.goto(site + "/community/new/")

    expect(again.get_by_label("Title")).to_have_value("Mornings are the hardest")
    expect(again.get_by_label("Body")).to_have_value("By ten I can barely lift the kettle.")
    again.goto(site + "/community/drafts/")
    expect(again.get_by_role("link", name="New discussion", exact=True)).to_be_visible()


def test_content_note_folds_a_post_and_muting_folds_a_member(site, new_page):
    from community.models import ContentNote

    doses = ContentNote.objects.get(label="Medication doses")
    thread = ThreadFactory(
        title="What helped your sleep",
        body="I take a small dose at night.",
        content_note=doses.label,
        content_note_kind=doses,
    )
    ReplyFactory(thread=thread, author=member("loud"), body="Only my way works, trust me.")
    reader = member("reader")

    page = new_page()
    page.goto(site + thread.get_absolute_url())
    expect(page.get_by_text("I take a small dose at night.")).to_be_hidden()
    page.get_by_text("Content note: Medication doses").click()
    expect(page.get_by_text("I take a small dose at night.")).to_be_visible()

    sign_in(page, site, reader)
    page.goto(site + thread.get_absolute_url())
    page.get_by_role("link", name="Mute loud").click()
    page.get_by_role("button", name="Mute loud").click()
    expect(page.get_by_text("You muted this member: show")).to_be_visible()
    expect(page.get_by_text("Only my way works, trust me.")).to_be_hidden()
    page.get_by_text("You muted this member: show").click()
    expect(page.get_by_text("Only my way works, trust me.")).to_be_visible()


def test_posting_without_a_name(site, new_page):
    from community.models import Thread
    from community.services import moderation

    writer = member("shy")
    page = new_page()
    sign_in(page, site, writer)
    page.goto(site + "/community/new/")
    page.get_by_label("Title").fill("Something I find hard to say")
    page.get_by_label("Body").fill("Some days I feel like a burden to everyone.")
    page.get_by_label("Post without my name").check()
    page.get_by_role("button", name="Post discussion").click()
    expect(page.get_by_text("You, without your name")).to_be_visible()
    expect(page.get_by_text("Awaiting review").first).to_be_visible()

    thread = Thread.objects.get(title="Something I find hard to say")
    moderation.approve_post(UserFactory(username="mod", groups=["Moderators"]), thread)
    visitor = new_page()
    visitor.goto(site + thread.get_absolute_url())
    expect(visitor.get_by_text("Started by A member")).to_be_visible()
    expect(visitor.get_by_text("shy")).to_have_count(0)
