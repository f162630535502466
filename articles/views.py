"""Article views that are not Wagtail pages."""

from itertools import groupby

from django.db.models.functions import Lower
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import GlossaryTerm


@require_GET
def glossary(request):
    """/glossary/: every term A–Z, each with an anchor that article links point to."""
    # A–Z regardless of capitals: "HPA axis" belongs under H, after "glutamate".
    terms = GlossaryTerm.objects.select_related("mechanism_page").order_by(Lower("term"))
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.letter)]
    return render(
        request,
        "articles/glossary.html",
        {"letters": letters, "term_count": sum(len(group) for _, group in letters)},
    )
