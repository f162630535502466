"""Demo content for `manage.py seed_demo`: original, plain-language text.

Each piece is created only when it is missing, so running the command again changes
nothing, and an editor's later changes are never overwritten.
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Site

from articles.models import ContentPage, HomePage, SiteSettings

DEMO_CONTACT_EMAIL = "hello@example.org"


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def callout(body_html, title="What this means for you"):
    return {"type": "callout", "value": {"title": title, "body": body_html}}


ABOUT = {
    "slug": "about",
    "title": "About this site",
    "intro": "Why this site exists, who writes it and how we check what we publish.",
    "body": [
        heading("Why we made this site"),
        paragraph(
            "<p>Many people with fibromyalgia are told that tests are normal and that nothing "
            "is wrong. Yet the pain, tiredness and brain fog are real. Scientists now study "
            "how the nerves, the brain and the immune system may keep pain going. This site "
            "explains that research in plain words, so you can understand it and talk about "
            "it with your care team.</p>"
        ),
        heading("How we write"),
        paragraph(
            "<ul><li>We use short sentences and everyday words.</li>"
            "<li>We explain each science word the first time we use it.</li>"
            "<li>We say how strong the evidence is for each idea.</li>"
            "<li>We list the studies we used, so you can check them.</li></ul>"
        ),
        heading("How we check"),
        paragraph(
            "<p>A clinician reads every article before it goes live. Each article shows the "
            "date it was last checked and the date of its next check. If research changes, "
            "we update the page.</p>"
        ),
        callout(
            "<p>This site helps you learn. It cannot tell you what is wrong with you or which "
            "treatment to try. Please bring your questions to a doctor or nurse who knows "
            "you.</p>"
        ),
    ],
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy",
    "intro": "What we keep about you, why we keep it, and how you stay in control.",
    "body": [
        heading("If you only read"),
        paragraph(
            "<p>You can read every article without an account. We do not sell your data or "
            "show adverts. If you join, other members see only the display name you pick, "
            "never your email address.</p>"
        ),
        heading("What we keep when you join"),
        paragraph(
            "<ul><li>Your email address, so you can sign in and get the messages you ask "
            "for.</li><li>Your display name. It does not need to be your real name.</li>"
            "<li>What you write in the community, and your settings.</li></ul>"
        ),
        heading("Your choices"),
        paragraph(
            "<ul><li>You can download everything you have written and every setting, as one "
            "file.</li><li>You can delete your account. We then erase your email, name and "
            "profile. Your posts can stay under “Deleted member”, so other people’s "
            "conversations still make sense, or you can ask us to remove their text "
            "too.</li><li>You can hide your profile from search engines.</li></ul>"
        ),
        callout(
            "<p>Health details are personal. Think before you share your full name, where you "
            "live or who treats you. Moderators remove personal details they find.</p>",
            title="Keep yourself safe",
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility",
    "intro": "We want everyone to be able to use this site, including on bad days.",
    "body": [
        heading("What we aim for"),
        paragraph(
            "<p>We build to the Web Content Accessibility Guidelines (WCAG) 2.2, level AA. "
            "Many of our readers live with pain, tiredness and brain fog, so we also try to "
            "keep pages calm and easy to follow.</p>"
        ),
        heading("What you can expect"),
        paragraph(
            "<ul><li>Large, clear text and strong contrast.</li>"
            "<li>Every page works with a keyboard, and with a screen reader.</li>"
            "<li>A “Skip to main content” link at the top of each page.</li>"
            "<li>A dark theme when your device asks for one, and no moving parts if you turn "
            "animation off.</li><li>Pages that work on small phones and print neatly.</li>"
            "</ul>"
        ),
        heading("Tell us about a problem"),
        paragraph(
            "<p>If something is hard to read or use, please write to the contact address at "
            "the bottom of every page. Tell us which page it was and what went wrong. We will "
            "reply and fix what we can.</p>"
        ),
    ],
}

CONTENT_PAGES = [ABOUT, PRIVACY, ACCESSIBILITY]

HOME_INTRO = (
    "Fibromyalgia is real, and research into it is moving fast. Read what scientists have "
    "found about the biology of your pain, in plain words, and talk it over with others who "
    "live with it."
)


def home_body(pages_by_slug):
    return [
        heading("What you will find here"),
        paragraph(
            "<p>Each article explains one part of the biology of fibromyalgia, such as how "
            "the nervous system can turn up pain signals. Every idea comes with a label that "
            "shows how strong the evidence is. A clinician checks each article on a regular "
            "schedule.</p>"
        ),
        callout(
            "<p>Your pain is real, even when tests look normal. Research is slowly showing "
            "how the nerves and the immune system can keep pain going without any damage to "
            "the body.</p>"
        ),
        {
            "type": "link_cards",
            "value": {
                "heading": "About this site",
                "cards": [
                    {
                        "page": pages_by_slug["about"].pk,
                        "description": "Who writes the articles and how we check them.",
                    },
                    {
                        "page": pages_by_slug["privacy"].pk,
                        "description": "What we keep about members, and how to take it back.",
                    },
                    {
                        "page": pages_by_slug["accessibility"].pk,
                        "description": "How we make the site easy to use on bad days.",
                    },
                ],
            },
        },
    ]


@dataclass
class SeedReport:
    """What a run of the seeder created and what it found already there."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _publish(page, report, label):
    """Save a first revision, publish it and record it in the audit log."""
    revision = page.save_revision(log_action=True)
    revision.publish()
    report.created.append(label)


def ensure_content_page(home, spec, report):
    existing = home.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        report.kept.append(f"page /{spec['slug']}/")
        return existing.specific
    page = ContentPage(
        title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"]
    )
    home.add_child(instance=page)
    log(instance=page, action="wagtail.create")
    _publish(page, report, f"page /{spec['slug']}/")
    return page


def ensure_home(home, pages_by_slug, report):
    # The home page migration leaves the body empty; fill it once and never again.
    if home.body:
        report.kept.append("home page text")
        return
    home.intro = HOME_INTRO
    home.body = home_body(pages_by_slug)
    _publish(home, report, "home page text")


def ensure_site_settings(pages_by_slug, report):
    site_settings = SiteSettings.load()
    changed = []
    for field_name, slug in [
        ("about_page", "about"),
        ("privacy_page", "privacy"),
        ("accessibility_page", "accessibility"),
    ]:
        if getattr(site_settings, f"{field_name}_id") is None:
            setattr(site_settings, field_name, pages_by_slug[slug])
            changed.append(field_name)
    if not site_settings.contact_email:
        site_settings.contact_email = DEMO_CONTACT_EMAIL
        changed.append("contact_email")
    if changed:
        site_settings.save()
        report.created.append(f"site settings ({', '.join(changed)})")
    else:
        report.kept.append("site settings")


@transaction.atomic
def seed_demo():
    """Create whatever demo content is missing; return a SeedReport."""
    report = SeedReport()
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise ValueError(
            "The default site's root page is not a HomePage; run `manage.py migrate` on a "
            "fresh database, or point the default site at the home page in the admin."
        )
    pages_by_slug = {
        spec["slug"]: ensure_content_page(home, spec, report) for spec in CONTENT_PAGES
    }
    ensure_home(home, pages_by_slug, report)
    ensure_site_settings(pages_by_slug, report)
    return report
