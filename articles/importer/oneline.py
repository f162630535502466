"""Give an article pasted as one long line its lines back.

Some saved pages have no line breaks at all. The text is cut into sentences, then further
cut where a byline, a date, an FAQ heading, a numbered heading, a profile link or a feedback
widget starts. A heading glued to the sentence after it ("Satellite Cells These cells…") is
cut off by its Title Case. A section name glued in front of the title is found where the
title is printed twice, or by a word that usually starts a title. The sources part is cut
before each citation instead of at full stops (citations are full of them).
"""

import re
from dataclasses import dataclass, field

from articles.importer.bylines import (
    AUTHOR_LABEL_RE,
    DATE_RE,
    REVIEWER_LABEL_RE,
    collapse_repeat,
    read_person,
)
from articles.importer.faqs import FAQ_MARKER, is_faq_heading
from articles.importer.lines import SMALL_WORDS
from articles.importer.references import split_sources_text

NOT_AFTER = [r"\bDr", r"\bMr", r"\bMrs", r"\bMs", r"\bProf", r"\bSt", r"\be\.g", r"\bi\.e", r"\bvs"]
NOT_AFTER += [r"\bal", r"\b[A-Z]", r"\bNo", r"\bFig", r"\bvol", r"\bVol", r"\betc"]
SENTENCE_SPLIT_RE = re.compile(
    "".join(f"(?<!{abbr}\\.)" for abbr in NOT_AFTER)
    + r"(?<!\b\d\.)(?<!\b\d\d\.)(?<=[.!?])\s+(?=[A-Z0-9\"“(#])"
)
META_MARKERS = [
    r"(?:Medically|Clinically|Expert|Fact[- ]checked(?: and medically)?) reviewed by\b",
    r"Reviewed by\b",
    r"(?:(?:Written|Words|Posted) by|By) (?=[A-Z])",
    r"(?:Last |Originally )?(?:Updated|Published|Posted|Reviewed|Modified)(?: on)?:? "
    rf"(?={DATE_RE.pattern})",
]
PROFILE_RE = re.compile(r"\b(LinkedIn|Twitter|Instagram)\b")
FURNITURE = [
    r"(?:Was|Is) this (?:page|article) helpful\??",
    r"Thanks for your feedback!?",
    r"What is your feedback\??",
    r"See Our Editorial Process",
    r"Meet Our (?:Medical )?(?:Expert|Review) Board",
    r"Related (?:Posts|Articles)",
    r"Leave a (?:Reply|Comment)",
    r"Share (?:this|on|via)(?: (?:article|post|page|story|Facebook|Twitter|X|Pinterest|Email))?\b",
    r"Subscribe to our (?:free )?(?:weekly )?(?:newsletter|emails?)",
    r"Advertisement|Story continues below",
    r"(?-i:(?:(?:Other|Helpful|Not Helpful|Report an Error|Inaccurate|Hard to Understand)\s+)*"
    r"Submit)\b",
]
FURNITURE_RE = re.compile(rf"\s*\b({'|'.join(FURNITURE)})\s*", re.IGNORECASE)
SOURCES_RE = re.compile(
    r"(?:^|\s)(Article Sources|Sources|References|Citations|Bibliography)(?::|\s)(?=\s*[A-Z])"
)
NUMBERED_START_RE = re.compile(r"\s+(?=\d{1,2}\. [A-Z]|#{1,6} [A-Z])")
STARTERS = {
    "The", "This", "These", "That", "Those", "It", "Its", "In", "When", "While", "Many", "Most",
    "Some", "Several", "People", "Your", "You", "If", "A", "An", "Researchers", "Scientists",
    "Doctors", "Studies", "We", "There", "One", "For", "As", "Because", "Although", "Each",
    "Every", "Our", "Both", "After", "Before", "During", "Over", "Not", "Even",
}  # fmt: skip
TITLE_STARTERS = {
    "How", "What", "Why", "When", "Where", "Which", "Who", "Is", "Are", "Can", "Could", "Does",
    "Do", "Should", "Will", "The", "A", "An", "Understanding", "Living", "Your", "Inside",
}  # fmt: skip


@dataclass
class Segmented:
    """The lines of a one-line article, and what was cut from the front of its title."""

    lines: list = field(default_factory=list)
    breadcrumb: str = ""
    breadcrumb_unsure: bool = False


def sentences(text):
    return [part for part in SENTENCE_SPLIT_RE.split(text) if part.strip()]


def cut_markers(piece):
    """Cut before bylines, dates, FAQ headings, numbered headings, widgets and profile links."""
    pattern = "|".join(META_MARKERS)
    piece = re.sub(rf"\s+(?=(?:{pattern}))", "\n", piece)
    piece = re.sub(rf"(?:^|\s+)({FAQ_MARKER})(?:\s+|$)", "\n\\1\n", piece)
    piece = FURNITURE_RE.sub(lambda m: f"\n{m.group(1)}\n", piece)
    piece = PROFILE_RE.sub(lambda m: f"\n{m.group(1)}\n", piece)
    piece = NUMBERED_START_RE.sub("\n", piece)
    return [part.strip() for part in piece.split("\n") if part.strip()]


def cut_metadata(piece, names):
    """ "By Jane Roe Jane Roe Jane Roe is…" → the byline, then the rest; names are noted."""
    for label_re in (REVIEWER_LABEL_RE, AUTHOR_LABEL_RE):
        label = label_re.match(piece)
        if label:
            person = read_person(piece[label.end() :])
            if not person.name:
                return [piece]
            names.append(person.name)
            if person.rest:
                head = piece[: len(piece) - len(person.rest)].strip()
                return [head, *cut_metadata(person.rest, names)]
            return [piece]
    date_label = re.match(
        r"(?:Last |Originally )?(?:Updated|Published|Posted|Reviewed|Modified)(?: on)?:? ", piece
    )
    if date_label:
        date = DATE_RE.match(piece, date_label.end())
        if date and date.end() < len(piece):
            return [piece[: date.end()].strip(), piece[date.end() :].strip()]
    return [piece]


def split_heading_prefix(piece, numbered=False):
    """ "Satellite Cells These cells wrap…" → ("Satellite Cells", "These cells wrap…")."""
    words = piece.split(" ")
    run = 0
    for word in words:
        if word[:1].isupper() or word[:1].isdigit() or word.lower() in SMALL_WORDS:
            run += 1
        else:
            break
    if run >= len(words) or run < 2:
        return None
    heading, start = words[: run - 1], words[run - 1]
    if not heading or heading[-1].lower() in SMALL_WORDS or (start.isupper() and len(start) > 1):
        return None
    # Two or more capitalised words before a sentence: a heading. One word only when the
    # sentence starts with a word that usually starts one ("Microglia These cells…").
    if numbered or start in STARTERS or len(heading) >= 2:
        return " ".join(heading), " ".join(words[run - 1 :])
    return None


def split_title(head):
    """(breadcrumb, title, unsure) for the words that stand before the first byline."""
    words = head.split()
    for start in range(0, min(5, len(words) // 2)):
        kept, used = collapse_repeat(words[start:])
        if used == 2 * len(kept) and len(kept) >= 2:
            rest = " ".join(words[start + used :])
            title = " ".join(kept)
            return " ".join(words[:start]), f"{title}\n{title}", rest, False
    for index, word in enumerate(words[1:5], start=1):
        before = words[:index]
        if (
            word in TITLE_STARTERS
            and all(w[:1].isupper() or w == "&" for w in before)
            and not any(w.endswith(":") for w in before)
        ):
            return " ".join(before), " ".join(words[index:]), "", True
    if "&" in words[1:4]:
        end = words.index("&") + 2
        return " ".join(words[:end]), " ".join(words[end:]), "", True
    return "", head, "", False


def segment(text):
    """Lines for an article that was saved as a single line of text."""
    text = " ".join(text.split())
    result = Segmented()
    body, sources = text, ""
    found = list(SOURCES_RE.finditer(text))
    if found and found[-1].start() > len(text) // 3:
        body, sources = text[: found[-1].start()], text[found[-1].end() :]
    names = []
    pieces = []
    for sentence in sentences(body):
        for piece in cut_markers(sentence):
            pieces.extend(cut_metadata(piece, names))
    # The title: what stands before the first byline or date.
    if pieces:
        first = pieces[0]
        if not re.match(rf"(?:{'|'.join(META_MARKERS)})", first):
            crumb, title, rest, unsure = split_title(first)
            if not rest and len(title.split()) > 14:
                parts = split_heading_prefix(title)
                title, rest = parts if parts else (title, "")
            result.breadcrumb, result.breadcrumb_unsure = crumb, unsure
            pieces[:1] = [part for part in (crumb, *title.split("\n"), rest) if part]
    lines = []
    for index, piece in enumerate(pieces):
        numbered = re.match(r"(\d{1,2}\. |#{1,6} )(.*)$", piece)
        if numbered:
            parts = split_heading_prefix(numbered.group(2), numbered=True)
            lines.extend([numbered.group(1) + parts[0], parts[1]] if parts else [piece])
        elif index > 1 and not is_faq_heading(piece) and (parts := split_heading_prefix(piece)):
            lines.extend(parts)
        else:
            lines.append(piece)
    if sources:
        lines.append(found[-1].group(1))
        lines.extend(split_sources(sources, names))
    result.lines = cut_bios(lines, names)
    return result


def cut_bios(lines, names):
    """Cut before "Jane Roe is a writer…" wherever a biography is glued to other text."""
    if not names:
        return lines
    pattern = re.compile(
        rf"\s+(?=(?:{'|'.join(re.escape(name) for name in names)}) (?:is|was|has)\b)"
    )
    return [part for line in lines for part in pattern.split(line) if part]


def split_sources(text, names):
    """Editorial sentences, then one line per citation; furniture after them cut away."""
    tail = ""
    furniture = FURNITURE_RE.search(text)
    if furniture:
        text, tail = text[: furniture.start()], text[furniture.start() :]
    for name in names:
        bio = re.search(rf"\s+(?={re.escape(name)} (?:is|was|has)\b)", text)
        if bio:
            text, tail = text[: bio.start()], text[bio.end() :] + " " + tail
    notes, citations = split_sources_text(text.strip())
    lines = [*notes, *citations]
    for sentence in sentences(tail.strip()):
        lines.extend(cut_markers(sentence))
    return lines
