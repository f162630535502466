"""When to get help: a block of three levels, least urgent first, each with its signs."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError

from articles.blocks import MechanismPageBody, WhenToGetHelpBlock

SIGNS = {
    "heading": "When to get help",
    "intro": "Some pain needs a person to look at it.",
    "soon": ["Your pain has changed.", "A medicine is not helping."],
    "today": ["A joint is hot and swollen."],
    "now": ["You have chest pain."],
}


def rendered(value):
    block = WhenToGetHelpBlock()
    return BeautifulSoup(block.render(block.to_python(value)), "html.parser")


def test_help_block_shows_three_levels_in_order_with_their_signs():
    html = rendered(SIGNS)

    assert html.h2.get_text() == "When to get help"
    levels = [level.h3.get_text() for level in html.select(".get-help__level")]
    assert levels == [
        "See a GP or your care team soon",
        "Get urgent advice today",
        "Call emergency services now",
    ]
    now = html.select_one(".get-help__level--now")
    assert "Call 999 or 112" in now.p.get_text()
    assert [item.get_text() for item in now.select("li")] == ["You have chest pain."]
    assert len(html.select(".get-help__level--soon li")) == 2


def test_help_block_leaves_out_a_level_without_signs():
    html = rendered({**SIGNS, "today": []})

    assert html.select(".get-help__level--today") == []
    assert len(html.select(".get-help__level")) == 2


def test_help_block_needs_at_least_one_sign():
    block = WhenToGetHelpBlock()

    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**SIGNS, "soon": [], "today": [], "now": []}))
    assert block.clean(block.to_python({**SIGNS, "soon": [], "today": []}))


def test_every_field_editors_see_explains_itself():
    block = WhenToGetHelpBlock()

    for name, child in block.child_blocks.items():
        if name in ("soon", "today", "now"):
            assert child.meta.help_text and child.child_block.field.help_text, name
        else:
            assert child.field.help_text, name


def test_articles_can_use_the_help_block():
    assert "when_to_get_help" in MechanismPageBody().child_blocks
