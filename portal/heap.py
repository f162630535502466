"""Garbage collection in app server workers: freeze the long-lived heap, so a collection
walks only what requests create.

A worker's heap is mostly long-lived: Django, Wagtail and their models, URL patterns, compiled
templates, settings. Python's full ("generation 2") collections walk all of it, and under load
such a pause is what the slowest requests wait for (bench/README has the figures). Objects
frozen with gc.freeze() are left out of every collection, so the heap is frozen once the
application is loaded, and again after the worker's first requests have compiled the
templates and filled the per-process caches; full collections then stay short.

Frozen objects are still freed when nothing refers to them; only reference cycles among them
are never collected, which is why freezing stops after the first few thousand requests (what
those requests left in cycles is bounded and small). GC_FREEZE=false turns it off.
"""

import gc
import itertools

from django.conf import settings
from django.core.signals import request_finished

# Requests served by this worker after which what is alive is frozen again.
FREEZE_AFTER = (20, 200, 2000)


def freeze():
    """Collect what is garbage now, then leave everything alive out of later collections."""
    gc.collect()
    gc.freeze()


_served = itertools.count(1)


def request_served(**kwargs):
    """request_finished: freeze again after the first FREEZE_AFTER requests."""
    if next(_served) in FREEZE_AFTER:
        freeze()


def settle():
    """Freeze now (the application is loaded) and after the worker's first requests.
    Called by portal/wsgi.py in each worker."""
    if not settings.GC_FREEZE:
        return
    freeze()
    request_finished.connect(request_served, dispatch_uid="portal.heap.settle")
