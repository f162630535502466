"""Key points: an article's body in sections, with the main ideas kept in view and the rest
folded away, for readers who chose key points (`detail` in the reading preferences).

Pages are cached and shared, so every reader gets the same HTML. Each section is its
heading; a key line (the editor's section summary, or else the section's first sentence),
shown only in key-points mode; the blocks every reader sees (what this means for you,
findings with their evidence labels, when to get help); and the other blocks inside
`<details class="kp-fold" open>`. The folds are sent open, so without JavaScript the whole
article reads as before; static/js/reading-prefs.js closes them for key-points readers,
and static/css/reading.css hides the key lines and the folds' summaries from everyone else.
"""

import re
import secrets
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.glossary import link_glossary_terms

# Blocks shown in full in every mode: the reader's takeaways, the evidence and safety.
KEPT = frozenset({"heading", "callout", "claim", "when_to_get_help"})
SENTENCE_END = re.compile(r"(?<=[.!?])[\u201d\"')]?\s+(?=[A-Z0-9\u201c\"(])")
# Where a key line or a fold's summary goes, until the glossary links are in. A new token
# for every page built, so no text an editor writes can stand in for one.
MARKER = "<!--kp:{token}:{number}-->"


def plain(html):
    """The text of `html` (or of a list of texts) on one line, without markup."""
    if isinstance(html, list | tuple):
        html = " ".join(map(str, html))
    return " ".join(strip_tags(str(html or "")).split())


def first_sentence(text):
    """The first sentence of plain `text` (all of it when it has only one)."""
    text = " ".join(str(text or "").split())
    return SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def block_text(kind, value):
    """The plain text of a block that may be folded: a paragraph, a list or a figure."""
    if kind == "paragraph":
        return plain(value)
    if kind == "bullet_list":
        return plain(" ".join(str(item) for item in value["items"]))
    if kind == "figure":
        return plain(value.get("caption"))
    return ""


def opening_sentence(kind, value):
    """The sentence a folded block would start a section with, or ""."""
    if kind == "bullet_list":
        items = [plain(item) for item in value["items"]]
        return first_sentence(items[0]) if items else ""
    return first_sentence(block_text(kind, value))


@dataclass
class Section:
    """One heading (None for the opening, before any heading) and what follows it: parts
    are ("kept", block) or ("fold", [blocks]), in the body's order."""

    heading: object = None
    key_line: str = ""
    parts: list = field(default_factory=list)

    @property
    def title(self):
        return plain(self.heading.value["text"]) if self.heading is not None else ""

    def add(self, block):
        if block.block_type in KEPT:
            self.parts.append(("kept", block))
        elif self.parts and self.parts[-1][0] == "fold":
            self.parts[-1][1].append(block)
        else:
            self.parts.append(("fold", [block]))

    def finish(self):
        """Choose the key line. A fold that would only repeat it is shown as it is."""
        written = plain(self.heading.value.get("summary")) if self.heading is not None else ""
        folds = [blocks for kind, blocks in self.parts if kind == "fold"]
        if not folds:
            self.key_line = written
            return self
        first = folds[0][0]
        self.key_line = written or opening_sentence(first.block_type, first.value)
        alone = len(folds) == 1 and len(folds[0]) == 1
        if alone and not written and block_text(first.block_type, first.value) == self.key_line:
            self.parts = [
                ("kept", item[0]) if kind == "fold" else (kind, item) for kind, item in self.parts
            ]
            self.key_line = ""
        return self


def sections(stream):
    """The body `stream` (a StreamValue) cut into Sections at each heading."""
    found = [Section()]
    for block in stream:
        if block.block_type == "heading":
            found.append(Section(heading=block))
        else:
            found[-1].add(block)
    return [section.finish() for section in found if section.heading is not None or section.parts]


def render_body(stream, context):
    """The article body's HTML, in sections with folds, glossary terms linked.

    Key lines and the folds' summaries go in after the glossary links, so the first use of
    a term is linked where every reader sees it: in the body text itself.
    """
    found = sections(stream)
    token = secrets.token_hex(8)
    inserts = []

    def marker(html):
        inserts.append(html)
        comment = MARKER.format(token=token, number=len(inserts) - 1)
        return mark_safe(comment)  # noqa: S308 - a comment of our own

    rows = []
    for section in found:
        key = ""
        if section.key_line:
            key = marker(f'<p class="kp-key-line">{escape(section.key_line)}</p>')
        what = f" about {section.title}" if section.title else " of the introduction"
        summary = marker(f'Read more<span class="visually-hidden">{escape(what)}</span>')
        rows.append({"section": section, "key_line": key, "summary": summary})
    html = render_to_string("articles/includes/article_body.html", {**context, "rows": rows})
    linked = link_glossary_terms(html)
    markers = re.compile(MARKER.format(token=token, number=r"(\d+)"))
    return mark_safe(  # noqa: S308 - trusted template output, escaped insertions
        markers.sub(lambda match: inserts[int(match.group(1))], str(linked))
    )
