"""Workers freeze their long-lived heap out of garbage collection (portal/heap.py)."""

import gc
import itertools

import pytest
from django.core.signals import request_finished

from portal import heap


@pytest.fixture
def thawed(monkeypatch):
    """Each test starts and ends with nothing frozen, no requests counted, and without the
    signal receiver."""
    gc.unfreeze()
    monkeypatch.setattr(heap, "_served", itertools.count(1))
    yield
    request_finished.disconnect(dispatch_uid="portal.heap.settle")
    gc.unfreeze()


def test_heap_settle_freezes_at_start_and_after_the_first_requests(settings, thawed):
    settings.GC_FREEZE = True

    heap.settle()
    at_start = gc.get_freeze_count()
    kept = [[object()] for _ in range(1000)]  # what early requests leave alive
    for _ in range(heap.FREEZE_AFTER[0] - 1):
        heap.request_served()
    before = gc.get_freeze_count()
    heap.request_served()

    assert at_start > 0
    assert gc.get_freeze_count() - before >= len(kept)  # frozen at the 20th, not before
    assert before - at_start < len(kept)
    assert request_finished.disconnect(dispatch_uid="portal.heap.settle")  # it was listening


def test_heap_settle_freezes_nothing_when_turned_off(settings, thawed):
    settings.GC_FREEZE = False

    heap.settle()

    assert gc.get_freeze_count() == 0
    assert not request_finished.disconnect(dispatch_uid="portal.heap.settle")
