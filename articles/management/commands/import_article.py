"""`manage.py import_article FILE [FILE ...]`: plain-text articles into structured drafts."""

import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importer.parser import ImportInputError
from articles.importer.service import ImportResult, find_parent, import_bytes

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import articles saved as plain text or Markdown. Each becomes a draft mechanism page "
        "submitted to clinical review (or a new revision of the page with the same title)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=".txt or .md files")
        parser.add_argument("--title", help="Use this title instead of the file's first line.")
        parser.add_argument(
            "--parent",
            default="/mechanisms/",
            help="Site path of the mechanisms section to import into (default /mechanisms/).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish at once instead of a draft."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; change nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object per file, as a list (title, url, headings, faqs, "
            "references, author, reviewed_by, updated, body_text, dropped, warnings).",
        )

    def handle(self, *args, files, title, parent, publish, dry_run, json, **options):
        if title and len(files) > 1:
            raise CommandError("--title can only be used when importing one file.")
        try:
            parent_page = find_parent(parent)
        except ImportInputError as error:
            raise CommandError(str(error)) from None

        results = [self.import_file(path, parent_page, title, publish, dry_run) for path in files]
        failed = [result for result in results if result.error]
        for result in failed:
            self.stderr.write(f"error: {result.error}")
        if json:
            self.stdout.write(dump_json([result.as_json() for result in results]))
        else:
            for result in results:
                if not result.error:
                    self.report(result, dry_run)
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(results)} file(s) could not be imported.", returncode=1
            )

    def import_file(self, path, parent, title, publish, dry_run):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            return ImportResult(source=path, error=f"{path}: cannot be read ({error.strerror})")
        try:
            return import_bytes(data, path, parent, title=title, publish=publish, dry_run=dry_run)
        except Exception as error:  # one bad file must not stop the others
            logger.debug("Importing %s failed", path, exc_info=True)
            return ImportResult(source=path, error=f"{path}: could not be imported ({error})")

    def report(self, result, dry_run):
        article = result.article
        what = "would be " + result.status if dry_run else result.status
        where = "" if dry_run else f" at {result.url}"
        self.stdout.write(
            self.style.SUCCESS(f"{result.source}: {what} “{article.title}”{where}")
            + f" ({len(article.headings)} headings, {len(article.faqs)} FAQs, "
            f"{len(article.references)} references, {len(article.dropped)} lines dropped)"
        )
        for note in result.notes:
            self.stdout.write(f"  note: {note}")
        for line in article.dropped:
            self.stdout.write(f"  dropped: {line}")
        for warning in article.warnings:
            self.stdout.write(f"  check: {warning}")


def dump_json(data):
    return json.dumps(data, indent=2, ensure_ascii=False)
