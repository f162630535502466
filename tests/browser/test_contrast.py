"""Reaction buttons are readable in every state: not pressed, pressed, hovered and focused, in
light and dark colours. axe checks what a page shows at rest; a count that was grey on the
green of a pressed button (about 1.5:1) got past it, so this reads the colours the browser
paints for each state and needs at least 4.5:1 (WCAG 2.2 AA for text)."""

import re

import pytest

from community.models import Reaction
from tests.browser.conftest import DESKTOP, sign_in
from tests.factories import ReactionFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COLOURS = """(button) => {
    const background = (element) => {
        for (; element; element = element.parentElement) {
            const colour = getComputedStyle(element).backgroundColor;
            if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
        }
        return "rgb(255, 255, 255)";
    };
    return {
        label: getComputedStyle(button).color,
        count: getComputedStyle(button.querySelector(".reaction__count")).color,
        background: background(button),
    };
}"""


def luminance(colour):
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])

    def linear(channel):
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reaction_buttons_keep_their_contrast_in_every_state(site, browser, scheme):
    member = UserFactory(username="reader")
    thread = ThreadFactory(title="Mornings are the hardest")
    ReactionFactory(user=member, thread=thread, kind=Reaction.Kind.HELPFUL)  # pressed
    ReactionFactory(thread=thread, kind=Reaction.Kind.ME_TOO)  # someone else's: not pressed
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    sign_in(page, site, member)
    page.goto(site + thread.get_absolute_url())

    pressed = page.locator('.reactions button.reaction[aria-pressed="true"]').first
    not_pressed = page.locator('.reactions button.reaction[aria-pressed="false"]').first
    readings = {}
    for name, button in [("pressed", pressed), ("not pressed", not_pressed)]:
        readings[name] = button.evaluate(COLOURS)
        button.hover()
        readings[f"{name}, hovered"] = button.evaluate(COLOURS)
        button.focus()
        readings[f"{name}, focused"] = button.evaluate(COLOURS)
    context.close()

    too_faint = {
        state: round(
            min(contrast(c["label"], c["background"]), contrast(c["count"], c["background"])), 2
        )
        for state, c in readings.items()
        if min(contrast(c["label"], c["background"]), contrast(c["count"], c["background"])) < 4.5
    }
    assert not too_faint, f"Reaction text below 4.5:1 ({scheme} colours): {too_faint}"
