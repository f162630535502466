"""Reading level of article text, measured offline with textstat.

Many readers live with "fibro fog"; articles aim at a reading age of 11 to 14, which is a
Flesch-Kincaid grade of 8 or lower.

A whole page's grade is an average, so one hard part (a technical "In short", say) hides
behind easy ones. `measure_parts` grades each part on its own and finds the hardest
sentences, so editors know where to start.
"""

import re
from dataclasses import dataclass, field

import textstat

TARGET_GRADE = 8.0
HARDEST_SHOWN = 3

# A sentence ends at . ? or ! followed by a space, or at the end of a line (stream_text puts
# each block on its own line).
SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")


@dataclass(frozen=True)
class Readability:
    grade: float
    words: int
    sentences: int

    @property
    def too_hard(self):
        return self.grade > TARGET_GRADE


@dataclass(frozen=True)
class Sentence:
    text: str
    grade: float
    part: str = ""


@dataclass(frozen=True)
class Part:
    """One part of a page (its summary, a section, an FAQ answer) and its reading grade."""

    label: str
    readability: Readability
    hardest: list = field(default_factory=list)

    @property
    def too_hard(self):
        return self.readability.too_hard


def measure(text):
    """The Flesch-Kincaid grade of `text`, or None when there is nothing to measure."""
    words = textstat.lexicon_count(text)
    if not words:
        return None
    return Readability(
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        words=words,
        sentences=textstat.sentence_count(text),
    )


def sentences(text):
    """The sentences of `text`, roughly: good enough to point an editor at one."""
    return [piece.strip() for piece in SENTENCE_END.split(text or "") if piece.strip()]


def hard_sentences(text, part=""):
    """Sentences of `text` above the target grade, hardest first."""
    found = []
    for sentence in sentences(text):
        readability = measure(sentence)
        if readability and readability.too_hard:
            found.append(Sentence(sentence, readability.grade, part))
    return sorted(found, key=lambda sentence: -sentence.grade)


def measure_parts(parts):
    """A Part for each (label, text) in `parts` that has words to measure, in page order."""
    measured = []
    for label, text in parts:
        readability = measure(text)
        if readability is not None:
            measured.append(Part(label, readability, hard_sentences(text, label)[:HARDEST_SHOWN]))
    return measured


def hardest_sentences(parts, limit=HARDEST_SHOWN):
    """The hardest sentences of the whole page, across its measured parts."""
    every = [sentence for part in parts for sentence in part.hardest]
    return sorted(every, key=lambda sentence: -sentence.grade)[:limit]
