"""axe-core on every public template, at desktop and phone widths, with the CSP enforced.

One test seeds the demo content once and visits every page, so a failure lists every page
with its violations at once. It also saves the screenshots that `make screenshots` keeps.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, screenshot_dir, sign_in
from tests.factories import AnswerFactory, QuestionFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# (name, path) of every public template; {thread}, {question} and {tag} are filled in.
PUBLIC_PAGES = [
    ("home", "/"),
    ("mechanism-index", "/mechanisms/"),
    ("mechanism-page", "/mechanisms/microglia/"),
    ("glossary", "/glossary/"),
    ("faq", "/faq/"),
    ("updates", "/updates/"),
    ("update", "/updates/neutrophils-and-nerves/"),
    ("changes", "/updates/changes/"),
    ("search", "/search/?q=microglia"),
    ("community", "/community/"),
    ("thread", "{thread}"),
    ("tag", "/community/tags/{tag}/"),
    ("questions", "/questions/"),
    ("question", "{question}"),
    ("signup", "/accounts/signup/"),
    ("login", "/accounts/login/"),
    ("preferences", "/preferences/"),
]
# Pages a signed-in member sees.
MEMBER_PAGES = [
    ("ask", "/questions/ask/"),
    ("profile-settings", "/accounts/profile/"),
    ("member-page", "/members/patient/"),
    ("notifications", "/community/notifications/"),
    ("new-thread", "/community/new/"),
]
SCREENSHOT_PAGES = {"home", "mechanism-page", "glossary", "community", "thread", "question", "ask"}


def community_content(articles):
    author = UserFactory(username="patient", groups=["Patients"])
    thread = ThreadFactory(
        author=author,
        title="How do you explain central sensitization to family?",
        body="I use the *volume knob* picture. What works for you?",
        tags=["family", "central sensitization"],
        mechanisms=[articles["central-sensitization"]],
    )
    question = QuestionFactory(author=author, title="Can microglia be seen on a brain scan?")
    question.mechanisms.set([articles["microglia"]])
    AnswerFactory(question=question, body="Some PET scans try to, with **special tracers**.")
    return author, thread, question


def check_page(page, axe, url):
    """axe violations on the page at `url`, as 'rule: target' strings."""
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    results = axe.run(page, options=AXE_OPTIONS)
    found = [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]
    return found + [f"CSP: {error}" for error in errors]


def test_every_public_template_passes_axe_and_the_csp_and_saves_screenshots(site, new_page):
    from articles.models import MechanismPage

    articles = {page.slug: page for page in MechanismPage.objects.all()}
    member, thread, question = community_content(articles)
    fill = {
        "thread": thread.get_absolute_url(),
        "question": question.get_absolute_url(),
        "tag": "family",
    }
    axe = Axe()
    problems = {}
    folder = screenshot_dir()
    for viewport_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        anonymous = new_page(viewport)
        signed_in = new_page(viewport)
        sign_in(signed_in, site, member)
        pages = [(anonymous, name, path) for name, path in PUBLIC_PAGES]
        pages += [(signed_in, name, path) for name, path in MEMBER_PAGES]
        for page, name, path in pages:
            url = site + path.format(**fill)
            found = check_page(page, axe, url)
            if found:
                problems[f"{name} ({viewport_name})"] = found
            if name in SCREENSHOT_PAGES:
                page.screenshot(path=folder / f"{name}-{viewport_name}.png", full_page=True)

    assert problems == {}


def test_chosen_light_and_dark_colours_pass_axe_against_the_device_setting(site, new_page):
    """A reader's chosen colours win over the device's: light on a dark device and dark on
    a light one both keep readable contrast."""
    axe = Axe()
    problems = {}
    for theme, device in (("light", "dark"), ("dark", "light")):
        page = new_page(DESKTOP)
        page.emulate_media(color_scheme=device)
        page.context.add_cookies(
            [{"name": "reading_prefs", "value": f"text_size:large|theme:{theme}", "url": site}]
        )
        for path in ("/", "/mechanisms/microglia/", "/preferences/"):
            found = check_page(page, axe, site + path)
            if found:
                problems[f"{path} ({theme} on a {device} device)"] = found
        assert page.evaluate("document.documentElement.dataset.theme") == theme

    assert problems == {}


def test_key_points_mode_passes_axe_on_articles_and_recent_changes_with_screenshots(site, new_page):
    """Key points, with an open fold, in the gentlest and the boldest settings, at both
    widths: the folds, key lines, Listen and "When to get help" keep every check. Saves the
    key-points screenshots that `make screenshots` keeps."""
    axe = Axe()
    problems = {}
    folder = screenshot_dir()
    for viewport_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for prefs in ("detail:key-points", "text_size:larger|theme:dark|detail:key-points"):
            page = new_page(viewport)
            page.context.add_cookies([{"name": "reading_prefs", "value": prefs, "url": site}])
            for path in ("/mechanisms/central-sensitization/", "/updates/changes/"):
                found = check_page(page, axe, site + path)
                if path.startswith("/mechanisms/"):
                    if prefs == "detail:key-points":
                        shot = folder / f"mechanism-page-key-points-{viewport_name}.png"
                        page.screenshot(path=shot, full_page=True)
                    page.locator(".kp-fold__summary").first.click()
                    results = axe.run(page, options=AXE_OPTIONS).response["violations"]
                    found += [
                        f"open fold: {v['id']}: {n['target']}" for v in results for n in v["nodes"]
                    ]
                if found:
                    problems[f"{path} ({prefs}, {viewport_name})"] = found

    assert problems == {}
