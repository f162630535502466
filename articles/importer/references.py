"""The sources section: one reference per citation, and the sentences that are not citations.

Citations are recognised by their shape, not by a list of journals: a surname with initials
("Clauw DJ," or "Smith, J. A.,"), a year, volume and pages ("2014;311(15):1547-55"), a DOI.
Sites often open the section with a sentence or two about their editorial process; those
are dropped with a reason. A one-line article runs its citations together: they are split
before each new "Surname AB," that follows the end of the one before.
"""

import re
from dataclasses import dataclass

SOURCES_HEADING_RE = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(sources?|references?|bibliography|citations|works cited"
    r"|further reading|studies cited|research cited|article sources|scientific references)"
    r"(?: and further reading| used in this article)?\s*:?$",
    re.IGNORECASE,
)
SURNAME = r"(?:(?:[a-z]{1,3} ){0,2}[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
# "Clauw DJ," "Clauw DJ." "Clauw DJ et al" "Smith, J. A.," "Smith J,"
AUTHOR_START = (
    rf"{SURNAME} (?:[A-Z]{{1,3}}(?=[,.]| et al\b| and\b)|[A-Z]\.(?: ?[A-Z]\.)*(?=,| &| and))"
)
APA_START = rf"{SURNAME}, (?:[A-Z]\. ?){{1,3}}(?=,| &| \(|\s)"
CITATION_START_RE = re.compile(rf"(?:{AUTHOR_START}|{APA_START})")
SPLIT_RE = re.compile(rf"(?<=[.)\]?])\s+(?=(?:\d{{1,3}}[.)]\s+)?(?:{AUTHOR_START}|{APA_START}))")
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
NUMBERS_RE = re.compile(
    r"\d+\s*\(\s*\d+\s*\)|;\s*\d+|:\s*[eE]?\d+\s*[-–]|\bpp?\.\s*\d|\bvol\.?\s*\d", re.I
)
DOI_RE = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\.\d{4,9}/\S+)", re.IGNORECASE)
URL_RE = re.compile(r"(?:https?://|www\.)\S+")
ENUMERATOR_RE = re.compile(r"^\s*(?:\[\d+\]|\d{1,3}[.)]|[-•*])\s+")
EDITORIAL_RE = re.compile(
    r"\b(?:we|our|us|you|your|editorial|fact-check\w*|trustworthy|high-quality sources"
    r"|peer-reviewed studies|sourcing guidelines)\b",
    re.IGNORECASE,
)


@dataclass
class ParsedReference:
    citation: str
    doi: str = ""
    url: str = ""


def looks_like_citation(text):
    """True for a line that has a citation's shape: authors, year and numbers, or a link."""
    if DOI_RE.search(text) or URL_RE.search(text):
        return True
    features = [
        bool(YEAR_RE.search(text)),
        bool(CITATION_START_RE.match(text)) or " et al" in text,
        bool(NUMBERS_RE.search(text)),
        bool(re.search(r"\bAccessed\b|\bRetrieved\b|\bJournal\b|\bPublished\b", text)),
    ]
    return sum(features) >= 2


def is_editorial(text):
    """A sentence about how the site works, not a source: "We use only…", "Our editors…"."""
    return not looks_like_citation(text) and bool(EDITORIAL_RE.search(text))


def split_citations(text):
    """Run-together citations, split into one string for each."""
    return [part.strip() for part in SPLIT_RE.split(text) if part.strip()]


def split_sources_text(text):
    """A one-line sources section: (editorial sentences, citations)."""
    first = None
    for match in re.finditer(rf"(?:^|(?<=[.!?])\s+)(?={AUTHOR_START}|{APA_START})", text):
        first = match.end()
        break
    if first is None:
        head, tail = text, ""
    else:
        head, tail = text[:first], text[first:]
    notes = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", head.strip()) if s]
    # A head sentence that is itself a citation ("NHS. Fibromyalgia. 2023.") stays one.
    if notes and all(looks_like_citation(note) for note in notes):
        return [], split_citations(text)
    return notes, split_citations(tail)


def strip_enumerator(text):
    match = ENUMERATOR_RE.match(text)
    return (text[match.end() :], True) if match else (text, False)


def reference_from(text):
    """A ParsedReference with its DOI or link taken out of the citation's text."""
    reference = ParsedReference(citation=text)
    doi = DOI_RE.search(text)
    if doi:
        reference.doi = doi.group(1).rstrip(".")
        reference.citation = DOI_RE.sub("", text).strip(" .") + "."
        return reference
    url = URL_RE.search(text)
    if url and url.start() > 0:
        reference.url = url.group(0).rstrip(".").strip("<>")
        reference.citation = (text[: url.start()] + text[url.end() :]).strip(" .") + "."
    return reference


def attach_link(reference, text):
    """A link on its own line belongs to the citation above it."""
    link = text.strip("<>")
    doi = DOI_RE.search(link)
    if doi:
        reference.doi = doi.group(1).rstrip(".")
    else:
        reference.url = link


def reference_text(reference):
    """All the text a reference holds, for checking nothing was lost."""
    parts = [reference.citation]
    if reference.doi:
        parts.append(f"https://doi.org/{reference.doi} doi:{reference.doi}")
    if reference.url:
        parts.append(reference.url)
    return " ".join(parts)
