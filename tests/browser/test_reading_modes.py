"""Key points and Listen in a real browser: the same cached article, shaped by the reader's
preference before it paints, and read aloud where the browser can speak."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = "/mechanisms/microglia/"
KEY_POINTS = "text_size:normal|theme:system|detail:key-points|motion:system"
FOLDED_TEXT = "Most of the time they patrol quietly."  # in the opening's fold
KEY_LINE = "Awake microglia send out messages and clean up"  # an editor's section summary

# A stand-in for the browser's speech synthesis that remembers what it was asked to say.
FAKE_SPEECH = """
window.spoken = [];
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
    paused: false,
    speak: function (utterance) { window.spoken.push(utterance.text); },
    pause: function () { this.paused = true; },
    resume: function () { this.paused = false; },
    cancel: function () {}
}});
window.SpeechSynthesisUtterance = function (text) {
    this.text = text;
    this.addEventListener = function () {};
};
"""
NO_SPEECH = "delete Window.prototype.speechSynthesis; delete window.speechSynthesis;"


def visit(new_page, site, viewport=DESKTOP, cookie=None, java_script=True, init_script=None):
    page = new_page(viewport, java_script=java_script)
    if cookie:
        page.context.add_cookies([{"name": "reading_prefs", "value": cookie, "url": site}])
    if init_script:
        page.add_init_script(init_script)
    page.goto(site + ARTICLE)
    return page


def test_key_points_fold_the_article_and_open_a_part_on_request(site, new_page):
    page = visit(new_page, site, viewport=PHONE, cookie=KEY_POINTS)

    expect(page.locator("html")).to_have_attribute("data-detail", "key-points")
    expect(page.get_by_text("Showing key points.")).to_be_visible()
    # The takeaways, headings, key lines and evidence labels stay in view ...
    expect(page.get_by_text(KEY_LINE)).to_be_visible()
    expect(page.locator(".callout")).to_be_visible()
    expect(page.locator(".claim .badge").first).to_be_visible()
    expect(page.get_by_role("heading", name="Can microglia be calmed?")).to_be_visible()
    # ... and the rest is folded until the reader opens it.
    assert page.locator("details.kp-fold[open]").count() == 0
    expect(page.get_by_text(FOLDED_TEXT)).to_be_hidden()
    page.locator(".kp-fold__summary").first.click()
    expect(page.get_by_text(FOLDED_TEXT)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_full_mode_shows_everything_with_or_without_javascript(site, new_page):
    for java_script in (True, False):
        page = visit(new_page, site, java_script=java_script)

        expect(page.get_by_text(FOLDED_TEXT)).to_be_visible()
        expect(page.get_by_text(KEY_LINE)).to_be_hidden()  # no key lines repeating the text
        expect(page.locator(".kp-fold__summary").first).to_be_hidden()
        expect(page.get_by_text("Showing the whole article.")).to_be_visible()


def test_listen_appears_where_the_browser_can_speak_and_not_elsewhere(site, new_page):
    page = visit(new_page, site)
    has_speech = page.evaluate("'speechSynthesis' in window")
    listen = page.get_by_role("button", name="Listen to this article")
    if has_speech:
        expect(listen).to_be_visible()
    else:
        expect(listen).to_be_hidden()

    without = visit(new_page, site, init_script=NO_SPEECH)
    expect(without.get_by_role("button", name="Listen to this article")).to_be_hidden()

    no_script = visit(new_page, site, java_script=False)
    expect(no_script.get_by_role("button", name="Listen to this article")).to_be_hidden()


def test_listen_reads_the_key_points_only_with_pause_and_resume(site, new_page):
    page = visit(new_page, site, cookie=KEY_POINTS, init_script=FAKE_SPEECH)

    page.get_by_role("button", name="Listen to this article").click()

    expect(
        page.get_by_role("status").filter(has_text="Reading the key points aloud.")
    ).to_be_visible()
    spoken = page.evaluate("window.spoken")
    assert spoken[0] == "Microglia"
    assert any(KEY_LINE in text for text in spoken)
    assert any("Ask your doctor before trying any medicine" in text for text in spoken)
    assert not any(FOLDED_TEXT in text for text in spoken)
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.speechSynthesis.paused") is True
    page.get_by_role("button", name="Resume").click()
    assert page.evaluate("window.speechSynthesis.paused") is False
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Listen to this article")).to_be_focused()

    full = visit(new_page, site, init_script=FAKE_SPEECH)
    full.get_by_role("button", name="Listen to this article").click()
    spoken = full.evaluate("window.spoken")
    assert any(FOLDED_TEXT in text for text in spoken)
    assert not any(text.startswith(KEY_LINE) for text in spoken)
