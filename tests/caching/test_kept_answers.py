"""caching.generation.kept: an answer a worker keeps while the page generation stays the
same, asked again after any change, and never kept outside a request or while the
generation cannot be read; and the generation read as a column of the member's query."""

from contextlib import contextmanager

import pytest
from django.db import DEFAULT_DB_ALIAS

from caching import generation
from caching.models import Generation

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


def test_nothing_is_kept_after_the_request_changed_something_not_committed_yet():
    """Its transaction may still roll back: what it read of its own change must not be kept."""
    build = Counting()

    with serving():
        generation.invalidate()  # inside the test's transaction, not committed
        generation.kept("question", build)
        generation.kept("question", build)

    assert build.built == 2


def test_a_kept_answer_is_asked_again_after_kept_seconds_whatever_happens(monkeypatch):
    build = Counting()
    monkeypatch.setattr(generation, "KEPT_SECONDS", 0)

    with serving():
        generation.kept("question", build)
    with serving():
        generation.kept("question", build)

    assert build.built == 2


def test_equal_answers_for_different_readers_are_kept_once():
    with serving():
        first = generation.kept(("reader", 1), lambda: ("section", "/home/"))
        second = generation.kept(("reader", 2), lambda: ("section", "/home/"))
    with serving():
        assert generation.kept(("reader", 2), Counting()) is first
    assert second == first


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


# --- The generation read with another query (caching.generation.Current, seen) ---------------


def test_the_generation_read_as_a_column_is_the_one_read_on_its_own():
    generation.invalidate()

    (value,) = Generation.objects.annotate(now=generation.Current()).values_list("now", flat=True)

    assert value == generation.read()


def test_a_generation_seen_with_the_member_is_the_requests_and_costs_no_query(
    django_assert_num_queries,
):
    current = generation.read()

    with serving():
        generation.seen(current, DEFAULT_DB_ALIAS)
        with django_assert_num_queries(0):
            assert generation.current() == current


def test_a_generation_seen_on_another_database_is_not_used(django_assert_num_queries):
    current = generation.read()

    with serving():
        generation.seen(current - 1, "replica")  # a replica may lag behind a bump
        with django_assert_num_queries(1):
            assert generation.current() == current


def test_a_generation_seen_outside_a_request_is_not_kept(django_assert_num_queries):
    current = generation.read()
    generation.seen(current - 1, DEFAULT_DB_ALIAS)

    with django_assert_num_queries(1):
        assert generation.current() == current
