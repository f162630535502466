"""The FAQ and sources sections of an article: questions with their answers, and citations.

A mixin of the parser (see parser.py), kept apart so each module stays short.
"""

from articles.importer import faqs, references
from articles.importer.lines import (
    BULLET_RE,
    MD_HEADING_RE,
    NUMBERED_RE,
    clean_inline,
    ends_sentence,
)


class SectionsMixin:
    """Reads FAQ and sources lines; expects the parser's state and `place` helpers."""

    def faq_restarts(self, unit):
        """Numbering that starts again at 1, with a question, under a heading about questions."""
        numbered = NUMBERED_RE.match(unit.raw)
        blocks = self.article.blocks
        if not (numbered and numbered.group(1) == "1" and self.numbered_headings >= 2):
            return False
        if not (numbered.group(2).endswith("?") and blocks and blocks[-1]["type"] == "heading"):
            return False
        heading = blocks[-1]["value"]["text"]
        if "question" not in heading.lower() and "faq" not in heading.lower():
            return False
        blocks.pop()  # already placed as a heading: it becomes the FAQ section's heading
        self.flush_all()
        self.section = "faq"
        self.article.section_headings.append(heading)
        self.handle_faq(unit)
        return True

    # --- the FAQ ------------------------------------------------------------------------

    def handle_faq(self, unit):
        raw, line = unit.raw, unit.text
        md = MD_HEADING_RE.match(raw)
        numbered = NUMBERED_RE.match(raw)
        prefixed = faqs.QA_QUESTION_RE.match(line)
        if prefixed:
            line = line[prefixed.end() :]
        elif answer := faqs.QA_ANSWER_RE.match(line):
            line = line[answer.end() :]
        candidate = clean_inline(md.group(2)) if md else (numbered.group(2) if numbered else line)
        last = self.faq["answer"][-1] if self.faq and self.faq["answer"] else []
        after_end = not self.faq or not last or ends_sentence(last[-1])
        if md or numbered or prefixed or faqs.looks_like_question(candidate, after_end):
            self.place(unit.text, "faq")
            if self.faq and not any(self.faq["answer"]):
                # Two question lines in a row: the first was a lead-in to the second.
                self.faq["question"] = f"{self.faq['question']} {candidate}"
                return
            self.flush_faq()
            self.faq = {"question": candidate.strip(), "answer": [[]]}
        elif self.faq:
            bullet = BULLET_RE.match(raw)
            self.faq["answer"][-1].append(clean_inline(bullet.group(2)) if bullet else line)
            self.place(unit.text, "faq")
        else:
            # Text under the FAQ heading before the first question: an introduction.
            self.paragraph.append(line)
            self.flush_paragraph()
            self.place(unit.text, "body")

    # --- the sources --------------------------------------------------------------------

    def handle_source(self, unit):
        text, numbered = references.strip_enumerator(unit.text)
        if (
            references.URL_RE.fullmatch(text.strip("<>"))
            and self.reference
            and self.prev == "reference"
        ):
            references.attach_link(self.reference, text)
            self.place(unit.text, "reference")
            self.prev = "link"
            return
        if not numbered and references.is_editorial(text):
            self.drop(unit.text, "editorial note")
            return
        if (
            not numbered
            and len(text.split()) <= 8
            and not references.looks_like_citation(text)
            and (not self.reference or self.reference.citation[-1:] in ".)")
        ):
            self.drop(unit.text, "not a citation")
            return
        self.place(unit.text, "reference")
        self.prev = "reference"
        for index, part in enumerate(references.split_citations(text)):
            starts_new = (
                numbered
                or index > 0
                or not self.reference
                or self.reference.citation[-1:] in ".)"
                or references.CITATION_START_RE.match(part)
            )
            if starts_new:
                self.flush_reference()
                self.reference = references.reference_from(part)
            else:
                joined = f"{self.reference.citation} {part}"
                doi, url = self.reference.doi, self.reference.url
                self.reference = references.reference_from(joined)
                self.reference.doi = self.reference.doi or doi
                self.reference.url = self.reference.url or url
