"""The shapes of real saved articles (issue 22), each in a small text of its own.

The names, titles and citations here differ from the corpus on purpose: the rules must work
on the shape, whatever the words.
"""

from articles.importer.bylines import read_person
from articles.importer.parser import parse_article
from articles.importer.references import split_sources_text


def lines(*rows):
    return "\n".join(rows)


BODY = (
    "Nerves in the spinal cord can learn to pass on pain signals more easily over time.",
    "Why Pain Lingers",
    "This learning is normal, but in fibromyalgia it seems to go further than it should.",
)


def test_title_after_a_posted_in_line_and_a_blank_line_is_the_real_title():
    article = parse_article(
        lines("Posted in", "", "When Pain Learns to Stay", "By Ana Cruz", *BODY)
    )

    assert article.title == "When Pain Learns to Stay"
    assert [str(line) for line in article.dropped] == ["Posted in (category line)"]
    assert any("category line" in warning for warning in article.warnings)


def test_section_name_glued_to_the_title_on_one_line_is_left_out():
    text = (
        "Nerves & Brain Why Touch Can Hurt in Fibromyalgia By Ana Cruz Updated on May 2, 2025 "
        + " ".join(BODY)
    )

    article = parse_article(text)

    assert article.title == "Why Touch Can Hurt in Fibromyalgia"
    assert article.dropped[0] == ("Nerves & Brain", "breadcrumb")
    assert any("section name" in warning for warning in article.warnings)


def test_section_name_before_a_title_printed_twice_is_left_out():
    text = "Living Well Sleep and the Sensitive Brain Sleep and the Sensitive Brain " + " ".join(
        BODY * 3
    )

    article = parse_article(text)

    assert article.title == "Sleep and the Sensitive Brain"
    assert article.dropped[0].text == "Living Well"


def test_numbering_that_restarts_at_one_under_an_faq_heading_is_the_faq():
    sections = []
    for number, name in enumerate(["Genes", "Sleep", "Stress Hormones"], start=1):
        sections += [f"{number}. {name}", f"Research links {name.lower()} to pain in a few ways."]
    text = lines(
        "Three Clues to Fibromyalgia",
        *sections,
        "Frequently Asked Questions (FAQs)",
        "1. Is it passed on in families?",
        "It can run in families. No single gene causes it.",
        "2. Does poor sleep come first?",
        "Nobody knows yet. Each seems to make the other worse.",
    )

    article = parse_article(text)

    assert article.headings == ["Genes", "Sleep", "Stress Hormones"]
    assert [faq["question"] for faq in article.faqs] == [
        "Is it passed on in families?",
        "Does poor sleep come first?",
    ]
    assert article.faqs[1]["answer"] == "Nobody knows yet. Each seems to make the other worse."


def test_numbered_questions_under_a_numbered_heading_about_questions_are_the_faq():
    text = lines(
        "Clues to Fibromyalgia",
        "1. Nerves",
        "Nerves can become more sensitive over time.",
        "2. Hormones",
        "Stress hormones may settle slowly after a hard day.",
        "3. Your Questions, Answered",
        "1. Can it be cured?",
        "Not yet, but many people find ways to feel better.",
    )

    article = parse_article(text)

    assert article.headings == ["Nerves", "Hormones"]
    assert article.faqs == [
        {
            "question": "Can it be cured?",
            "answer": "Not yet, but many people find ways to feel better.",
        }
    ]


def test_bare_title_case_lines_are_headings_and_lines_ending_in_a_colon_introduce_lists():
    text = lines(
        "What the Nervous System Does",
        "The nervous system carries messages all over the body.",
        "Why Do Nerves Misfire?",
        "Sensitive nerves can send signals without a reason.",
        "Gut Feelings: The Second Brain",
        "The gut has its own web of nerves. It can make you feel:",
        "Bloated after meals",
        "Tired in the afternoon",
        "Mast Cells and Nerves",
        "Mast cells sit close to nerve endings and can release chemicals that excite them.",
    )

    article = parse_article(text)

    assert article.headings == [
        "Why Do Nerves Misfire?",
        "Gut Feelings: The Second Brain",
        "Mast Cells and Nerves",
    ]
    (items,) = [b["value"]["items"] for b in article.blocks if b["type"] == "bullet_list"]
    assert items == ["Bloated after meals", "Tired in the afternoon"]


def test_byline_with_the_name_twice_gives_one_author_and_the_bio_is_metadata():
    text = (
        "How Sleep Shapes Pain By Lee Park Lee Park LinkedIn Lee Park is a nurse who writes "
        "about long-term pain. Medically reviewed by Dr. Iris Vaughn, PhD Dr. Iris Vaughn, PhD "
        "Dr. Iris Vaughn is a sleep scientist. " + " ".join(BODY)
    )

    article = parse_article(text)

    assert (article.author, article.reviewed_by) == ("Lee Park", "Dr. Iris Vaughn")
    assert article.reviewer_credentials == "PhD"
    assert article.bios == [
        "Lee Park is a nurse who writes about long-term pain.",
        "Dr. Iris Vaughn is a sleep scientist.",
    ]
    assert "Lee Park" not in article.body_text


def test_reading_a_name_printed_twice_with_credentials():
    person = read_person("Dr. Omar Haddad, MD, MPH Dr. Omar Haddad, MD, MPH Facebook")

    assert (person.name, person.credentials, person.repeated) == (
        "Dr. Omar Haddad",
        "MD, MPH",
        True,
    )
    assert person.rest == "Facebook"


def test_two_names_in_the_byline_keep_the_first_and_warn():
    article = parse_article(lines("Pain and Mood", "By Ana Cruz and Ben Osei", *BODY))

    assert article.author == "Ana Cruz"
    assert any("Two names in the byline" in warning for warning in article.warnings)


def test_run_together_citations_give_one_reference_each_and_editorial_sentences_are_dropped():
    sources = (
        "Our team checks every fact against trusted research. We update articles when new "
        "studies appear. Moreau P, et al. Pain Rep. 2020 Feb;5(1):e811. Nerve growth in skin. "
        "Tan WL, et al. Rheumatology. 2019 Oct;58(10):1712-20. Pain maps in the brain."
    )

    notes, citations = split_sources_text(sources)

    assert notes == [
        "Our team checks every fact against trusted research.",
        "We update articles when new studies appear.",
    ]
    assert citations == [
        "Moreau P, et al. Pain Rep. 2020 Feb;5(1):e811. Nerve growth in skin.",
        "Tan WL, et al. Rheumatology. 2019 Oct;58(10):1712-20. Pain maps in the brain.",
    ]


def test_one_line_article_sources_are_split_and_editorial_sentences_dropped_with_a_reason():
    text = (
        "Nerve Growth and Pain By Ana Cruz " + " ".join(BODY) + " Sources Our team checks every "
        "fact against trusted research. Moreau P, et al. Pain Rep. 2020 Feb;5(1):e811. Nerve "
        "growth in skin. Tan WL, et al. Rheumatology. 2019 Oct;58(10):1712-20. Pain maps."
    )

    article = parse_article(text)

    assert [ref.citation[:8] for ref in article.references] == ["Moreau P", "Tan WL, "]
    assert ("Our team checks every fact against trusted research.", "editorial note") in (
        article.dropped
    )


def test_feedback_widget_and_repeated_bio_are_dropped_but_the_body_is_kept():
    text = lines(
        "Pain and the Weather",
        "By Ana Cruz",
        "Ana Cruz is a health writer who lives with fibromyalgia.",
        *BODY,
        "Was this page helpful?",
        "Thanks for your feedback!",
        "What is your feedback?",
        "Other",
        "Report an Error",
        "Submit",
        "See Our Editorial Process",
        "Ana Cruz is a health writer who lives with fibromyalgia.",
    )

    article = parse_article(text)

    assert article.body_text == "\n".join(BODY)
    assert not article.faqs
    reasons = [line.reason for line in article.dropped]
    assert reasons.count("feedback widget") == 5
    assert reasons[-1] == "repeated biography"


def test_long_lines_are_never_dropped_as_furniture_even_with_furniture_words():
    long_line = (
        "Share this with your family if it helps: sensitive nerves are not a sign of weakness, "
        "and the pain they cause is real and can be measured in careful studies."
    )

    article = parse_article(lines("Telling Others About Pain", long_line, *BODY))

    assert long_line in article.body_text
    assert not article.dropped


def test_related_posts_list_stops_at_a_heading_followed_by_text():
    text = lines(
        "Pacing Your Day",
        *BODY,
        "Related Posts",
        "Ten Ways to Rest Better",
        "Planning a Good Week",
        "This plan helps you spread tasks so that no single day takes all your energy.",
    )

    article = parse_article(text)

    assert article.headings == ["Why Pain Lingers", "Planning a Good Week"]
    assert [line.text for line in article.dropped] == ["Related Posts", "Ten Ways to Rest Better"]


def test_a_dropped_line_put_back_is_read_as_article_text():
    text = lines("Pacing Your Day", *BODY, "Subscribe to a slower pace of life.")

    article = parse_article(text, keep=["Subscribe to a slower pace of life."])

    assert article.body_text.endswith("Subscribe to a slower pace of life.")
    assert not article.dropped


def test_a_table_of_contents_is_dropped_and_its_headings_are_kept_where_they_stand():
    text = lines(
        "How Pain Works",
        "Table of Contents",
        "What Is Pain?",
        "1. Why It Lingers",
        "Pain is a signal from the body that something may be wrong and needs care.",
        "What Is Pain?",
        "Pain starts in nerve endings and travels up the spinal cord to the brain.",
        "1. Why It Lingers",
        "In fibromyalgia the signal can stay loud long after any injury has healed.",
    )

    article = parse_article(text)

    assert article.headings == ["What Is Pain?", "Why It Lingers"]
    assert {line.reason for line in article.dropped} == {"table of contents"}


def test_a_blog_byline_with_category_and_comment_count_is_metadata():
    byline = "Posted by Ana Cruz | Mar 3, 2024 | Fibromyalgia | 0 comments"

    article = parse_article(lines("Pain and Mood", byline, *BODY))

    assert (article.author, article.updated.isoformat()) == ("Ana Cruz", "2024-03-03")
    assert article.metadata_lines == [byline]
