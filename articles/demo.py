"""Demo content for `manage.py seed_demo`: original, plain-language text.

Each piece is created only when it is missing, so running the command again changes
nothing, and an editor's later changes are never overwritten.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from articles import demo_content
from articles.models import (
    ContentPage,
    FAQIndexPage,
    GlossaryTerm,
    HomePage,
    MechanismIndexPage,
    MechanismPage,
    Person,
    Reference,
    SiteSettings,
    UpdatePage,
    UpdatesIndexPage,
)

DEMO_CONTACT_EMAIL = "hello@example.org"

# Higher apps' demo content (the community's members and discussions), made after the
# articles by `seed_demo`; each is registered from its app's AppConfig.ready().
DEMO_SEEDERS = []


def add_demo_seeder(seeder):
    """Have `seed_demo` call `seeder(report)` once the articles exist. It must be idempotent
    and add what it made or kept to the report."""
    if seeder not in DEMO_SEEDERS:
        DEMO_SEEDERS.append(seeder)


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
            "<li>What you write in the community, and your settings.</li>"
            "<li>Drafts of what you are writing, so nothing is lost. Only you see them; "
            "they go when you post, or after 90 days.</li></ul>"
        ),
        heading("What moderators keep"),
        paragraph(
            "<p>To look after the community, moderators may write short private notes about "
            "a member. Only moderators see them. They are not part of your data download, "
            "and they stay with your account's record if you delete it, like a "
            "restriction.</p>"
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

# Demo review dates, relative to the day the demo is loaded. One article is left overdue so
# that the editors' "Reviews overdue" report has something to show.
REVIEWED_DAYS_AGO = 60
OVERDUE_SLUG = "small-fiber-neuropathy"
OVERDUE_DAYS_AGO = 400


def card(page, description):
    return {"page": page.pk, "description": description}


def home_body(sections):
    return [
        {
            "type": "link_cards",
            "value": {
                "heading": "Start here",
                "cards": [
                    card(
                        sections["mechanisms"],
                        "How the nerves, immune system, sleep and "
                        "genes each play a part, with how strong the evidence is.",
                    ),
                    card(sections["faq"], "Short answers to the questions people ask most."),
                    card(sections["updates"], "News about research, explained in plain words."),
                ],
            },
        },
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
                    card(sections["about"], "Who writes the articles and how we check them."),
                    card(
                        sections["privacy"], "What we keep about members, and how to take it back."
                    ),
                    card(
                        sections["accessibility"], "How we make the site easy to use on bad days."
                    ),
                ],
            },
        },
    ]


@dataclass
class SeedReport:
    """What a run of the seeder created and what it found already there."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def publish(page):
    """Save a revision, publish it and record both in the audit log."""
    page.save_revision(log_action=True).publish()


def ensure_child(parent, model, slug, report, build, publish_now=True):
    """The child of `parent` with `slug`, created from `build()` when missing.

    Returns (page, created). An existing page is returned untouched, so an editor's changes
    survive every later run.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        report.kept.append(f"page {existing.url_path}")
        return existing.specific, False
    page = build()
    page.slug = slug
    if not publish_now:
        page.live = False
    parent.add_child(instance=page)
    log(instance=page, action="wagtail.create")
    if publish_now:
        publish(page)
    report.created.append(f"page {page.url_path}")
    return page, True


def ensure_snippets(model, lookup_field, specs, report, label):
    """Create the snippets in `specs` ({lookup value: fields}) that are missing."""
    existing = {getattr(obj, lookup_field): obj for obj in model.objects.all()}
    created = 0
    for key, fields in specs.items():
        if key not in existing:
            existing[key] = model.objects.create(**{lookup_field: key, **fields})
            created += 1
    (report.created if created else report.kept).append(f"{label} ({len(specs)})")
    return existing


def resolve_citations(blocks, references):
    """Replace reference keys in claim blocks with the Reference snippets' ids."""
    resolved = []
    for block in blocks:
        if block["type"] == "claim":
            value = dict(block["value"])
            value["citations"] = [references[key].pk for key in value["citations"]]
            block = {"type": "claim", "value": value}
        resolved.append(block)
    return resolved


def ensure_mechanisms(index, people, references, report):
    today = timezone.localdate()
    pages, new = {}, []
    for spec in demo_content.MECHANISMS:
        days_ago = OVERDUE_DAYS_AGO if spec["slug"] == OVERDUE_SLUG else REVIEWED_DAYS_AGO

        def build(spec=spec, days_ago=days_ago):
            page = MechanismPage(
                title=spec["title"],
                summary=spec["summary"],
                evidence_level=spec["evidence_level"],
                body=resolve_citations(spec["body"], references),
                faqs=spec["faqs"],
                author=people["author"],
                clinical_reviewer=people["reviewer"],
                last_reviewed=today - datetime.timedelta(days=days_ago),
                change_notes=[
                    ("note", {"date": day, "text": text}) for day, text in spec["changes"]
                ],
            )
            page.references = [references[key] for key in spec["references"]]
            page.tags.add(*spec["tags"])
            return page

        page, created = ensure_child(index, MechanismPage, spec["slug"], report, build, False)
        pages[spec["slug"]] = page
        if created:
            new.append((page, spec))
    # Related pages can only be linked once every page exists; then publish each new page
    # with its links in one revision.
    for page, spec in new:
        page.related_mechanisms = [pages[slug] for slug in spec["related"]]
        publish(page)
    return pages


def ensure_glossary(mechanisms, report):
    specs = {
        term: {
            "definition": definition,
            "mechanism_page": mechanisms.get(slug),
            "synonyms": demo_content.GLOSSARY_SYNONYMS.get(term, ""),
        }
        for term, definition, slug in demo_content.GLOSSARY
    }
    ensure_snippets(GlossaryTerm, "term", specs, report, "glossary terms")


def ensure_updates(index, mechanisms, report):
    for spec in demo_content.UPDATES:

        def build(spec=spec):
            page = UpdatePage(
                title=spec["title"],
                date=datetime.date(*spec["date"]),
                summary=spec["summary"],
                body=spec["body"],
            )
            page.mechanisms = [mechanisms[slug] for slug in spec["mechanisms"]]
            return page

        ensure_child(index, UpdatePage, spec["slug"], report, build)


def ensure_home(home, sections, report):
    # The home page migration leaves the body empty; fill it once and never again.
    if home.body:
        report.kept.append("home page text")
        return
    home.intro = HOME_INTRO
    home.body = home_body(sections)
    publish(home)
    report.created.append("home page text")


def ensure_site_settings(sections, report):
    site_settings = SiteSettings.load()
    changed = []
    for field_name, slug in [
        ("about_page", "about"),
        ("privacy_page", "privacy"),
        ("accessibility_page", "accessibility"),
    ]:
        if getattr(site_settings, f"{field_name}_id") is None:
            setattr(site_settings, field_name, sections[slug])
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
    people = ensure_snippets(
        Person,
        "name",
        {
            spec["name"]: {"credentials": spec["credentials"], "role": spec["role"]}
            for spec in demo_content.PEOPLE.values()
        },
        report,
        "people",
    )
    people = {key: people[spec["name"]] for key, spec in demo_content.PEOPLE.items()}
    references = ensure_snippets(
        Reference,
        "citation",
        {citation: {} for citation in demo_content.REFERENCES.values()},
        report,
        "references",
    )
    references = {key: references[citation] for key, citation in demo_content.REFERENCES.items()}

    sections = {}
    index_spec = demo_content.MECHANISM_INDEX
    sections["mechanisms"], _ = ensure_child(
        home,
        MechanismIndexPage,
        index_spec["slug"],
        report,
        lambda: MechanismIndexPage(
            title=index_spec["title"],
            seo_title=index_spec["seo_title"],
            intro=index_spec["intro"],
            show_in_menus=True,
        ),
    )
    mechanisms = ensure_mechanisms(sections["mechanisms"], people, references, report)
    ensure_glossary(mechanisms, report)

    faq_spec = demo_content.FAQ_INDEX
    sections["faq"], _ = ensure_child(
        home,
        FAQIndexPage,
        faq_spec["slug"],
        report,
        lambda: FAQIndexPage(
            title=faq_spec["title"],
            intro=faq_spec["intro"],
            faqs=faq_spec["faqs"],
            author=people["author"],
            clinical_reviewer=people["reviewer"],
            last_reviewed=timezone.localdate() - datetime.timedelta(days=REVIEWED_DAYS_AGO),
        ),
    )
    updates_spec = demo_content.UPDATES_INDEX
    sections["updates"], _ = ensure_child(
        home,
        UpdatesIndexPage,
        updates_spec["slug"],
        report,
        lambda: UpdatesIndexPage(title=updates_spec["title"], intro=updates_spec["intro"]),
    )
    ensure_updates(sections["updates"], mechanisms, report)

    for spec in CONTENT_PAGES:
        sections[spec["slug"]], _ = ensure_child(
            home,
            ContentPage,
            spec["slug"],
            report,
            lambda spec=spec: ContentPage(
                title=spec["title"], intro=spec["intro"], body=spec["body"]
            ),
        )
    ensure_home(home, sections, report)
    ensure_site_settings(sections, report)
    for seeder in DEMO_SEEDERS:
        seeder(report)
    return report
