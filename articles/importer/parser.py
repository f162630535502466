"""Turn an article saved from the web as plain text (or Markdown) into structured parts.

Pure functions, no database: the same parse serves the command line, the admin view and a
dry run. It recognises what such files have (see the importer section of the domain brief):
a title line (often repeated), bylines and review metadata, bare and numbered headings,
bullets, paragraphs, an FAQ section and a list of sources; and it drops site boilerplate,
reporting every line it drops.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.html import escape

MAX_HEADING_LENGTH = 90
MAX_HEADING_WORDS = 12
SUMMARY_LENGTH = 480

TERMINAL = ".!?:;,\"”'’)"
QUESTION_WORDS = (
    "what|why|how|is|are|can|could|do|does|did|will|would|should|when|where|which|who|"
    "whom|whose|may|might|has|have"
)

# Site boilerplate: (reason, pattern). Matched against the whole stripped line.
BOILERPLATE = [
    ("share prompt", r"(share|tweet|pin it|email)( this( article| post| page)?)?( on \w+)?[.!:]?"),
    ("share prompt", r"share (this|on|via)\b.*"),
    ("share prompt", r"(facebook|twitter|pinterest|linkedin|whatsapp|email)(\s*[|•·/,]\s*\w+)+"),
    ("call to action", r"click here\b.*"),
    (
        "subscribe prompt",
        r"(subscribe|sign up)\b.*(newsletter|updates|inbox|email|free|today|now)?.*",
    ),
    ("store link", r".*\b(visit|shop|browse) (our|the) (store|shop)\b.*"),
    ("store link", r"(shop now|buy now|add to cart|available in our (store|shop)).*"),
    ("comments", r"(leave a (reply|comment)|\d+ comments?|comments? \(\d+\)|post a comment).*"),
    (
        "copy protection",
        r".*(all rights reserved|content is protected|do not copy|copying is prohibited"
        r"|alert: content).*",
    ),
    ("copy protection", r"(©|copyright\b).*"),
    (
        "other posts",
        r"(related (posts|articles)|you (may|might) also like|recent posts|popular posts"
        r"|more (posts|articles)( like this)?|read (this )?next|previous post|next post)\b.*",
    ),
    ("bare URL", r"(<)?(https?://|www\.)\S+(>)?"),
    ("photo credit", r"(photo|image|picture)( credit)?s?( by|:).*"),
    ("photo credit", r".*\b(getty images|shutterstock|istock(photo)?|unsplash|adobe stock)\b.*"),
    ("feedback prompt", r"was this (page|article) helpful\??.*"),
    ("feedback prompt", r"(yes|no)([\s/|]+(yes|no))?"),
    ("advertisement", r"(advertisement|sponsored( content)?|ad)"),
    ("navigation", r"(skip to (main )?content|back to top|table of contents|print this page)"),
]
BOILERPLATE = [
    (reason, re.compile(rf"^\s*{pattern}\s*$", re.IGNORECASE)) for reason, pattern in BOILERPLATE
]
OTHER_POSTS = {"other posts"}

BULLET_RE = re.compile(r"^(\s*)(?:[-•*–·▪●]|\u2022)\s+(.*)$")
NUMBERED_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(.*)$")
MD_HEADING_RE = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
FAQ_HEADING_RE = re.compile(
    r"^(frequently asked questions|faqs?|common questions|questions and answers|q\s*&\s*a)\s*:?$",
    re.IGNORECASE,
)
SOURCES_HEADING_RE = re.compile(
    r"^(sources?|references?|bibliography|citations|further reading|studies cited)\s*:?$",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(
    r"^(?:written\s+)?by\s+(?P<name>[^|•,]{3,80}?)(?:\s*,\s*(?P<cred>[^|•]{1,60}))?$", re.I
)
UPDATED_RE = re.compile(
    r"^(?:last\s+)?(?:updated|reviewed|published)(?:\s+on)?\s*:?\s+(?P<date>.+)$", re.I
)
REVIEWED_BY_RE = re.compile(
    r"^(?:medically|clinically|fact[- ]checked and medically)\s+reviewed\s+by\s*:?\s+"
    r"(?P<name>[^|•,]{3,80}?)(?:\s*,\s*(?P<cred>[^|•]{1,60}))?$",
    re.I,
)
META_SPLIT_RE = re.compile(r"\s+[|•·—]\s+|\s{3,}")
DATE_FORMATS = [
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d",
    "%B %d %Y",
    "%d/%m/%Y",
]
DOI_RE = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\.\d{4,9}/\S+)", re.IGNORECASE)
URL_RE = re.compile(r"https?://\S+")
MD_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^)]+)\)")
MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")

# Where a one-line article gets its line breaks back.
ONE_LINE_MARKERS = [
    r"(?:Medically|Clinically) reviewed by",
    r"(?:Last )?Updated on",
    r"(?:Written )?By [A-Z][a-z]+ [A-Z]",
    r"Frequently Asked Questions",
    r"FAQs?\b",
    r"Sources\b",
    r"References\b",
    r"Was this page helpful\??",
    r"Leave a Reply",
    r"Click here\b",
    r"Subscribe\b",
    r"Share this\b",
]
NAME = r"(?:Dr\.? )?(?:[A-Z][\w'’-]+\.? ){0,3}[A-Z][\w'’-]+"
CREDENTIALS = r"(?:,? ?[A-Z][A-Za-z]{0,4}[A-Z]\.?)+"
ONE_LINE_META_END_RE = re.compile(
    rf"^((?:(?:Medically|Clinically) reviewed by|(?:Written )?By) {NAME}(?:,{CREDENTIALS})?"
    r"|(?:Last )?Updated on (?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}"
    r"|\d{4}-\d{2}-\d{2}))\s+",
    re.MULTILINE,
)
SMALL_WORDS = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "with"}


def split_title_case_prefix(text):
    """Split "What the Studies Found Researchers saw ..." into heading and sentence."""
    words = text.split(" ")
    end = 0
    for index, word in enumerate(words):
        if word[:1].isupper() or word.lower() in SMALL_WORDS:
            end = index + 1
        else:
            break
    # The last capitalised word before a lower-case one starts the sentence.
    if 0 < end < len(words):
        end -= 1
    if end < 2:
        return text
    return " ".join(words[:end]) + "\n" + " ".join(words[end:])


REFERENCE_START_RE = re.compile(r"(?<=[.)\]]) (?=[A-Z][a-zA-Z'’-]+ [A-Z]{1,3}[,.] )")


class ImportInputError(ValueError):
    """The file cannot be imported; the message says why, in one line."""


@dataclass
class ParsedReference:
    citation: str
    doi: str = ""
    url: str = ""


@dataclass
class ParsedArticle:
    """What the parser found in one file."""

    title: str = ""
    author: str = ""
    author_credentials: str = ""
    reviewed_by: str = ""
    reviewer_credentials: str = ""
    updated: datetime.date | None = None
    blocks: list = field(default_factory=list)
    faqs: list = field(default_factory=list)
    references: list = field(default_factory=list)
    dropped: list = field(default_factory=list)

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

    def stream_blocks(self):
        """The body as StreamField data for a MechanismPage."""
        stream = []
        for block in self.blocks:
            if block["type"] == "paragraph":
                stream.append({"type": "paragraph", "value": f"<p>{escape(block['text'])}</p>"})
            else:
                stream.append({"type": block["type"], "value": block["value"]})
        return stream

    def faq_blocks(self):
        return [
            {
                "type": "faq",
                "value": {
                    "question": faq["question"],
                    "answer": "".join(
                        f"<p>{escape(part)}</p>" for part in faq["answer"].split("\n")
                    ),
                },
            }
            for faq in self.faqs
        ]


def decode(data, name="file"):
    """Text from the bytes of an uploaded or read file, or ImportInputError saying why not."""
    if not data or not data.strip():
        raise ImportInputError(f"{name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise ImportInputError(f"{name}: this looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportInputError(
            f"{name}: the file is not UTF-8 text (bad byte at position {error.start}); "
            "save it as UTF-8 and try again"
        ) from None
    control = sum(1 for char in text[:8192] if ord(char) < 32 and char not in "\n\r\t\f")
    if control > 8:
        raise ImportInputError(f"{name}: this looks like a binary file, not text")
    if not text.strip():
        raise ImportInputError(f"{name}: the file is empty")
    return text


def clean_inline(text):
    """Plain text of a line: Markdown links and emphasis removed, spaces tidied."""
    text = MD_LINK_RE.sub(r"\1", text)
    text = MD_EMPHASIS_RE.sub(r"\2", text)
    return " ".join(text.replace("\u00a0", " ").split())


def boilerplate_reason(line):
    for reason, pattern in BOILERPLATE:
        if pattern.match(line):
            return reason
    return None


def parse_date(text):
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."))
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def restore_line_breaks(text):
    """Give a whole article pasted on one line its structure back, near enough."""
    markers = "|".join(ONE_LINE_MARKERS)
    text = re.sub(rf"\s+(?=(?:{markers}))", "\n", text)
    # Numbered headings and bullets inside the line.
    text = re.sub(r"\s+(?=\d{1,2}\. [A-Z])", "\n", text)
    text = re.sub(r"\s+(?=[•])", "\n", text)
    text = ONE_LINE_META_END_RE.sub("\\1\n", text)
    text = re.sub(
        r"^(\d{1,2}\. )(.+)$",
        lambda match: match.group(1) + split_title_case_prefix(match.group(2)),
        text,
        flags=re.MULTILINE,
    )
    text = re.sub(
        r"^(Frequently Asked Questions|FAQs?)\s+(.*)$",
        lambda match: match.group(1) + "\n" + re.sub(r"\?\s+", "?\n", match.group(2)),
        text,
        flags=re.MULTILINE,
    )
    lines = text.split("\n")
    # The title is what stands before the first marker; a repeated title is said twice.
    head = lines[0].strip()
    half = len(head) // 2
    if len(head) % 2 == 1 and head[:half] == head[half + 1 :]:
        lines[0] = f"{head[:half]}\n{head[half + 1 :]}"
    elif len(head) > MAX_HEADING_LENGTH:
        sentence = re.match(r"(.{10,120}?[.!?])\s", head)
        if sentence:
            lines[0] = f"{sentence.group(1)}\n{head[sentence.end() :]}"
    # References run together: split before each "Surname AB," that follows a full stop.
    out = []
    in_sources = False
    for line in "\n".join(lines).split("\n"):
        stripped = line.strip()
        match = re.match(r"^(Sources|References)\b:?\s*(.*)$", stripped)
        if match:
            in_sources = True
            out.append(match.group(1))
            stripped = match.group(2)
            if not stripped:
                continue
        if in_sources:
            out.extend(REFERENCE_START_RE.split(stripped))
        else:
            out.append(stripped)
    return "\n".join(out)


class _Parser:
    def __init__(self, text, title=None):
        self.article = ParsedArticle()
        self.forced_title = title
        self.section = "body"  # body | faq | sources
        self.paragraph = []
        self.bullets = []
        self.faq = None
        self.reference = None
        self.numbered_headings = False
        self.skip_list = False
        self.file_title = ""
        self.citation_above = False
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if len([line for line in lines if line.strip()]) <= 2 and len(text) > 200:
            lines = restore_line_breaks(" ".join(line.strip() for line in lines)).split("\n")
        self.lines = lines

    # --- flushing -----------------------------------------------------------------------

    def flush_paragraph(self):
        if self.paragraph:
            self.article.blocks.append({"type": "paragraph", "text": " ".join(self.paragraph)})
            self.paragraph = []

    def flush_bullets(self):
        if self.bullets:
            self.article.blocks.append({"type": "bullet_list", "value": {"items": self.bullets}})
            self.bullets = []

    def flush_faq(self):
        if self.faq and self.faq["answer"]:
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

    # --- recognisers --------------------------------------------------------------------

    def is_title_repeat(self, line):
        def norm(value):
            return re.sub(r"\W+", " ", value).strip().lower()

        return norm(line) == norm(self.file_title)

    def metadata(self, line):
        """Record bylines, dates and reviewers; True when the line was metadata."""
        parts = [part.strip() for part in META_SPLIT_RE.split(line) if part.strip()]
        found = []
        for part in parts:
            if match := REVIEWED_BY_RE.match(part):
                self.article.reviewed_by = match.group("name").strip()
                self.article.reviewer_credentials = (match.group("cred") or "").strip()
                found.append(part)
            elif (match := UPDATED_RE.match(part)) and parse_date(match.group("date")):
                self.article.updated = parse_date(match.group("date"))
                found.append(part)
            elif (match := BYLINE_RE.match(part)) and len(match.group("name").split()) <= 6:
                self.article.author = match.group("name").strip()
                self.article.author_credentials = (match.group("cred") or "").strip()
                found.append(part)
        return bool(parts) and len(found) == len(parts)

    @staticmethod
    def looks_like_heading(line, next_line):
        if len(line) > MAX_HEADING_LENGTH or len(line.split()) > MAX_HEADING_WORDS:
            return False
        if line[-1] in TERMINAL or not line[0].isupper():
            return False
        # A heading introduces something: text follows it.
        return bool(next_line)

    @staticmethod
    def looks_like_question(line, after_sentence_end):
        if line.endswith("?"):
            return True
        if len(line) > 150 or line[-1] in ".!:;,":
            return False
        return (
            after_sentence_end
            and line[0].isupper()
            and re.match(rf"^({QUESTION_WORDS})\b", line, re.IGNORECASE) is not None
        )

    # --- main loop ----------------------------------------------------------------------

    def parse(self):
        lines = self.lines
        for index, raw in enumerate(lines):
            stripped = raw.strip()
            if not stripped:
                self.skip_list = False
                self.flush_paragraph()
                if self.section == "faq" and self.faq and self.faq["answer"][-1]:
                    self.faq["answer"].append([])
                continue
            line = clean_inline(stripped)
            next_line = next(
                (clean_inline(n) for n in lines[index + 1 : index + 3] if n.strip()), ""
            )

            reason = boilerplate_reason(line)
            if reason == "bare URL" and self.section == "sources" and self.citation_above:
                reason = None  # a study's link, on the line under its citation
            if self.skip_list and not reason:
                reason = "other posts"
            self.citation_above = False
            if reason:
                self.article.dropped.append(f"{line} ({reason})")
                if reason in OTHER_POSTS:
                    self.skip_list = True
                continue

            if not self.article.title:
                # The first line is the file's title line; --title only replaces its text.
                md = MD_HEADING_RE.match(stripped)
                self.file_title = clean_inline(md.group(2) if md else line)
                self.article.title = self.forced_title or self.file_title
                continue
            if self.is_title_repeat(line) and not self.article.blocks and self.section == "body":
                continue
            if self.metadata(line):
                continue
            self.handle(line, stripped, next_line)
        self.flush_all()
        return self.article

    def handle(self, line, raw, next_line):
        md = MD_HEADING_RE.match(raw)
        heading_text = clean_inline(md.group(2)) if md else line
        if FAQ_HEADING_RE.match(heading_text):
            self.flush_all()
            self.section = "faq"
            return
        if SOURCES_HEADING_RE.match(heading_text):
            self.flush_all()
            self.section = "sources"
            return
        if self.section == "faq":
            self.handle_faq(line, raw, md)
        elif self.section == "sources":
            self.handle_source(line)
        else:
            self.handle_body(line, raw, md, next_line)

    def handle_body(self, line, raw, md, next_line):
        bullet = BULLET_RE.match(raw)
        numbered = NUMBERED_RE.match(raw)
        if md:
            self.flush_paragraph()
            self.flush_bullets()
            level = "h3" if len(md.group(1)) >= 3 else "h2"
            self.article.blocks.append(
                {"type": "heading", "value": {"text": clean_inline(md.group(2)), "level": level}}
            )
        elif bullet:
            self.flush_paragraph()
            self.bullets.append(clean_inline(bullet.group(2)))
        elif self.bullets and raw.startswith((" ", "\t")) and not numbered:
            self.bullets[-1] = f"{self.bullets[-1]} {line}"  # a wrapped bullet
        elif (
            numbered
            and len(numbered.group(2)) <= MAX_HEADING_LENGTH
            and numbered.group(2)[-1] not in ".!;,"
        ):
            self.flush_paragraph()
            self.flush_bullets()
            self.numbered_headings = True
            self.article.blocks.append(
                {
                    "type": "heading",
                    "value": {"text": clean_inline(numbered.group(2)), "level": "h2"},
                }
            )
        elif not self.paragraph and self.looks_like_heading(line, next_line):
            self.flush_bullets()
            level = "h3" if self.numbered_headings else "h2"
            self.article.blocks.append({"type": "heading", "value": {"text": line, "level": level}})
        else:
            self.flush_bullets()
            self.paragraph.append(line)
            # A long line that ends a sentence is a paragraph of its own (text saved from the
            # web puts one paragraph on each line); short lines are wrapped text.
            if len(line) > 100 and line[-1] in '.!?"”)':
                self.flush_paragraph()

    def handle_faq(self, line, raw, md):
        numbered = NUMBERED_RE.match(raw)
        candidate = clean_inline(md.group(2)) if md else (numbered.group(2) if numbered else line)
        last = self.faq["answer"][-1] if self.faq and self.faq["answer"] else []
        after_sentence_end = not self.faq or not last or last[-1][-1:] in '.!?"”)'
        if md or numbered or self.looks_like_question(candidate, after_sentence_end):
            if self.faq and not self.faq["answer"][0]:
                # Two question lines in a row: the first was a heading-like lead-in.
                self.faq["question"] = f"{self.faq['question']} {candidate}"
                return
            self.flush_faq()
            self.faq = {"question": candidate.strip(), "answer": [[]]}
        elif self.faq:
            bullet = BULLET_RE.match(raw)
            self.faq["answer"][-1].append(bullet.group(2) if bullet else line)
        else:
            self.flush_paragraph()
            self.paragraph.append(line)

    def handle_source(self, line):
        numbered = re.match(r"^\s*(?:\[\d+\]|\d{1,3}[.)]|[-•*])\s+(.*)$", line)
        text = numbered.group(1) if numbered else line
        doi = DOI_RE.search(text)
        if self.reference and URL_RE.fullmatch(text.strip("<>")):
            # A link on its own line belongs to the citation above it.
            if doi:
                self.reference.doi = doi.group(1).rstrip(".")
            else:
                self.reference.url = text.strip("<>")
            return
        starts_new = numbered or not self.reference or self.reference.citation[-1:] in ".)"
        if starts_new:
            self.flush_reference()
            self.reference = ParsedReference(citation=text)
        else:
            self.reference.citation = f"{self.reference.citation} {text}"
        self.citation_above = True
        if doi:
            self.reference.doi = doi.group(1).rstrip(".")
            self.reference.citation = DOI_RE.sub("", self.reference.citation).strip(" .") + "."


def parse_article(text, title=None):
    """Parse the text of one article; `title` overrides the title line."""
    return _Parser(text, title=title).parse()
