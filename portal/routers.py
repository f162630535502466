"""Reads from the replica, writes to the primary, and no stale reads of one's own writes.

A replica lags a little behind the primary. A member who has just posted and is redirected
to the thread must see the post, so for PIN_SECONDS after a request that wrote (any
non-GET request) that browser's reads go to the primary too: PrimaryPinMiddleware sets a
short-lived cookie and marks the request. Reads inside a transaction also stay on the
primary, so a view that writes and reads back stays consistent.
"""

import threading

from django.db import transaction

PIN_COOKIE = "pin_primary"
PIN_SECONDS = 15
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_state = threading.local()


def pinned():
    return getattr(_state, "pinned", False)


class PrimaryReplicaRouter:
    """Database router for DATABASES = {"default": primary, "replica": read replica}."""

    def db_for_read(self, model, **hints):
        if pinned() or transaction.get_connection("default").in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PrimaryPinMiddleware:
    """Pins a request to the primary when it writes, and for a while after, per browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        _state.pinned = writes or PIN_COOKIE in request.COOKIES
        try:
            response = self.get_response(request)
        finally:
            _state.pinned = False
        if writes:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
