"""Nothing is lost: every line of an imported file ends up in exactly one place.

Hypothesis builds articles from random sections (bylines, headings of every style, lists,
FAQs, sources, site furniture between them), on many lines or on one, and checks that each
line (or sentence) is placed once, that the place really holds it, and that no paragraph or
FAQ answer holds furniture.
"""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importer.lines import clean_inline, normalise
from articles.importer.parser import parse_article

PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|\d{1,2}[.)]\s+|\[\d+\]\s+|[-•*]\s+|[QA]:\s+)")


def bare(text):
    """A placed line's words without its marker (#, 1., -, Q:), to find it where it went."""
    return normalise(PREFIX_RE.sub("", text))


def holds(texts, line, where):
    wanted = bare(line)
    if where == "reference":
        words = set(wanted.split())
        return any(words <= set(normalise(text).split()) for text in texts)
    return any(wanted in normalise(text) for text in texts)


def assert_nothing_lost(text, article):
    """Every line is placed once, in order, and its place holds it."""
    placed = [line for line, _ in article.places]
    if article.one_line:
        # The pieces, put back together, are the text (cuts may fall inside a run of letters).
        assert re.sub(r"\W+", "", " ".join(placed)) == re.sub(r"\W+", "", clean_inline(text))
    else:
        lines = [clean_inline(line) or line.strip() for line in text.splitlines() if line.strip()]
        assert [normalise(line) for line in placed] == [normalise(line) for line in lines]
    texts = article.texts_by_place()
    for line, where in article.places:
        assert holds(texts[where], line, where), f"{line!r} is not in {where}"


# --- Building articles -----------------------------------------------------------------------

SENTENCES = [
    "Glial cells look after the nerve cells in the brain and spinal cord.",
    "When they stay switched on, nerves can become more sensitive to touch.",
    "Deep sleep is the stage when the body repairs itself overnight.",
    "Broken sleep can make pain feel sharper the next morning.",
    "The spinal cord sorts pain signals before they reach the brain.",
    "In fibromyalgia the volume of those signals seems to be turned up.",
    "Small nerve fibres in the skin carry feelings of heat and pain.",
    "Some people have fewer of these fibres than expected in skin tests.",
    "The stress system may be slow to settle after a hard day.",
    "Gentle movement helps the brain release its own pain relief.",
    "Researchers still do not know which change comes first.",
    "Many genes each seem to add a small amount of risk.",
    "Scans show that pain areas of the brain are busier at rest.",
    "A flare often follows poor sleep or a busy week.",
]
HEADINGS = [
    "How Does Pain Become Chronic?",
    "Satellite Cells",
    "Sleep: The Missing Piece",
    "What Happens in the Spinal Cord?",
    "Brain Networks at Rest",
    "The Role of Small Nerve Fibres",
    "Why Do Symptoms Flare?",
    "Stress and the Alarm System",
]
ITEMS = ["Pain from light touch", "Feeling worse after small tasks", "Trouble with bright light"]
QUESTIONS = [
    ("Is there one known cause?", "No. Several things seem to work together."),
    ("Can a scan show it?", "Not a standard scan. Research scans show small differences."),
    (
        "Will it get worse with age?",
        "It does not damage the body. Many people cope better in time.",
    ),
    ("Does the weather matter?", "For some people it does. Cold days can bring more pain."),
]
CITATIONS = [
    "Clauw DJ. Fibromyalgia: a clinical review. JAMA. 2014;311(15):1547-55.",
    "Sluka KA, Clauw DJ. Neurobiology of fibromyalgia. Neuroscience. 2016;338:114-29.",
    "Harte SE, et al. Pain Rep. 2018 Jun;23(2):e12137. The neurobiology of sensitisation.",
]
EDITORIAL = [
    "Our writers use only trusted sources, including peer-reviewed studies.",
    "Read our editorial process to learn how we check our facts.",
]
FURNITURE = [
    ["Share this article"],
    ["Was this page helpful?", "Thanks for your feedback!", "What is your feedback?", "Submit"],
    ["Advertisement"],
    ["Subscribe to our newsletter"],
    ["See Our Editorial Process"],
    ["Related Posts", "Five Gentle Stretches for Stiff Mornings"],
    ["Copyright © 2025 Example Health"],
    ["Click here to get our free guide"],
]
FURNITURE_TEXTS = {normalise(line) for block in FURNITURE for line in block}


def heading_line(text, style, number):
    return {"bare": text, "markdown": f"## {text}", "numbered": f"{number}. {text}"}[style]


@st.composite
def articles(draw):
    """(text, what it was built from) for an article of random sections."""
    one_line = draw(st.booleans())
    style = draw(st.sampled_from(["bare", "markdown", "numbered"]))
    lines = []
    if not one_line and draw(st.booleans()):
        lines += ["Posted in", ""]
    title = draw(
        st.sampled_from(["How Glial Cells Keep Pain Going", "Inside the Sensitive Nervous System"])
    )
    if one_line and draw(st.booleans()):
        lines.append("Pain & Fatigue")  # a section name glued in front of the title
    lines.append(title)
    author = draw(st.sampled_from(["Jane Roe", "Sam Okafor", "Ruth Adebayo"]))
    bylines = [f"By {author}", f"By {author} {author}", f"Written by {author}"]
    lines.append(draw(st.sampled_from(bylines)))
    if draw(st.booleans()):
        lines.append("LinkedIn")
    bio = f"{author} is a health writer who covers chronic pain."
    if draw(st.booleans()):
        lines.append(bio)
    if draw(st.booleans()):
        lines.append("Medically reviewed by Dr. Amy Lee, MD Dr. Amy Lee, MD")
    lines.append("Updated on March 3, 2025")
    pool = iter(draw(st.permutations(SENTENCES)))
    headings = draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=4, unique=True))
    # On one line, furniture with no end of its own ("Related Posts" and the titles after
    # it) cannot be told apart from a heading glued to it, so it only comes at the end.
    middle = FURNITURE[:5] if one_line else FURNITURE
    furniture = draw(st.lists(st.sampled_from(middle), max_size=3))
    end = draw(st.lists(st.sampled_from(FURNITURE), max_size=2))
    lines.append(next(pool))
    for number, heading in enumerate(headings, start=1):
        if furniture and draw(st.booleans()):
            lines += furniture.pop()
        lines.append(heading_line(heading, style, number))
        lines.append(next(pool))
        if draw(st.booleans()):
            lines.append(next(pool))
        if draw(st.booleans()) and not one_line:
            lines.append("Common signs include:")
            lines += [f"- {item}" for item in ITEMS] if draw(st.booleans()) else ITEMS
    faqs = draw(st.lists(st.sampled_from(QUESTIONS), max_size=3, unique=True))
    if faqs:
        lines.append(draw(st.sampled_from(["Frequently Asked Questions (FAQs)", "FAQs"])))
        for number, (question, answer) in enumerate(faqs, start=1):
            lines += [f"{number}. {question}" if style == "numbered" else question, answer]
    lines += furniture.pop() if furniture else []
    citations = draw(st.lists(st.sampled_from(CITATIONS), min_size=1, max_size=3, unique=True))
    lines.append("Sources")
    if draw(st.booleans()):
        lines += EDITORIAL
    lines += citations
    for block in furniture + end:
        lines += block
    if draw(st.booleans()):
        lines.append(bio)  # the author's biography, printed again at the end
    text = " ".join(line for line in lines if line) if one_line else "\n".join(lines)
    return text, {"title": title, "author": author, "headings": headings, "faqs": faqs}, citations


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_importer_places_every_line_once_and_keeps_furniture_out_of_the_text(built):
    text, source, citations = built

    article = parse_article(text)

    assert_nothing_lost(text, article)
    kept = [*article.paragraphs, *(faq["answer"] for faq in article.faqs)]
    for paragraph in kept:
        for furniture in FURNITURE_TEXTS:
            assert furniture not in normalise(paragraph), (furniture, paragraph)
    assert article.title == source["title"]
    assert article.author == source["author"]
    assert article.headings == source["headings"]
    assert [faq["question"] for faq in article.faqs] == [q for q, _ in source["faqs"]]
    assert [ref.citation[:12] for ref in article.references] == [c[:12] for c in citations]


PIECES = [
    *"abcXYZ .,:;?!-#*0123456789()&|>\n",
    *["By ", "Sources", "FAQs", "Updated on March 3, 2025", "Posted in", "Dr. ", " is a "],
    *["Was this page helpful?", "Clauw DJ, et al. ", "2014;311(15):1-5. ", "Q: ", "A: ", "1. "],
    *["---\n", "## ", "How Does Pain Work? ", "Jane Roe ", "LinkedIn ", "\n\n", "**bold** "],
    *["https://doi.org/10.1/x ", "[link](http://x) ", "Home > A > B\n"],
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=120).map("".join))
def test_importer_reads_any_text_without_failing_or_losing_a_line(text):
    if not text.strip():
        return
    article = parse_article(text)

    assert_nothing_lost(text, article)
    assert article.stream_blocks() is not None and article.faq_blocks() is not None
