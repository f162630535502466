"""Bytes to lines: decoding an uploaded file and tidying each line of text.

The importer works on lines. A file saved from a web page has one paragraph, heading or list
item on each line; a page pasted as one long line gets its lines back in `oneline.py`.
"""

import re

MD_LINK_RE = re.compile(r"(?<!!)\[([^\]]+)\]\((?:[^)]+)\)")
MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
MD_HEADING_RE = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET_RE = re.compile(r"^(\s*)(?:[-•*–·▪●◦+]|\u2022)\s+(.*)$")
NUMBERED_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(.*)$")
QUOTE_RE = re.compile(r"^\s*>\s?")
SENTENCE_END = '.!?"”’)'
SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "from",
    "in",
    "into",
    "is",
    "it",
    "its",
    "nor",
    "of",
    "on",
    "or",
    "the",
    "to",
    "vs",
    "with",
    "your",
}


class ImportInputError(ValueError):
    """The file cannot be imported; the message says why, in one line."""


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
    text = QUOTE_RE.sub("", text)
    return " ".join(text.replace("\u00a0", " ").replace("\u200b", "").split())


def words_of(text):
    return re.findall(r"[\w'’&-]+", text)


def is_title_case(text):
    """True for "Sleep: The Missing Piece" or "How Does Pain Become Chronic?"."""
    words = [word for word in words_of(text) if word not in {"&", "-"}]
    if not words or not words[0][:1].isupper():
        return False
    big = [word for word in words[1:] if word.lower() not in SMALL_WORDS]
    if not big:
        return True
    capitalised = sum(1 for word in big if word[:1].isupper() or word[:1].isdigit())
    return capitalised / len(big) >= 0.75


def ends_sentence(text):
    return bool(text) and text[-1] in SENTENCE_END


def normalise(text):
    """Text compared loosely: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", text).lower().split())


def split_lines(text):
    """The lines of a file, with Windows and old Mac line ends made plain."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
