"""Link the first use of each glossary term in an article to its glossary entry.

Works on rendered HTML: only text outside links, headings and code is touched, so links
editors made by hand and the page's own headings stay as they are.
"""

import re

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

TERMS_CACHE_KEY = "articles:glossary-terms:v1"
SYNONYMS_CACHE_KEY = "articles:glossary-synonyms:v1"
SKIP_TAGS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "button"}
TAG_RE = re.compile(r"(<[^>]*>)")
TAG_NAME_RE = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")


def glossary_terms():
    """(term, slug) pairs, longest first so "glial cell" wins over "cell". Cached."""
    # Not at the top: articles.models imports this module (pages -> key_points -> glossary).
    from articles.models import GlossaryTerm

    def load():
        pairs = GlossaryTerm.objects.values_list("term", "slug")
        return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)

    return cache.get_or_set(TERMS_CACHE_KEY, load, timeout=None)


def synonym_groups():
    """For each term with synonyms, the term and its synonyms as one tuple of names, e.g.
    ("fibro fog", "brain fog"). Search treats the names of a group as the same. Cached."""
    # Not at the top: articles.models imports this module, as in glossary_terms.
    from articles.models import GlossaryTerm

    def load():
        return [
            (term.term, *term.synonym_list())
            for term in GlossaryTerm.objects.exclude(synonyms="").only("term", "synonyms")
            if term.synonym_list()
        ]

    return cache.get_or_set(SYNONYMS_CACHE_KEY, load, timeout=None)


def forget_glossary_terms(**kwargs):
    """Signal receiver: a term was saved or deleted, so the cached lists are stale."""
    cache.delete_many([TERMS_CACHE_KEY, SYNONYMS_CACHE_KEY])


def term_pattern(terms):
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term, _ in terms)
    # Whole words only, allowing a plural ending: "cytokine" also matches "cytokines".
    return re.compile(rf"(?<![\w-])({alternatives})(?:s|es)?(?![\w-])", re.IGNORECASE)


def link_glossary_terms(html, terms=None):
    """Return `html` with the first use of each term linked to the glossary.

    `html` must be trusted markup (rendered StreamField blocks, whose rich text Wagtail has
    already cleaned); only its text is changed, and the terms inserted are escaped.
    """
    terms = glossary_terms() if terms is None else terms
    pattern = term_pattern(terms)
    if pattern is None:
        return html
    slugs = {term.lower(): slug for term, slug in terms}
    base_url = reverse("glossary")
    linked = set()
    skip_depth = 0
    out = []

    def replace(match):
        slug = slugs.get(match.group(1).lower())
        if slug is None or slug in linked:
            return match.group(0)
        linked.add(slug)
        return (
            f'<a class="glossary-link" href="{base_url}#{escape(slug)}" '
            f'title="Glossary: {escape(match.group(1).lower())}">{match.group(0)}</a>'
        )

    for part in TAG_RE.split(str(html)):
        if part.startswith("<"):
            tag = TAG_NAME_RE.match(part)
            if tag and tag.group(2).lower() in SKIP_TAGS and not part.endswith("/>"):
                skip_depth += -1 if tag.group(1) else 1
                skip_depth = max(skip_depth, 0)
            out.append(part)
        elif skip_depth or not part.strip():
            out.append(part)
        else:
            out.append(pattern.sub(replace, part))
    return mark_safe("".join(out))  # noqa: S308 - trusted input, escaped insertions
