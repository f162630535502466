"""The sample corpus: articles in the shapes of many kinds of site, each with what it must yield.

Each `<name>.txt` or `.md` in import_samples has a `<name>.expected.json` beside it: the
title, byline, date, headings, FAQ questions, references, the start of every paragraph, the
dropped lines with their reasons and the warnings. The samples were written for these
tests; they copy the shapes of real saved pages, not their text.
"""

import json
from pathlib import Path

import pytest

from articles.importer.lines import decode
from articles.importer.parser import parse_article
from tests.articles.test_importer_properties import assert_nothing_lost

SAMPLES = Path(__file__).parent / "import_samples"
CORPUS = sorted(path.name for path in SAMPLES.glob("*.expected.json"))


def parse(path):
    text = decode(path.read_bytes(), path.name)
    return text, parse_article(text)


def source_of(expected_name):
    stem = expected_name.removesuffix(".expected.json")
    (path,) = [p for p in SAMPLES.glob(f"{stem}.*") if not p.name.endswith(".json")]
    return path


def structure(article):
    return {
        "title": article.title,
        "author": article.author or None,
        "reviewed_by": article.reviewed_by or None,
        "updated": article.updated.isoformat() if article.updated else None,
        "headings": article.headings,
        "faqs": [faq["question"] for faq in article.faqs],
        "references": [reference.citation for reference in article.references],
        "paragraphs": [" ".join(paragraph.split()[:6]) for paragraph in article.paragraphs],
        "dropped": [str(line) for line in article.dropped],
        "warnings": article.warnings,
    }


def test_corpus_has_at_least_fifteen_articles_written_for_it():
    assert len(CORPUS) >= 15


@pytest.mark.parametrize("expected_name", CORPUS)
def test_corpus_article_yields_its_expected_structure(expected_name):
    expected = json.loads((SAMPLES / expected_name).read_text())

    _, article = parse(source_of(expected_name))

    assert structure(article) == expected


@pytest.mark.parametrize("expected_name", CORPUS)
def test_corpus_article_loses_no_line(expected_name):
    text, article = parse(source_of(expected_name))

    assert_nothing_lost(text, article)
    for faq in article.faqs:
        assert faq["answer"], f"{faq['question']} has no answer"
