"""Site search: pages and glossary terms, with highlighted snippets and spelling help.

Uses Wagtail's search backend: the database backend by default, which on PostgreSQL is
PostgreSQL full-text search.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from articles.models import GlossaryTerm, MechanismPage
from articles.visibility import visible_to
from community.models import Question, Reply, Thread

SNIPPET_LENGTH = 220
GLOSSARY_MATCHES = 5


def backend_query(query):
    """The words of `query` only. Quotes, brackets and operators mean something to SQLite's
    FTS5 and PostgreSQL's tsquery; a member typing them must get results, not an error."""
    return " ".join(re.findall(r"\w+", query))


def query_words(query):
    return [word for word in re.findall(r"[\w-]+", query.lower()) if len(word) >= 3]


def result_text(page):
    """The text a result's snippet is cut from: the page's own text where it has one."""
    if hasattr(page, "plain_text"):
        return page.plain_text()
    return page.search_description or getattr(page, "intro", "") or ""


def highlight(text, query, length=SNIPPET_LENGTH):
    """A short extract of `text` around the first query word, with every match in <mark>.

    Returns escaped, safe HTML.
    """
    text = " ".join(text.split())
    words = query_words(query)
    if not text:
        return ""
    pattern = (
        re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None
    )
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - length // 3) if match else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    extract = text[start : start + length]
    if start + length < len(text):
        extract = extract.rsplit(" ", 1)[0]
    prefix, suffix = ("… " if start else ""), (" …" if start + length < len(text) else "")
    if pattern is None:
        return mark_safe(escape(prefix + extract + suffix))  # noqa: S308 - escaped
    pieces, last = [], 0
    for found in pattern.finditer(extract):
        pieces.append(escape(extract[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    pieces.append(escape(extract[last:]))
    return mark_safe(escape(prefix) + "".join(pieces) + escape(suffix))  # noqa: S308 - escaped


def search_pages(query, user=None):
    """The pages `user` may see (articles.visibility; a visitor's when not given) matching
    `query`, best first, as a lazy sequence: nothing is asked of the database (not even which
    pages are restricted) until it is counted or sliced, which a cached search page never
    does."""
    return LazyResults(
        lambda: visible_to(Page.objects, user).specific().search(backend_query(query))
    )


class LazyResults:
    """A search built on first use; what Django's Paginator needs of it."""

    ordered = True  # search results come best first

    def __init__(self, build):
        self._build = build
        self._results = None

    def _get(self):
        if self._results is None:
            self._results = self._build()
        return self._results

    def count(self):
        return self._get().count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):  # a page of results: still lazy
            return LazyResults(lambda: self._get()[index])
        return self._get()[index]

    def __iter__(self):
        return iter(self._get())


def search_glossary(query):
    backend = get_search_backend()
    return list(backend.search(backend_query(query), GlossaryTerm.objects.all())[:GLOSSARY_MATCHES])


DISCUSSION_MATCHES = 5


def search_discussions(query):
    """Visible threads whose title, text or replies match, best first (first page only)."""
    backend = get_search_backend()
    query = backend_query(query)
    # Held posts wait for a moderator: they are not shown in search either.
    visible = {"deleted_at__isnull": True, "hidden_at__isnull": True, "held_at__isnull": True}
    found = list(backend.search(query, Thread.objects.filter(**visible))[:DISCUSSION_MATCHES])
    if len(found) < DISCUSSION_MATCHES:
        replies = backend.search(query, Reply.objects.filter(**visible))[:DISCUSSION_MATCHES]
        thread_ids = [reply.thread_id for reply in replies]
        extra = Thread.objects.visible().in_bulk(thread_ids)
        for thread_id in thread_ids:
            thread = extra.get(thread_id)
            if thread is not None and thread not in found:
                found.append(thread)
    return found[:DISCUSSION_MATCHES]


def search_questions(query):
    """Published questions that have at least one published answer (first page only)."""
    backend = get_search_backend()
    answered = Question.objects.published().filter(answer_count__gt=0)
    return list(backend.search(backend_query(query), answered)[:DISCUSSION_MATCHES])


def suggest(query, user=None):
    """A close spelling from the portal's own vocabulary (glossary terms and the titles of
    the articles `user` may see), or None ("did you mean")."""
    vocabulary = {term.lower() for term in GlossaryTerm.objects.values_list("term", flat=True)}
    vocabulary |= {
        title.lower()
        for title in visible_to(MechanismPage.objects, user).values_list("title", flat=True)
    }
    words = {word for phrase in vocabulary for word in re.findall(r"[\w-]+", phrase)}
    lowered = query.lower().strip()
    whole = difflib.get_close_matches(lowered, vocabulary, n=1, cutoff=0.75)
    if whole and whole[0] != lowered:
        return whole[0]
    corrected = [
        (difflib.get_close_matches(word, words, n=1, cutoff=0.75) or [word])[0]
        for word in lowered.split()
    ]
    suggestion = " ".join(corrected)
    return suggestion if suggestion != lowered else None
