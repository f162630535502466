"""Reading level of article text, measured offline with textstat.

Many readers live with "fibro fog"; articles aim at a reading age of 11 to 14, which is a
Flesch-Kincaid grade of 8 or lower.
"""

from dataclasses import dataclass

import textstat

TARGET_GRADE = 8.0


@dataclass(frozen=True)
class Readability:
    grade: float
    words: int
    sentences: int

    @property
    def too_hard(self):
        return self.grade > TARGET_GRADE


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
