"""Turn a parsed article into a MechanismPage draft (or a new revision of an existing one).

Shared by `manage.py import_article` and the admin's "Import article" view, so both create
the same page, the same snippets and the same audit-log entry.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Page, Site

from articles.evidence import EvidenceLevel
from articles.importer.parser import ImportInputError, ParsedArticle, decode, parse_article
from articles.models import MechanismIndexPage, MechanismPage, Person, Reference

logger = logging.getLogger(__name__)

IMPORT_LOG_ACTION = "articles.import"
# Imported text has not been checked yet, so it claims the least: editors set the real level.
IMPORTED_EVIDENCE_LEVEL = EvidenceLevel.EARLY_RESEARCH
MAX_FILE_BYTES = 1024 * 1024
EMPTY_BODY_TEXT = "This article was imported without any body text. Add it before review."


@dataclass
class ImportResult:
    """What happened to one file."""

    source: str
    article: ParsedArticle | None = None
    status: str | None = None  # "created" or "updated"
    page: MechanismPage | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def url(self):
        return self.page.url if self.page is not None else None

    def as_json(self):
        if self.error:
            return {"file": self.source, "error": self.error}
        article = self.article
        return {
            "file": self.source,
            "title": article.title,
            "url": self.url,
            "status": self.status,
            "headings": article.headings,
            "faqs": article.faqs,
            "references": [reference.citation for reference in article.references],
            "author": article.author or None,
            "reviewed_by": article.reviewed_by or None,
            "updated": article.updated.isoformat() if article.updated else None,
            "body_text": article.body_text,
            "dropped": [str(line) for line in article.dropped],
            "warnings": article.warnings,
        }


def find_parent(path):
    """The mechanisms section at a site path such as "/mechanisms/", or ImportInputError."""
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    url_path = (
        f"{site.root_page.url_path}{path.strip('/')}/"
        if path.strip("/")
        else site.root_page.url_path
    )
    page = Page.objects.filter(url_path=url_path).specific().first()
    if page is None:
        raise ImportInputError(f"--parent {path}: there is no page at that address")
    if not isinstance(page, MechanismIndexPage):
        raise ImportInputError(
            f"--parent {path}: “{page.title}” is not a mechanisms section; articles can only "
            "be imported under one"
        )
    return page


def unique_slug(parent, title):
    base = slugify(title)[:70] or "imported-article"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def existing_page(parent, title):
    """The article under `parent` with the same title, ignoring case: re-imports update it."""
    return MechanismPage.objects.child_of(parent).filter(title__iexact=title.strip()).first()


def person(name, credentials, role):
    if not name:
        return None
    name, credentials = name[:120], credentials[:120]  # the lengths Person allows
    found, created = Person.objects.get_or_create(
        name=name, defaults={"credentials": credentials, "role": role}
    )
    if not created and credentials and not found.credentials:
        found.credentials = credentials
        found.save(update_fields=["credentials"])
    return found


def references_for(article):
    found = []
    for parsed in article.references:
        reference, created = Reference.objects.get_or_create(
            citation=parsed.citation[:600], defaults={"doi": parsed.doi, "url": parsed.url}
        )
        if not created and (parsed.doi and not reference.doi or parsed.url and not reference.url):
            reference.doi = reference.doi or parsed.doi
            reference.url = reference.url or parsed.url
            reference.save(update_fields=["doi", "url"])
        found.append(reference)
    return found


def apply_article(page, article):
    page.title = article.title[:255]
    page.summary = article.summary or article.title[:500]
    page.body = article.stream_blocks() or [
        {"type": "paragraph", "value": f"<p>{EMPTY_BODY_TEXT}</p>"}
    ]
    page.faqs = article.faq_blocks()
    page.author = person(article.author, article.author_credentials, "Author")
    page.clinical_reviewer = person(
        article.reviewed_by, article.reviewer_credentials, "Clinical reviewer"
    )
    if article.updated:
        page.last_reviewed = article.updated
        page.next_review_due = None  # recalculated from the new review date
    page.references = references_for(article)


def import_parsed(article, parent, *, source="", publish=False, user=None, dry_run=False):
    """Create or update the article's page; return an ImportResult.

    A new article becomes a draft submitted to the section's workflow (clinical review); an
    article whose title already exists becomes a new revision of that page. With `publish`
    the revision goes live instead. Every import is recorded in the audit log.
    """
    result = ImportResult(source=source, article=article)
    existing = existing_page(parent, article.title)
    result.status = "updated" if existing else "created"
    if dry_run:
        return result

    with transaction.atomic():
        if existing:
            page = existing.get_latest_revision_as_object()
        else:
            page = MechanismPage(
                slug=unique_slug(parent, article.title),
                evidence_level=IMPORTED_EVIDENCE_LEVEL,
                live=False,
            )
            result.notes.append(
                "Evidence level set to “Early research”: check it before the page goes live."
            )
        apply_article(page, article)
        if not existing:
            parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        log(
            instance=page,
            action=IMPORT_LOG_ACTION,
            user=user,
            data={"file": source, "status": result.status, "revision_id": revision.pk},
        )
        if publish:
            revision.publish(user=user)
        else:
            workflow = page.get_workflow()
            if workflow is None:
                result.notes.append(
                    "No workflow covers this section; the draft waits for an editor."
                )
            elif page.workflow_in_progress:
                result.notes.append(f"Already in “{workflow.name}”; the new revision joins it.")
            else:
                workflow.start(page, user)
                result.notes.append(f"Submitted to “{workflow.name}”.")
    result.page = MechanismPage.objects.get(pk=page.pk)
    logger.info("Imported %s as page %s (%s)", source or "text", page.pk, result.status)
    return result


def parse_bytes(data, source, *, title=None, keep=()):
    """Decode and parse one file's bytes; ImportInputError says why it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportInputError(f"{source}: the file is larger than 1 MB")
    article = parse_article(decode(data, source), title=title, keep=keep)
    if not article.title:
        raise ImportInputError(f"{source}: no title line was found")
    return article


UNCHANGED = object()


def correct_article(article, *, title=None, author=None, reviewed_by=None, updated=UNCHANGED):
    """Apply what the editor corrected in the preview; an empty name or date clears it."""
    if title:
        article.title = title.strip()
    if author is not None and author.strip() != article.author:
        article.author, article.author_credentials = author.strip(), ""
    if reviewed_by is not None and reviewed_by.strip() != article.reviewed_by:
        article.reviewed_by, article.reviewer_credentials = reviewed_by.strip(), ""
    if updated is not UNCHANGED:
        article.updated = updated
    return article


def import_bytes(data, source, parent, *, title=None, publish=False, user=None, dry_run=False):
    """Decode, parse and import one file's bytes; bad input becomes result.error, not raise."""
    try:
        article = parse_bytes(data, source, title=title)
    except ImportInputError as error:
        return ImportResult(source=source, error=str(error))
    return import_parsed(
        article, parent, source=source, publish=publish, user=user, dry_run=dry_run
    )
