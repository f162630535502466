"""What the parser found in one file, and the page data it becomes.

Every non-empty line of the file (every sentence, for an article saved on one line) is
placed exactly once: `places` records where, so the preview and the tests can show that
nothing was lost.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.html import escape

from articles.importer.references import reference_text

SUMMARY_LENGTH = 480
PLACES = ("title", "metadata", "heading", "body", "faq", "reference", "dropped")


class Dropped(NamedTuple):
    """A line left out of the article, and why."""

    text: str
    reason: str

    def __str__(self):
        return f"{self.text} ({self.reason})"


@dataclass
class ParsedArticle:
    """What the parser found in one file."""

    title: str = ""
    title_line: str = ""
    author: str = ""
    author_credentials: str = ""
    reviewed_by: str = ""
    reviewer_credentials: str = ""
    updated: datetime.date | None = None
    published: datetime.date | None = None
    blocks: list = field(default_factory=list)
    faqs: list = field(default_factory=list)
    references: list = field(default_factory=list)
    dropped: list = field(default_factory=list)
    metadata_lines: list = field(default_factory=list)
    section_headings: list = field(default_factory=list)  # "FAQs", "Sources"
    bios: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    places: list = field(default_factory=list)  # (text, place) for every line read
    one_line: bool = False

    @property
    def headings(self):
        return [block["value"]["text"] for block in self.blocks if block["type"] == "heading"]

    @property
    def paragraphs(self):
        return [block["text"] for block in self.blocks if block["type"] == "paragraph"]

    @property
    def body_text(self):
        lines = []
        for block in self.blocks:
            if block["type"] == "heading":
                lines.append(block["value"]["text"])
            elif block["type"] == "paragraph":
                lines.append(block["text"])
            elif block["type"] == "bullet_list":
                lines.extend(f"- {item}" for item in block["value"]["items"])
        return "\n".join(lines)

    @property
    def summary(self):
        first = next(iter(self.paragraphs), "")
        if len(first) <= SUMMARY_LENGTH:
            return first
        return first[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"

    def texts_by_place(self):
        """The text kept in each place, as lists of strings."""
        items = [
            item
            for block in self.blocks
            if block["type"] == "bullet_list"
            for item in block["value"]["items"]
        ]
        return {
            "title": [self.title_line],
            "metadata": list(self.metadata_lines),
            "heading": [*self.headings, *self.section_headings],
            "body": [*self.paragraphs, *items],
            "faq": [part for faq in self.faqs for part in (faq["question"], faq["answer"])],
            "reference": [reference_text(reference) for reference in self.references],
            "dropped": [line.text for line in self.dropped],
        }

    def stream_blocks(self):
        """The body as StreamField data for a MechanismPage."""
        stream = []
        for block in self.blocks:
            if block["type"] == "paragraph":
                stream.append({"type": "paragraph", "value": f"<p>{escape(block['text'])}</p>"})
            elif block["type"] == "heading":
                value = {**block["value"], "text": shorten(block["value"]["text"], 120)}
                stream.append({"type": "heading", "value": value})
            elif block["type"] == "bullet_list":
                items = block["value"]["items"]
                if all(len(item) <= 300 for item in items):
                    stream.append(block)
                else:
                    stream.extend(
                        {"type": "paragraph", "value": f"<p>{escape(item)}</p>"} for item in items
                    )
            else:
                stream.append(block)
        return stream

    def faq_blocks(self):
        return [
            {
                "type": "faq",
                "value": {
                    "question": shorten(faq["question"], 200),
                    "answer": "".join(
                        f"<p>{escape(part)}</p>" for part in faq["answer"].split("\n")
                    ),
                },
            }
            for faq in self.faqs
        ]


def shorten(text, limit):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
