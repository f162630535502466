"""The demo content is read from YAML files in articles/demo_data/ into page specs."""

import datetime
import shutil

import pytest

from articles import demo_content
from articles.demo_content import DATA_DIR, DemoContentError, load, load_mechanism
from articles.evidence import EvidenceLevel

MECHANISM_FILES = sorted((DATA_DIR / "mechanisms").glob("*.yaml"))


@pytest.mark.parametrize("path", MECHANISM_FILES, ids=lambda path: path.stem)
def test_every_mechanism_file_loads_into_a_page_spec_with_a_title_and_a_body(path):
    spec = load_mechanism(path)

    assert spec["slug"] == path.stem
    assert spec["title"].strip() and spec["summary"].strip()
    assert isinstance(spec["evidence_level"], EvidenceLevel)
    assert spec["body"] and all(block["type"] and block["value"] for block in spec["body"])
    # By slug and title: seeding gives the shared specs' blocks ids in place, so whole specs
    # may no longer compare equal once a seeding test has run.
    listed = {page["slug"]: page["title"] for page in demo_content.MECHANISMS}
    assert listed[spec["slug"]] == spec["title"]


def test_every_mechanism_file_is_a_page_in_the_listed_order():
    slugs = [spec["slug"] for spec in demo_content.MECHANISMS]

    assert sorted(slugs) == [path.stem for path in MECHANISM_FILES]
    assert slugs[0] == "central-sensitization"


def test_the_compact_block_forms_become_streamfield_blocks(tmp_path):
    path = tmp_path / "example.yaml"
    path.write_text(
        """\
title: Example
evidence_level: emerging
summary: A short summary.
body:
  - heading: A heading
  - heading: {text: A smaller heading, level: h3}
  - paragraph: >-
      One sentence. Another
      sentence.
  - bullets: [One point., "Two: points."]
  - claim: {text: A finding., level: strong_hypothesis, references: [graeber]}
  - means: What to do.
faqs:
  - question: Why?
    answer: Because.
""",
        encoding="utf-8",
    )

    spec = load_mechanism(path)

    assert spec["slug"] == "example"
    assert spec["tags"] == spec["related"] == spec["references"] == []
    assert spec["body"] == [
        {"type": "heading", "value": {"text": "A heading", "level": "h2"}},
        {"type": "heading", "value": {"text": "A smaller heading", "level": "h3"}},
        {"type": "paragraph", "value": "<p>One sentence. Another sentence.</p>"},
        {"type": "bullet_list", "value": {"items": ["One point.", "Two: points."]}},
        {
            "type": "claim",
            "value": {
                "text": "<p>A finding.</p>",
                "evidence_level": EvidenceLevel.STRONG_HYPOTHESIS,
                "citations": ["graeber"],
            },
        },
        {
            "type": "callout",
            "value": {"title": "What this means for you", "body": "<p>What to do.</p>"},
        },
    ]
    assert spec["faqs"] == [
        {"type": "faq", "value": {"question": "Why?", "answer": "<p>Because.</p>"}}
    ]


MALFORMED = {
    "unknown block": ("- paragraph: Fine.\n  - pargraph: Oops.\n", r"body block 2: unknown block"),
    "bad level": (
        "- claim: {text: A finding., level: proven}\n",
        r"body block 1 \(claim\) level: unknown evidence level 'proven'",
    ),
    "not text": ("- bullets: [One., no]\n", r"body block 1 \(bullets\) item 2: expected text"),
    "bad YAML": ("- paragraph: [unclosed\n", r"is not valid YAML"),
}


@pytest.mark.parametrize(("body", "message"), MALFORMED.values(), ids=MALFORMED)
def test_a_malformed_file_gives_an_error_naming_the_file_and_the_block(tmp_path, body, message):
    path = tmp_path / "broken-article.yaml"
    path.write_text(
        f"title: Broken\nevidence_level: emerging\nsummary: Text.\nbody:\n  {body}",
        encoding="utf-8",
    )

    with pytest.raises(DemoContentError, match=message) as error:
        load_mechanism(path)
    assert "broken-article.yaml" in str(error.value)


def test_a_missing_key_and_an_unlisted_article_are_named(tmp_path):
    data = tmp_path / "demo_data"
    shutil.copytree(DATA_DIR, data)
    (data / "mechanisms" / "sleep.yaml").write_text("title: Sleep\n", encoding="utf-8")
    with pytest.raises(DemoContentError, match=r"sleep\.yaml: missing evidence_level"):
        load(data)

    (data / "mechanisms" / "sleep.yaml").unlink()
    (data / "mechanisms" / "stray.yaml").write_text("title: Stray\n", encoding="utf-8")
    with pytest.raises(DemoContentError, match=r"site\.yaml: mechanism_articles: does not list"):
        load(data)


def test_a_claim_citing_an_unknown_reference_is_named(tmp_path):
    data = tmp_path / "demo_data"
    shutil.copytree(DATA_DIR, data)
    path = data / "mechanisms" / "microglia.yaml"
    path.write_text(path.read_text().replace("[yasui]", "[yasiu]"), encoding="utf-8")

    with pytest.raises(DemoContentError, match=r"microglia\.yaml: body block \d+ \(claim\)"):
        load(data)


def test_every_claim_cites_known_references():
    cited = [key for spec in demo_content.MECHANISMS for key in spec["references"]]
    for spec in [*demo_content.MECHANISMS, *demo_content.UPDATES]:
        for block in spec["body"]:
            if block["type"] == "claim":
                cited.extend(block["value"]["citations"])

    assert cited
    assert set(cited) <= set(demo_content.REFERENCES)


def test_glossary_terms_are_unique_and_link_to_mechanism_articles():
    terms = [term.lower() for term, _definition, _slug in demo_content.GLOSSARY]
    slugs = {spec["slug"] for spec in demo_content.MECHANISMS}

    assert len(terms) == len(set(terms)) >= 30
    assert {slug for _term, _definition, slug in demo_content.GLOSSARY} <= slugs


SYMPTOM_PAGES = ["central-sensitization", "small-fiber-neuropathy", "sleep", "neuroinflammation"]


@pytest.mark.parametrize("slug", SYMPTOM_PAGES)
def test_pages_about_symptoms_say_when_to_get_help_at_all_three_levels(slug):
    spec = next(spec for spec in demo_content.MECHANISMS if spec["slug"] == slug)

    (block,) = [block for block in spec["body"] if block["type"] == "when_to_get_help"]
    assert block["value"]["heading"] == "When to get help"
    assert all(block["value"][level] for level in ("soon", "today", "now"))


def test_several_demo_articles_have_dated_change_notes_newest_first():
    with_notes = [spec for spec in demo_content.MECHANISMS if spec["changes"]]

    assert len(with_notes) >= 4
    for spec in with_notes:
        dates = [day for day, _text in spec["changes"]]
        assert dates == sorted(dates, reverse=True)
        assert all(text.strip().endswith(".") for _day, text in spec["changes"])


def test_help_blocks_section_summaries_and_change_notes_load_from_their_compact_forms(tmp_path):
    path = tmp_path / "example.yaml"
    path.write_text(
        """\
title: Example
evidence_level: emerging
summary: A short summary.
changes:
  - date: 2026-10-01
    text: Added a study.
body:
  - heading: {text: A heading, summary: The main idea.}
  - help:
      soon: [A sign.]
      now: [An urgent sign.]
""",
        encoding="utf-8",
    )

    spec = load_mechanism(path)

    assert spec["changes"] == [(datetime.date(2026, 10, 1), "Added a study.")]
    assert spec["body"] == [
        {
            "type": "heading",
            "value": {"text": "A heading", "level": "h2", "summary": "The main idea."},
        },
        {
            "type": "when_to_get_help",
            "value": {
                "heading": "When to get help",
                "intro": "",
                "soon": ["A sign."],
                "today": [],
                "now": ["An urgent sign."],
            },
        },
    ]


def test_a_help_block_without_signs_or_a_change_without_a_date_is_named(tmp_path):
    path = tmp_path / "broken-help.yaml"
    head = "title: Broken\nevidence_level: emerging\nsummary: Text.\n"
    path.write_text(f"{head}body:\n  - help: {{intro: Hello.}}\n", encoding="utf-8")
    with pytest.raises(DemoContentError, match=r"body block 1 \(help\): needs at least one sign"):
        load_mechanism(path)

    path.write_text(
        f"{head}changes:\n  - {{date: soon, text: Hi.}}\nbody:\n  - paragraph: Fine.\n",
        encoding="utf-8",
    )
    with pytest.raises(DemoContentError, match=r"changes item 1 date: expected a date"):
        load_mechanism(path)
