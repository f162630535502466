"""Key points: every article is sent in sections with folds, the same bytes for every reader;
the reader's `detail` preference (and CSS) decides whether the folds are open."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from accounts.reading_preferences import COOKIE_NAME
from tests.factories import MechanismIndexPageFactory, MechanismPageFactory

pytestmark = pytest.mark.django_db

SENTENCE = "Plain words about how the body handles pain signals every single day."


def paragraph(first, more=3):
    return {"type": "paragraph", "value": f"<p>{first} {' '.join([SENTENCE] * more)}</p>"}


def heading(text, summary=""):
    return {"type": "heading", "value": {"text": text, "level": "h2", "summary": summary}}


MEANS = {"type": "callout", "value": {"title": "What this means for you", "body": "<p>Rest.</p>"}}
HELP = {
    "type": "when_to_get_help",
    "value": {
        "heading": "When to get help",
        "intro": "",
        "soon": ["Your pain has changed."],
        "today": ["A joint is hot and swollen."],
        "now": ["You have chest pain."],
    },
}


def long_body():
    """A long article of the usual shape: an opening, five sections of prose with a finding
    each, a "What this means for you" callout and "When to get help"."""
    body = [paragraph("Nerves carry messages.", more=2)]
    for number in range(1, 6):
        body += [
            heading(f"Section {number}"),
            paragraph(f"Section {number} starts here.", more=4),
            {"type": "bullet_list", "value": {"items": [SENTENCE, SENTENCE, SENTENCE]}},
            paragraph("More detail follows.", more=3),
            {
                "type": "claim",
                "value": {"text": "<p>A finding.</p>", "evidence_level": "emerging"},
            },
        ]
    body += [MEANS, HELP]
    return body


@pytest.fixture
def index(home_page):
    return MechanismIndexPageFactory(parent=home_page)


def article(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def text_words(element):
    return len(element.get_text(" ", strip=True).split())


def test_key_points_keep_headings_key_lines_takeaways_and_evidence_out_of_the_folds(client, index):
    page = MechanismPageFactory(
        parent=index,
        body=[
            paragraph("The opening says one thing.", more=1),
            heading("Why it hurts"),
            paragraph("Pain is a message from the nerves.", more=2),
            {"type": "bullet_list", "value": {"items": ["One point.", "Two points."]}},
            {
                "type": "claim",
                "value": {"text": "<p>A finding.</p>", "evidence_level": "established"},
            },
            MEANS,
            heading("What helps", summary="Gentle movement helps most people a little."),
            paragraph("Walking is a good start.", more=2),
            HELP,
        ],
    )

    body = article(client, page).find(class_="article__body")

    key_lines = [line.get_text() for line in body.select(".kp-key-line")]
    assert key_lines == [
        "The opening says one thing.",
        "Pain is a message from the nerves.",
        "Gentle movement helps most people a little.",  # the editor's summary wins
    ]
    folds = body.select("details.kp-fold")
    assert len(folds) == 3 and all(fold.has_attr("open") for fold in folds)  # open without JS
    assert folds[1].summary.get_text(" ", strip=True) == "Read more about Why it hurts"
    # What a key-points reader keeps in view is never inside a fold.
    for kept in (".callout", ".claim .badge", ".get-help", "h2", ".kp-key-line"):
        assert body.select(kept) and not any(
            item.find_parent("details") for item in body.select(kept)
        )


def test_key_points_fold_at_least_half_the_words_of_a_long_article(client, index):
    page = MechanismPageFactory(parent=index, body=long_body())

    body = article(client, page).find(class_="article__body")

    folded = sum(text_words(fold) - text_words(fold.summary) for fold in body.select(".kp-fold"))
    shown = (
        text_words(body) - folded - sum(text_words(line) for line in body.select(".kp-key-line"))
    )
    assert shown + folded > 600
    assert folded >= (shown + folded) / 2


def test_a_section_of_one_sentence_is_shown_as_it_is_not_folded(client, index):
    page = MechanismPageFactory(
        parent=index, body=[heading("Short"), {"type": "paragraph", "value": "<p>Just this.</p>"}]
    )

    body = article(client, page).find(class_="article__body")

    assert body.select("details") == [] and body.select(".kp-key-line") == []
    assert "Just this." in body.get_text()


def test_glossary_terms_are_linked_in_the_text_every_reader_sees_not_in_key_lines(client, index):
    from articles.models import GlossaryTerm

    GlossaryTerm.objects.create(term="microglia", definition="Immune cells of the brain.")
    page = MechanismPageFactory(
        parent=index,
        body=[heading("Guards"), paragraph("Microglia guard the brain.", more=2)],
    )

    body = article(client, page).find(class_="article__body")

    assert body.find(class_="kp-key-line").find("a") is None
    assert body.find("details").find("a", class_="glossary-link") is not None


def test_the_reading_tools_say_which_mode_is_on_and_link_to_the_preferences(client, index):
    page = MechanismPageFactory(parent=index)

    tools = article(client, page).find(class_="reading-tools")

    assert "Showing the whole article." in tools.get_text()
    assert "Showing key points." in tools.get_text()  # CSS shows the one that is on
    assert tools.find("a")["href"] == f"/preferences/?next={page.url}"


def test_visitors_with_different_reading_preferences_get_the_same_cached_article(
    client, index, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    page = MechanismPageFactory(parent=index, body=long_body())
    Client().get(page.url)  # a new page's first view settles the generation
    first = client.get(page.url)
    readers = []
    for cookie in (
        "text_size:normal|theme:system|detail:full|motion:system",
        "text_size:larger|theme:dark|detail:key-points|motion:reduce",
    ):
        reader = Client()
        reader.cookies[COOKIE_NAME] = cookie
        readers.append(reader.get(page.url))

    assert all(response["X-Page-Cache"] == "hit" for response in readers)
    assert readers[0].content == readers[1].content == first.content
    assert b'class="kp-fold" open' in first.content
