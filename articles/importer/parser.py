"""Turn an article saved from the web as plain text (or Markdown) into structured parts.

Pure functions, no database: the same parse serves the command line, the admin preview and
a dry run. The file is read line by line (a one-line article gets its lines back first, see
`oneline.py`): the title, then bylines and dates, then the body with its headings and lists,
an FAQ section and a sources section. Site furniture is dropped with a reason, and every
line is placed exactly once (see `ParsedArticle.places`). `keep` names dropped lines the
editor put back: they are read as article text.
"""

import re
from collections import Counter
from dataclasses import dataclass

from articles.importer import boilerplate, bylines, faqs, references, titles
from articles.importer.article import Dropped, ParsedArticle
from articles.importer.header import HeaderMixin
from articles.importer.lines import (
    BULLET_RE,
    MD_HEADING_RE,
    NUMBERED_RE,
    SMALL_WORDS,
    ImportInputError,
    clean_inline,
    decode,
    ends_sentence,
    is_title_case,
    normalise,
    split_lines,
)
from articles.importer.oneline import segment
from articles.importer.sections import SectionsMixin
from articles.importer.warnings import add_warnings

__all__ = ["ImportInputError", "ParsedArticle", "decode", "parse_article"]

MAX_HEADING_LENGTH = 90
MAX_HEADING_WORDS = 12
SHORT_ITEM_WORDS = 14
REPEAT_MIN_WORDS = 6


def toc_key(text):
    """A line as a table of contents would list it: no number, bullet or # in front."""
    return normalise(re.sub(r"^\s*(?:#{1,6}|\d{1,2}[.)]|[-•*])\s+", "", text))


@dataclass
class Unit:
    """One line of the file: its raw and tidied text, and whether a blank line came before."""

    raw: str
    text: str
    blank_before: bool


class _Parser(HeaderMixin, SectionsMixin):
    def __init__(self, text, title=None, keep=()):
        self.article = ParsedArticle()
        self.forced_title = title
        self.keep = {normalise(line) for line in keep}
        self.section = "body"  # body | faq | sources
        self.paragraph = []
        self.bullets = []
        self.list_intro = False  # the line before ended in ":"
        self.faq = None
        self.reference = None
        self.numbered_headings = 0
        self.next_number = None  # the number the next item of a numbered list would have
        self.run = None  # furniture that continues over several lines
        self.seen = set()  # long lines already kept, to catch repeats
        self.prev = None  # kind of the last line placed: title, meta, heading, text, item
        self.prev_text = ""
        self.last_bio = False
        self.breadcrumb = ""
        self.breadcrumb_unsure = False
        self.front_matter = {}
        self.file_title = ""
        lines = split_lines(text)
        if len([line for line in lines if line.strip()]) <= 2 and len(text) > 200:
            segmented = segment(" ".join(line.strip() for line in lines))
            lines = segmented.lines
            self.breadcrumb = segmented.breadcrumb
            self.breadcrumb_unsure = segmented.breadcrumb_unsure
            self.article.one_line = True
        self.units = []
        self.counts = Counter()  # how often each line appears, for tables of contents
        skip, self.front_matter = titles.read_front_matter(lines)
        for raw in lines[:skip]:
            if raw.strip():
                self.place_meta(clean_inline(raw) or raw.strip())
        blank = True
        for raw in lines[skip:]:
            if not raw.strip():
                blank = True
                continue
            text = clean_inline(raw) or raw.strip()  # "> " or "**" alone keep their marks
            self.units.append(Unit(raw=raw.rstrip(), text=text, blank_before=blank))
            self.counts[toc_key(text)] += 1
            blank = False

    # --- placing lines ------------------------------------------------------------------

    def place(self, unit_text, where):
        self.article.places.append((unit_text, where))

    def drop(self, text, reason):
        self.article.dropped.append(Dropped(text, reason))
        self.place(text, "dropped")
        self.prev = "dropped"

    def place_meta(self, text):
        self.article.metadata_lines.append(text)
        self.place(text, "metadata")
        self.prev = "meta"

    # --- flushing -----------------------------------------------------------------------

    def flush_paragraph(self):
        if self.paragraph:
            self.article.blocks.append({"type": "paragraph", "text": " ".join(self.paragraph)})
            self.paragraph = []

    def flush_bullets(self):
        if self.bullets:
            if len(self.bullets) == 1 and not self.bullets[0][1]:
                # One bare short line is a short paragraph, not a list.
                self.article.blocks.append({"type": "paragraph", "text": self.bullets[0][0]})
            else:
                items = [item for item, _ in self.bullets]
                self.article.blocks.append({"type": "bullet_list", "value": {"items": items}})
            self.bullets = []

    def flush_faq(self):
        if self.faq:
            answer = "\n".join(" ".join(part) for part in self.faq["answer"] if part)
            self.article.faqs.append({"question": self.faq["question"], "answer": answer})
        self.faq = None

    def flush_reference(self):
        if self.reference:
            self.article.references.append(self.reference)
        self.reference = None

    def flush_all(self):
        self.flush_paragraph()
        self.flush_bullets()
        self.flush_faq()
        self.flush_reference()
        self.list_intro = False

    def add_heading(self, text, level="h2"):
        self.flush_paragraph()
        self.flush_bullets()
        self.list_intro = False
        self.article.blocks.append({"type": "heading", "value": {"text": text, "level": level}})
        self.prev = "heading"

    # --- the main loop ------------------------------------------------------------------

    def parse(self):
        start = self.read_title()
        units = self.units
        for index in range(start, len(units)):
            unit = units[index]
            following = units[index + 1] if index + 1 < len(units) else None
            self.read_unit(unit, following)
        self.flush_all()
        article = self.article
        if not article.title and (self.forced_title or self.front_matter.get("title")):
            article.title = self.forced_title or self.front_matter["title"]
        self.apply_front_matter()
        add_warnings(article)
        return article

    def apply_front_matter(self):
        values = self.front_matter
        article = self.article
        article.author = article.author or values.get("author", "")
        article.reviewed_by = article.reviewed_by or values.get("reviewed_by", "")
        for key in ("updated", "last_updated", "reviewed", "date"):
            if values.get(key) and not article.updated:
                article.updated = bylines.parse_date(values[key])

    def read_unit(self, unit, following):
        text = unit.text
        kept = normalise(text) in self.keep
        if unit.blank_before and self.section == "body":
            self.flush_paragraph()
            if self.bullets:
                self.flush_bullets()
                self.list_intro = False
        if unit.blank_before and self.section == "faq" and self.faq and self.faq["answer"][-1]:
            self.faq["answer"].append([])
        if not kept and self.furniture(unit, following):
            return
        heading_text = self.heading_text(unit)
        if faqs.is_faq_heading(heading_text) and self.section != "faq":
            self.start_section("faq", heading_text)
            return
        if references.SOURCES_HEADING_RE.match(heading_text):
            self.start_section("sources", heading_text)
            return
        if self.section != "body" and (
            faqs.is_closing_heading(heading_text)
            or (self.section == "sources" and MD_HEADING_RE.match(unit.raw))
        ):
            self.flush_all()
            self.section = "body"
            self.place(text, "heading")
            self.add_heading(heading_text)
            return
        if self.section == "body" and self.faq_restarts(unit):
            return
        if self.section == "body" and faqs.QA_QUESTION_RE.match(text):
            self.flush_all()
            self.section = "faq"  # "Q:" lines with no FAQ heading above them
        key = normalise(text)
        if len(text.split()) >= REPEAT_MIN_WORDS and key in self.seen and not kept:
            self.drop(text, "repeated biography" if self.is_bio(text) else "repeated text")
            return
        if self.header_line(unit, kept):
            return
        if len(text.split()) >= REPEAT_MIN_WORDS:
            self.seen.add(key)
        if self.section == "faq":
            self.handle_faq(unit)
        elif self.section == "sources" and kept and not references.looks_like_citation(text):
            # Put back by the editor, and not a citation: a paragraph at the end of the body.
            self.flush_reference()
            self.article.blocks.append({"type": "paragraph", "text": text})
            self.place(text, "body")
        elif self.section == "sources":
            self.handle_source(unit)
        else:
            self.handle_body(unit, following)
        self.prev_text = text

    def furniture(self, unit, following):
        """Drop site furniture; True when the line was dropped."""
        text = unit.text
        reason = boilerplate.boilerplate_reason(text)
        if reason == "bare URL" and self.section == "sources" and self.prev == "reference":
            reason = None  # a study's link, under its citation
        if reason:
            self.drop(text, reason)
            self.run = boilerplate.RUN_STARTERS.get(reason, self.run)
            return True
        if self.run == "other posts" and unit.blank_before:
            self.run = None
        headings = faqs.is_faq_heading(text) or references.SOURCES_HEADING_RE.match(text)
        if (
            self.run
            and not headings
            and boilerplate.continues_run(self.run, text, self.counts[toc_key(text)] > 1)
            and not (self.run == "other posts" and self.heads_text(following))
        ):
            self.drop(text, self.run)
            if self.run == "feedback widget" and text.endswith("Submit"):
                self.run = None  # the widget's last button
            return True
        self.run = None
        return False

    def heads_text(self, following):
        """True when the next line is article text: the line before it may be its heading."""
        return (
            self.section == "body"
            and following is not None
            and self.is_content(following)
            and not self.is_bio(following.text)
        )

    def heading_text(self, unit):
        md = MD_HEADING_RE.match(unit.raw)
        return clean_inline(md.group(2)) if md else unit.text

    def start_section(self, section, heading_text):
        self.flush_all()
        self.section = section
        self.article.section_headings.append(heading_text)
        self.place(heading_text, "heading")
        self.prev = "heading"

    # --- the body -----------------------------------------------------------------------

    def looks_like_heading(self, unit, following):
        text = unit.text
        if len(text) > MAX_HEADING_LENGTH or len(text.split()) > MAX_HEADING_WORDS:
            return False
        if not (text[0].isupper() or text[0].isdigit()) or (
            text[-1] in ".!:;,\"”'’)" and text[-1] != "?"
        ):
            return False
        if following is None or following.text[:1].islower():
            return False
        fresh = unit.blank_before or self.prev in {None, "title", "meta", "heading", "dropped"}
        finished = fresh or ends_sentence(self.prev_text) or self.prev == "item"
        if not finished:
            return False
        question = text.endswith("?")
        title_case = is_title_case(text)
        if self.list_intro and self.bullets:
            # Inside a bare list, only a heading that stands out from the items ends it.
            items_title_case = all(is_title_case(item) for item, _ in self.bullets)
            words = len(text.split())
            stands_out = words >= 3 or (words >= 2 and not items_title_case)
            return question or (title_case and stands_out and self.is_content(following))
        if self.list_intro:
            return False
        next_short = self.is_fragment(following)
        if next_short and not (title_case or question):
            return False
        if self.article.one_line:
            return title_case or (question and fresh)
        # A short sentence-case line between finished sentences heads the text after it.
        short_lead = len(text.split()) <= 8 and self.is_content(following)
        return fresh or title_case or question or short_lead

    @staticmethod
    def is_fragment(unit):
        """A short line that is not a sentence: a list item without a bullet, or a heading."""
        text = unit.text
        words = text.split()
        return (
            not BULLET_RE.match(unit.raw)
            and len(words) <= SHORT_ITEM_WORDS
            and not ends_sentence(text)
            and text[-1:] not in ":,;"
            and not re.search(r"[.!?]\s", text)
            and words[-1].lower() not in SMALL_WORDS
        )

    @staticmethod
    def is_content(unit):
        """A line of running text: a long line or a whole sentence."""
        return ends_sentence(unit.text) and len(unit.text.split()) > 8

    def handle_body(self, unit, following):
        raw, line = unit.raw, unit.text
        md = MD_HEADING_RE.match(raw)
        bullet = BULLET_RE.match(raw)
        numbered = NUMBERED_RE.match(raw)
        self.place(line, "body")
        if md:
            level = "h3" if len(md.group(1)) >= 3 else "h2"
            self.place_as(line, "heading")
            self.add_heading(clean_inline(md.group(2)), level)
        elif bullet:
            self.flush_paragraph()
            self.bullets.append((clean_inline(bullet.group(2)), True))
            self.prev = "item"
        elif self.bullets and raw.startswith((" ", "\t")) and not numbered:
            item, marked = self.bullets[-1]
            self.bullets[-1] = (f"{item} {line}", marked)  # a wrapped bullet
        elif numbered and self.numbered_item(numbered, following):
            self.flush_paragraph()
            self.bullets.append((clean_inline(numbered.group(2)), True))
            self.prev = "item"
        elif (
            numbered
            and len(numbered.group(2)) <= MAX_HEADING_LENGTH
            and numbered.group(2)[-1] not in ".!;,:"
        ):
            self.numbered_headings += 1
            self.place_as(line, "heading")
            self.add_heading(clean_inline(numbered.group(2)))
        elif self.looks_like_heading(unit, following):
            self.place_as(line, "heading")
            self.add_heading(line, "h3" if self.numbered_headings else "h2")
        elif self.list_intro and len(line.split()) <= SHORT_ITEM_WORDS:
            self.bullets.append((line, True))
            self.prev = "item"
        elif (
            self.is_fragment(unit)
            and following
            and self.is_fragment(following)
            and not following.text[:1].islower()
            and not self.paragraph
        ):
            self.bullets.append((line, False))  # short lines in a row: a list without bullets
            self.prev = "item"
        elif (
            self.bullets
            and not self.bullets[-1][1]
            and self.is_fragment(unit)
            and not self.paragraph
        ):
            self.bullets.append((line, False))
            self.prev = "item"
        else:
            self.flush_bullets()
            self.list_intro = False
            self.paragraph.append(line)
            self.prev = "text"
            if line.endswith(":"):
                self.flush_paragraph()
                self.list_intro = True
            elif len(line) > 100 and ends_sentence(line) and not self.article.one_line:
                # Text saved from the web puts one paragraph on each line; short lines are
                # wrapped text.
                self.flush_paragraph()

    def place_as(self, text, where):
        self.article.places[-1] = (text, where)

    def numbered_item(self, numbered, following):
        """A numbered line is a list item when the next line goes on counting, or after ":"."""
        number = int(numbered.group(1))
        if self.numbered_headings and number == self.numbered_headings + 1:
            return numbered.group(2)[-1:] in ".!;,"  # the next numbered heading
        if self.list_intro or (self.bullets and self.next_number == number):
            self.next_number = number + 1
            return True
        if numbered.group(2)[-1:] in ".!;,":
            return True
        if following is not None:
            after = NUMBERED_RE.match(following.raw)
            if after and int(after.group(1)) == number + 1 and not self.numbered_headings:
                self.next_number = number + 1
                return True
        return False


def parse_article(text, title=None, keep=()):
    """Parse the text of one article; `title` overrides the title line, `keep` lists
    dropped lines to read as article text after all."""
    return _Parser(text, title=title, keep=keep).parse()
