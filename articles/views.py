"""Article views that are not Wagtail pages."""

from itertools import groupby

from django.db.models.functions import Lower
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import GlossaryTerm
from articles.visibility import visible_pages


@require_GET
def glossary(request):
    """/glossary/: every term A–Z, each with an anchor that article links point to."""
    # A–Z regardless of capitals: "HPA axis" belongs under H, after "glutamate".
    terms = list(GlossaryTerm.objects.select_related("mechanism_page").order_by(Lower("term")))
    # "Read more" only to an article this reader may see (articles.visibility).
    shown = {page.pk for page in visible_pages([t.mechanism_page for t in terms], request.user)}
    for term in terms:
        term.read_more = term.mechanism_page if term.mechanism_page_id in shown else None
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.letter)]
    return render(
        request,
        "articles/glossary.html",
        {"letters": letters, "term_count": sum(len(group) for _, group in letters)},
    )
