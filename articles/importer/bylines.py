"""Bylines, reviewers, dates and author biographies.

Names are read word by word, not matched against a list: a run of capitalised words, then
credentials ("MD", "PhD, RN"). Sites that print a name twice ("By Jane Roe Jane Roe
LinkedIn") are caught by looking for a repeated run of words, and a sentence that starts
with the author's or reviewer's name ("Jane Roe is a health writer…") is their biography.
"""

import datetime
import re
from dataclasses import dataclass, field

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
DATE_RE = re.compile(
    rf"(?P<date>(?:{MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS})\.?,? \d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|(?:{MONTHS}) \d{{4}})",
    re.IGNORECASE,
)
DATE_FORMATS = [
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%B %Y",
    "%b %Y",
]
DATE_LABEL_RE = re.compile(
    r"^(?:(?:last|content( last)?|page( last)?|originally|first)\s+)?"
    r"(?P<label>updated|reviewed|published|posted|modified|revised|written|date)"
    r"(?:\s+on)?\s*:?\s*$",
    re.IGNORECASE,
)
REVIEWER_LABEL_RE = re.compile(
    r"^(?:(?:medically|clinically|expert|peer|fact[- ]checked(?: and medically)?|medical)\s+)?"
    r"(?:reviewed|checked|fact[- ]checked)\s+by\s*:?\s*|^(?:medical\s+)?reviewer\s*:\s*",
    re.IGNORECASE,
)
AUTHOR_LABEL_RE = re.compile(
    r"^(?:(?:written|words|article|posted|story|text)\s+)?by\s*:?\s+|^(?:author|writer)\s*:\s*",
    re.IGNORECASE,
)
META_SPLIT_RE = re.compile(r"\s+[|•·—–]\s+|\s{3,}|\s+-\s+(?=[A-Z])")
CREDENTIAL_RE = re.compile(
    r"^(?:[A-Z][A-Za-z]{0,4}[A-Z]\.?|[A-Z]\.(?:[A-Z]\.)+|Ph\.?D\.?|M\.?D\.?|D\.?O\.?|MSc|MBBS"
    r"|BSc|MBChB|FRCP|PA-C|DPT|PharmD|DNP|LPN|APRN)[,;]?$"
)
TITLES = {"dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx"}
PARTICLES = {"de", "van", "von", "der", "den", "la", "le", "da", "del", "di", "du", "bin", "al"}
NOT_NAMES = {
    "linkedin",
    "twitter",
    "facebook",
    "instagram",
    "website",
    "updated",
    "published",
    "reviewed",
    "medically",
    "clinically",
    "fact",
    "on",
    "is",
    "the",
}
BIO_VERB_RE = re.compile(
    r"^(?:is|was|has|have|writes|covers|works|specializes|specialises|holds|lives|leads|"
    r"serves|practices|practises|received|earned|teaches|trained)\b"
)
PRONOUN_START_RE = re.compile(r"^(?:She|He|They|Her|His|Their)\b")


def parse_date(text):
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip(".,"))
    text = re.sub(r"^(\w{3,9})\. ", r"\1 ", text)
    text = text.replace("Sept ", "Sep ")
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def is_name_word(word):
    bare = word.rstrip(",;")
    if bare.lower() in TITLES or bare.lower() in PARTICLES:
        return True
    if bare.lower().strip(".") in NOT_NAMES:
        return False
    return bool(re.match(r"^[A-Z][\w'’.-]*$", bare))


@dataclass
class Person:
    """A name read from a byline, with what else that byline said."""

    name: str = ""
    credentials: str = ""
    others: list = field(default_factory=list)  # further names ("and Sam Lee")
    rest: str = ""  # the words after the name, not read here
    repeated: bool = False
    comma: bool = False  # the name ended with a comma: a description may follow

    @property
    def unsure(self):
        """Four or more name words may be two names run together."""
        plain = [w for w in self.name.split() if w[:1].isupper() and w.lower() not in TITLES]
        return len(plain) >= 4


def collapse_repeat(words):
    """("Jane", "Roe", "Jane", "Roe", …) → (["Jane", "Roe"], 4): a name printed twice."""
    bare = [word.rstrip(",;") for word in words]
    for size in range(1, len(words) // 2 + 1):
        if bare[:size] == bare[size : 2 * size]:
            return words[:size], 2 * size
    return words, len(words)


def read_person(text):
    """Read "Dr. Amy Lee, MD Dr. Amy Lee, MD LinkedIn …" into a Person."""
    words = text.split()
    run = []
    for word in words:
        if is_name_word(word) or CREDENTIAL_RE.match(word) or word.lower() in {"and", "&"}:
            run.append(word)
            if len(run) >= 14:
                break
        else:
            break
    while run and run[-1].lower() in {"and", "&"}:
        run.pop()
    kept, used = collapse_repeat(run)
    if len(kept) == len(run):
        # Not printed twice: the name ends with its credentials.
        for index, word in enumerate(run[1:], start=1):
            before = run[index - 1]
            if (
                index > 1
                and not CREDENTIAL_RE.match(word)
                and CREDENTIAL_RE.match(before)
                and before.rstrip(",;").lower() not in TITLES
            ):
                kept, used = run[:index], index
                break
    person = Person(repeated=bool(kept) and used == 2 * len(kept))
    groups = [[[], []]]  # [name words, credential words] for each name
    for word in kept:
        bare = word.rstrip(",;")
        if word.lower() in {"and", "&"}:
            groups.append([[], []])
        elif groups[-1][0] and CREDENTIAL_RE.match(word) and bare.lower() not in TITLES:
            groups[-1][1].append(bare.rstrip("."))
        elif groups[-1][1]:
            break
        else:
            groups[-1][0].append(word)
    groups = [group for group in groups if group[0]]
    person.rest = " ".join(words[used:])
    person.comma = bool(kept) and kept[-1].endswith(",")
    if not groups:
        person.rest = text
        return person
    (first, credentials), *others = groups
    person.name = " ".join(first).rstrip(",;")
    person.credentials = ", ".join(credentials)
    person.others = [" ".join(names).rstrip(",;") for names, _ in others]
    return person


def same_person(name, other):
    """True when two spellings name the same person ("Dr. Amy Lee" and "Amy Lee, MD")."""

    def core(value):
        return [w.strip(".,").lower() for w in value.split() if w.lower() not in TITLES]

    return bool(name and other) and core(name)[:3] == core(other)[:3]


def bio_subject(text, names):
    """The name a biography sentence is about ("Jane Roe is a writer…"), or None."""
    for name in names:
        if not name:
            continue
        for form in {name, re.sub(r"^(Dr|Prof)\.? ", "", name)}:
            if text.startswith(form + " ") and BIO_VERB_RE.match(text[len(form) + 1 :]):
                return name
    return None


SOCIAL_RE = re.compile(r"^(?:LinkedIn|Twitter|Facebook|Instagram|Website|X)\b\s*")
DATE_PART_RE = re.compile(
    r"^(?:(?:last|content(?: last)?|page(?: last)?|originally|first)\s+)?"
    r"(?P<label>updated|reviewed|published|posted|modified|revised|written|date)"
    r"(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)


@dataclass
class Metadata:
    """What one metadata line said: who wrote and reviewed the article, and when."""

    author: Person | None = None
    reviewer: Person | None = None
    dates: list = field(default_factory=list)  # (label, date)
    bios: list = field(default_factory=list)


def _person_part(person, found, role):
    """Accept what follows a name: nothing, a profile link, a bio, or more metadata."""
    rest = person.rest
    if rest and person.comma and len(rest.split()) <= 8 and not rest.endswith("."):
        person.credentials = ", ".join(filter(None, [person.credentials, rest]))
        rest = ""
    while rest:
        social = SOCIAL_RE.match(rest)
        if social:
            rest = rest[social.end() :]
            continue
        if bio_subject(rest, [person.name]):
            found.bios.append(rest)
            break
        dated = re.sub(r"^(?:on|in)\s+(?=\S)", "", rest)
        more = read_metadata(dated, allow_bare_date=dated != rest)
        if more is None:
            return False
        found.author = found.author or more.author
        found.reviewer = found.reviewer or more.reviewer
        found.dates += more.dates
        found.bios += more.bios
        break
    if role == "author":
        found.author = person
    else:
        found.reviewer = person
    return True


def _read_part(part, found, allow_bare_date):
    if match := REVIEWER_LABEL_RE.match(part):
        person = read_person(part[match.end() :])
        return bool(person.name) and _person_part(person, found, "reviewer")
    if match := AUTHOR_LABEL_RE.match(part):
        after = part[match.end() :]
        person = read_person(after)
        if not person.name:
            # "Posted by admin" (a login) or "By the information team at …" (a group).
            if re.fullmatch(r"[\w.-]{2,30}", after):
                return True
            if re.match(r"(?:the|our)\b", after, re.I) and len(after.split()) <= 10:
                found.author = Person(name=after[:1].upper() + after[1:].rstrip("."))
                return True
            return False
        return _person_part(person, found, "author")
    match = DATE_PART_RE.match(part)
    start = match.end() if match else 0
    if match or allow_bare_date:
        date_match = DATE_RE.match(part, start)
        when = parse_date(date_match.group("date")) if date_match else None
        if when is None:
            return False
        label = match.group("label").lower() if match else "published"
        found.dates.append((label, when))
        rest = part[date_match.end() :].strip(" ,.")
        if not rest:
            return True
        if AUTHOR_LABEL_RE.match(rest) or REVIEWER_LABEL_RE.match(rest):
            return _read_part(rest, found, allow_bare_date=False)
        return False
    return False


def read_metadata(line, allow_bare_date=False):
    """The Metadata a line holds, or None unless the whole line is metadata."""
    parts = [part.strip() for part in META_SPLIT_RE.split(line) if part.strip()]
    if not parts or len(line) > 400:
        return None
    found = Metadata()
    others = []  # "Fibromyalgia", "0 comments": what blogs put beside the byline
    for part in parts:
        if SOCIAL_RE.fullmatch(part):
            continue
        if not _read_part(part, found, allow_bare_date):
            if len(parts) < 2 or len(part.split()) > 3 or part[-1:] in ".!?":
                return None
            others.append(part)
    if not (found.author or found.reviewer or found.dates or found.bios):
        return None
    if others and len(others) * 2 > len(parts):
        return None
    return found
