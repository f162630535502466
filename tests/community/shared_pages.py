"""Helpers for the tests of members' shared pages (test_shells_*.py): reading a page as a
member, setting aside its form tokens, and the queries beyond those every page makes."""

import re

from django.test import Client

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


HEADER = "X-Member-Page-Cache"


def beyond_the_member(captured):
    """The queries a request made besides those every signed-in page makes: the session
    (from the database without Redis), the member with what they may do (never from a
    cache), the page generation and the articles' view restrictions the member passes
    (articles.visibility.reader_key). Checks that the member was read exactly once."""
    sql = [query["sql"] for query in captured]
    assert sum('FROM "accounts_user"' in query for query in sql) == 1
    every_page = (
        "django_session",
        'FROM "accounts_user"',
        "caching_generation",
        '"wagtailcore_pageviewrestriction"',
    )
    return [query for query in sql if not any(part in query for part in every_page)]


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def same_page(html):
    """The page with its form tokens (new for every request) set aside."""
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client
