"""caching.generation.kept: an answer a worker keeps while the page generation stays the
same, asked again after any change, and never kept outside a request or while the
generation cannot be read."""

from contextlib import contextmanager

import pytest

from caching import generation

pytestmark = pytest.mark.django_db


@contextmanager
def serving():
    """As while a worker serves one request."""
    generation.request_started()
    try:
        yield
    finally:
        generation.request_finished()


class Counting:
    def __init__(self):
        self.built = 0

    def __call__(self):
        self.built += 1
        return ("answer", self.built)


def test_kept_answer_is_reused_by_later_requests_while_nothing_changes():
    build = Counting()

    with serving():
        first = generation.kept("question", build)
    with serving():
        second = generation.kept("question", build)

    assert first == second == ("answer", 1) and build.built == 1


def test_kept_answer_is_asked_again_after_a_change():
    build = Counting()
    with serving():
        generation.kept("question", build)

    generation.invalidate()

    with serving():
        assert generation.kept("question", build) == ("answer", 2)


def test_kept_answers_are_kept_apart_by_key():
    with serving():
        generation.kept(("reader", 1), lambda: "first reader")
        assert generation.kept(("reader", 2), lambda: "second reader") == "second reader"
        assert generation.kept(("reader", 1), lambda: "rebuilt") == "first reader"


def test_nothing_is_kept_outside_a_request():
    build = Counting()

    generation.kept("question", build)
    generation.kept("question", build)

    assert build.built == 2


def test_nothing_is_kept_while_the_generation_cannot_be_read(monkeypatch):
    build = Counting()
    monkeypatch.setattr(generation, "read", lambda: None)

    with serving():
        generation.kept("question", build)
    with serving():
        generation.kept("question", build)

    assert build.built == 2
