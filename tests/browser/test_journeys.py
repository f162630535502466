"""End-to-end journeys in a real browser: a patient, a moderator and an editor."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, sign_in
from tests.conftest import enrol_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def quick_posting(settings):
    """A brand-new member may post again at once (the 30-second pause is tested elsewhere)."""
    settings.COMMUNITY_NEW_MEMBER_INTERVAL = 0


def confirmation_link(site):
    body = mail.outbox[-1].body
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body).group(1)
    return site + path


def test_patient_moderator_and_editor_journeys(site, new_page, quick_posting):
    from articles.models import UpdatesIndexPage
    from community.models import Question, Thread

    # A patient signs up and confirms their email address.
    page = new_page()
    page.goto(site + "/accounts/signup/")
    page.locator("#id_email").fill("robin@example.org")
    page.get_by_label("Display name").fill("robin")
    page.locator("#id_password1").fill("slow-mornings-2026")
    page.locator("#id_password2").fill("slow-mornings-2026")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")
    page.goto(confirmation_link(site))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("robin")

    # They read a mechanism article and follow a glossary link to the term's entry.
    page.goto(site + "/mechanisms/")
    page.get_by_role("link", name="Microglia").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Microglia")
    term = page.locator("a.glossary-link").first
    term_name = term.inner_text()
    term.click()
    expect(page).to_have_url(re.compile(r"/glossary/#"))
    expect(page.locator(":target")).to_contain_text(term_name, ignore_case=True)

    # They start a tagged discussion linked to that article.
    page.goto(site + "/mechanisms/microglia/")
    page.get_by_role("link", name="Start a discussion about Microglia").click()
    page.get_by_label("Title").fill("Does anyone else notice fog after bad nights?")
    page.get_by_label("Body").fill("After a poor night my *brain fog* is much worse.")
    page.get_by_label("Tags").fill("brain fog, sleep")
    expect(page.get_by_label("Microglia")).to_be_checked()
    page.get_by_role("button", name="Post discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Does anyone else notice fog after bad nights?"
    )
    expect(page.get_by_text("Awaiting review").first).to_be_visible()
    thread = Thread.objects.get(title__startswith="Does anyone else notice fog")
    assert sorted(thread.tags.names()) == ["brain fog", "sleep"]
    assert [m.slug for m in thread.mechanisms.all()] == ["microglia"]

    # They ask a question; similar articles are suggested while they type.
    page.goto(site + "/questions/ask/")
    page.get_by_role("textbox", name="Your question").press_sequentially(
        "Are microglia active in fibromyalgia?"
    )
    expect(page.locator("#similar-results")).to_contain_text("Microglia")
    page.get_by_label("Microglia").check()
    page.get_by_role("button", name="Send question for review").click()
    expect(page.get_by_text("Awaiting review.")).to_be_visible()
    question = Question.objects.get(title="Are microglia active in fibromyalgia?")

    # A moderator approves it on the site; it is then listed on the article.
    moderator = UserFactory(username="moderator", groups=["Moderators"])
    enrol_totp(moderator)
    moderation = new_page()
    sign_in(moderation, site, moderator)
    moderation.goto(site + question.get_absolute_url())
    moderation.get_by_role("button", name="Approve and publish").click()
    expect(moderation.get_by_text("Published. The member has been told.")).to_be_visible()
    reader = new_page(PHONE)
    reader.goto(site + "/mechanisms/microglia/")
    questions = reader.locator("section[aria-labelledby='questions-heading']")
    expect(questions.get_by_role("link", name=question.title)).to_be_visible()

    # An editor publishes a research update in the admin; it appears in the feed.
    editor = UserFactory(username="editor", groups=["Editors"])
    enrol_totp(editor)
    admin = new_page()
    sign_in(admin, site, editor)
    updates = UpdatesIndexPage.objects.get()
    admin.goto(f"{site}/admin/pages/add/articles/updatepage/{updates.pk}/")
    admin.locator("#id_title").fill("New study on glial activation")
    admin.locator("#id_summary").fill("A small study looked at glial cells in people with pain.")
    admin.locator("#panel-child-content-body-section button.c-sf-add-button").first.click()
    admin.get_by_role("option", name="Paragraph").click()
    admin.locator(".public-DraftEditor-content[contenteditable='true']").first.fill(
        "The researchers used special scans. It is early work."
    )
    admin.locator("footer .w-dropdown__toggle").first.click()
    admin.locator("button[name='action-publish']").click()
    expect(admin.locator(".messages .success")).to_contain_text("published")
    feed = reader.request.get(site + "/updates/feed/").text()
    assert "New study on glial activation" in feed


def test_asking_works_with_javascript_off(site, new_page):
    from community.models import Question

    member = UserFactory(username="quiet-reader", groups=["Patients"])
    page = new_page(java_script=False)
    sign_in(page, site, member)
    page.goto(site + "/questions/ask/")

    # One box: the question itself, checked for similar ones before it is sent.
    page.get_by_role("textbox", name="Your question").fill("What do microglia do in the gut?")
    page.get_by_role("button", name="Check for similar questions").click()
    expect(page.locator("#similar-results")).to_contain_text("Article: Microglia")
    expect(page.get_by_role("textbox", name="Your question")).to_have_value(
        "What do microglia do in the gut?"
    )
    page.get_by_role("button", name="Send question for review").click()

    expect(page.get_by_text("Awaiting review.")).to_be_visible()
    assert Question.objects.get(author=member).status == "pending"


def test_reading_preferences_larger_and_dark_apply_on_the_next_page(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site + "/mechanisms/microglia/")
    font_size = "parseFloat(getComputedStyle(document.body).fontSize)"
    normal = page.evaluate(font_size)

    # A reader on a bad day picks bigger text and dark colours from the header's menu.
    page.get_by_role("link", name="Menu", exact=True).click()
    page.get_by_role("link", name="Reading preferences", exact=True).click()
    page.get_by_label("Larger", exact=True).check()
    page.get_by_label("Dark: light text on a dark background").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # Back on the article, the page is painted in their choice.
    page.get_by_role("link", name="Back to the page you were reading").click()
    expect(page).to_have_url(site + "/mechanisms/microglia/")
    html = page.locator("html")
    expect(html).to_have_attribute("data-text-size", "larger")
    expect(html).to_have_attribute("data-theme", "dark")
    expect(html).to_have_attribute("data-motion", "system")
    assert page.evaluate(font_size) >= 1.4 * normal
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 25, 29)"  # the dark theme's --bg


def test_rejected_reply_is_kept_for_its_author_who_edits_and_sends_it_again(site, new_page):
    from django.utils import timezone

    from community.models import Reply, Thread
    from community.services import moderation

    author = UserFactory(username="sam", groups=["Patients"], trusted_at=None)
    moderator = UserFactory(username="mod-jo", groups=["Moderators"])
    thread = Thread.objects.create(
        author=UserFactory(username="ash"), title="Flares after a cold", body="Any tips?"
    )
    reply = Reply.objects.create(
        thread=thread, author=author, body="Buy my miracle cure.", held_at=timezone.now()
    )
    moderation.reject_post(moderator, reply, "Please leave out offers of cures.")

    page = new_page(java_script=False)
    sign_in(page, site, author)
    page.goto(site + thread.get_absolute_url())
    mine = page.locator(f"#reply-{reply.pk}")
    expect(mine).to_contain_text("Not published")
    expect(mine).to_contain_text("Please leave out offers of cures.")
    expect(mine).to_contain_text("Buy my miracle cure.")

    mine.get_by_role("link", name="Edit and send again").click()
    page.get_by_label("Your reply").fill("Resting for a day after a cold helps me.")
    page.get_by_role("button", name="Send again for review").click()

    expect(page.get_by_text("Your post is sent again.")).to_be_visible()
    mine = page.locator(f"#reply-{reply.pk}")
    expect(mine).to_contain_text("Awaiting review")
    expect(mine).to_contain_text("Resting for a day after a cold helps me.")
    reply.refresh_from_db()
    assert reply.held_at is not None and reply.hidden_at is None
