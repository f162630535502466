"""FAQ sections: where they start and end, and which lines are the questions.

An FAQ heading ("Frequently Asked Questions (FAQs)", "Common questions about sleep") starts
the section, numbered or not. Under it a numbered line, a Markdown heading or a line ending
in "?" is a question, and numbering that starts again at 1 is the FAQ's own numbering, not
more section headings. Closing headings ("The Bottom Line") end the section.
"""

import re

FAQ_WORDS = (
    r"frequently asked questions|faqs?|common questions|questions and answers|q\s*&\s*a"
    r"|your questions answered|questions people ask|people also ask|questions you may have"
)
FAQ_HEADING_RE = re.compile(
    rf"^(?:\d{{1,2}}[.)]\s*)?(?:{FAQ_WORDS})\b[^.!?]{{0,60}}\??$|^(?:\d{{1,2}}[.)]\s*)?"
    r"(?:more |other |your |some )?(?:common |frequent )?questions about\b[^.!?]{0,50}$",
    re.IGNORECASE,
)
# Where an FAQ heading starts inside a one-line article.
FAQ_MARKER = r"Frequently Asked Questions(?: \(FAQs?\))?|FAQs?\b:?|Common Questions\b"
CLOSING_RE = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?:the bottom line|bottom line|conclusion|in conclusion|summary"
    r"|in summary|key takeaways?|takeaways?|final thoughts|next steps|the takeaway"
    r"|what to do next|a word from \w+)\s*:?$",
    re.IGNORECASE,
)
QUESTION_WORDS = (
    "what|why|how|is|are|can|could|do|does|did|will|would|should|when|where|which|who|"
    "whom|whose|may|might|has|have"
)
QA_QUESTION_RE = re.compile(r"^(?:Q|Question)\s*[:.)]\s+", re.IGNORECASE)
QA_ANSWER_RE = re.compile(r"^(?:A|Answer)\s*[:.)]\s+", re.IGNORECASE)
QUESTION_START_RE = re.compile(rf"^({QUESTION_WORDS})\b", re.IGNORECASE)


def is_faq_heading(text):
    return len(text) <= 90 and bool(FAQ_HEADING_RE.match(text.strip()))


def is_closing_heading(text):
    return bool(CLOSING_RE.match(text.strip()))


def looks_like_question(line, after_sentence_end):
    """A question line: ends in "?", or starts like one where an answer has just ended."""
    if line.endswith("?"):
        return len(line) <= 200
    if len(line) > 150 or line[-1] in ".!:;,":
        return False
    return after_sentence_end and line[0].isupper() and bool(QUESTION_START_RE.match(line))
