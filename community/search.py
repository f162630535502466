"""Site search: pages and glossary terms, with highlighted snippets and spelling help.

Uses Wagtail's search backend: the database backend by default, which on PostgreSQL is
PostgreSQL full-text search.
"""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from articles.glossary import synonym_groups
from articles.models import GlossaryTerm, MechanismPage
from articles.models.pages import faq_items
from articles.models.snippets import names_from
from articles.visibility import visible_to
from community.models import Question, Reply, Thread

SNIPPET_LENGTH = 220
GLOSSARY_MATCHES = 5
MAX_VARIANTS = 8  # ways of saying a query with the glossary's synonyms, at most


def backend_query(query):
    """The words of `query` only. Quotes, brackets and operators mean something to SQLite's
    FTS5 and PostgreSQL's tsquery; a member typing them must get results, not an error."""
    return " ".join(re.findall(r"\w+", query))


def _words(text):
    return backend_query(text).lower().split()


def _replace(words, old, new):
    """`words` with each run equal to `old` replaced by `new`, or None if there is none."""
    size, out, index, found = len(old), [], 0, False
    while index < len(words):
        if words[index : index + size] == old:
            out.extend(new)
            index += size
            found = True
        else:
            out.append(words[index])
            index += 1
    return out if found else None


def query_variants(query):
    """`query` as words (backend_query), then the same query said with the glossary's
    synonyms: "fibro fog" also as "brain fog", "LDN" also as "low dose naltrexone".

    Editors keep the synonyms on each glossary term (articles.glossary.synonym_groups).
    """
    variants = [_words(query)]
    if not variants[0]:
        return [""]
    for group in synonym_groups():
        names = [_words(name) for name in group]
        for words in list(variants):
            for old in names:
                for new in names:
                    if new == old or len(variants) >= MAX_VARIANTS:
                        continue
                    changed = _replace(words, old, new)
                    if changed and changed not in variants:
                        variants.append(changed)
    return [" ".join(words) for words in variants]


def expanded_query(query):
    """What to ask the search backend for `query`: its words, or with synonyms any of the
    ways of saying it (each with all of its words)."""
    variants = query_variants(query)
    if len(variants) == 1:
        return variants[0]
    return Or([PlainText(variant) for variant in variants])


def with_synonyms(query):
    """`query` followed by the other ways of saying it, to highlight every one of them."""
    return " ".join([query, *query_variants(query)[1:]])


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
        lambda: visible_to(Page.objects, user).specific().search(expanded_query(query))
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
    return list(
        backend.search(expanded_query(query), GlossaryTerm.objects.all())[:GLOSSARY_MATCHES]
    )


DISCUSSION_MATCHES = 5


def search_discussions(query):
    """Visible threads whose title, text or replies match, best first (first page only)."""
    backend = get_search_backend()
    query = expanded_query(query)
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
    return list(backend.search(expanded_query(query), answered)[:DISCUSSION_MATCHES])


def suggest(query, user=None):
    """A close spelling from the portal's own vocabulary (glossary terms, their synonyms and
    the titles of the articles `user` may see), or None ("did you mean")."""
    vocabulary = {
        name.lower()
        for term, synonyms in GlossaryTerm.objects.values_list("term", "synonyms")
        for name in [term, *names_from(synonyms)]
    }
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


# --- The ask page: questions, articles and FAQ entries like the one being typed ----------

SIMILAR_FAQS = 3
# Words too common to tell one question from another.
_COMMON = """a about after all am an and any are as at be been but by can could did do does
    doing for from get gets got had has have how i if in into is it its just me more most my
    no not of on or so some than that the their them then there these they this to too
    very was we what when where which who why will with would you your"""
COMMON_WORDS = frozenset(_COMMON.split())


def _stem(word):
    """A word without a plural ending, so "cells" matches "cell" (rough, and enough here)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def meaningful_words(text):
    """The words of `text` that say what it is about, lower case and without plural endings."""
    return {_stem(word) for word in _words(text) if word not in COMMON_WORDS and len(word) > 1}


def _meaningful_words_with_synonyms(query):
    return {word for variant in query_variants(query) for word in meaningful_words(variant)}


def similar_query(query):
    """What to ask the search backend for pages or questions like `query`, a question as a
    member types it: any of its meaningful words, or of the ways of saying it with the
    glossary's synonyms (articles.glossary). None when it has no meaningful word."""
    words = sorted(
        {word for variant in query_variants(query) for word in meaningful_words(variant)}
    )
    return PlainText(" ".join(words), operator="or") if words else None


def faq_entries(user=None):
    """Every FAQ entry `user` may see (articles.visibility; a visitor's when not given):
    the FAQ page's own, then each article's, as dicts of plain values (title, url, the
    meaningful words of the question and of the answer) that can be cached."""
    from articles.models import FAQIndexPage

    found = []

    def add(page, items):
        url = page.get_url()
        if not url:
            return
        for question, answer, block_id in items:
            found.append(
                {
                    "title": question,
                    "url": f"{url}#faq-{block_id}",
                    "question_words": sorted(meaningful_words(question)),
                    "answer_words": sorted(meaningful_words(strip_tags(str(answer)))),
                }
            )

    faq_page = visible_to(FAQIndexPage.objects, user).only("id", "url_path", "faqs").first()
    if faq_page is not None:
        add(faq_page, faq_items(faq_page.faqs))
    articles = visible_to(MechanismPage.objects, user).only(
        "id", "title", "url_path", "faqs", "path", "depth"
    )
    for page in articles.order_by("title"):
        add(page, page.faq_items())
    return found


def similar_faqs(query, entries):
    """The FAQ entries among `entries` (faq_entries) whose question shares a meaningful word
    with `query` or its synonyms, best first: shared words in the question count most."""
    words = _meaningful_words_with_synonyms(query)
    scored = []
    for position, entry in enumerate(entries):
        in_question = words.intersection(entry["question_words"])
        if in_question:
            score = 3 * len(in_question) + len(words.intersection(entry["answer_words"]))
            scored.append((-score, position, entry))
    return [{"title": e["title"], "url": e["url"]} for _, _, e in sorted(scored)[:SIMILAR_FAQS]]
