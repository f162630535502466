"""Requests the site cannot serve: a calm 503 when the database cannot be reached, and a 400
for parameters with NUL characters."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turns "cannot reach the database" into a friendly 503 with Retry-After.

    The page (templates/503.html) is plain HTML that needs no database: no menu, no
    settings. Load balancers see the same state at /healthz/.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            # Raised outside a view (sessions, authentication middleware), or re-raised.
            return self.unavailable(error)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self.unavailable(exception)
        return None

    @staticmethod
    def unavailable(error):
        logger.error("Database unavailable: %s", error)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response


class RejectNullCharactersMiddleware:
    """A request with a NUL character in its parameters is refused with 400.

    People never type NUL; bots and scanners do, and PostgreSQL cannot store or compare it
    (a query with one fails). Forms already refuse it field by field; this covers the query
    string and the few parameters views read directly, before anything reaches the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or self._has_null(request.GET)
            or (request.method == "POST" and self._has_null(request.POST))
        ):
            return HttpResponseBadRequest(
                "<!DOCTYPE html><title>Bad request</title><p>The request contained a character "
                "that is not allowed (NUL). Nothing was changed.</p>",
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _has_null(data):
        return any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in data.lists()
        )
