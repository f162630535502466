"""Article views that are not Wagtail pages."""

from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import GlossaryTerm, MechanismPage
from articles.visibility import visible_pages, visible_to

CHANGES_PER_PAGE = 20


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


@dataclass(frozen=True)
class Change:
    """One public change note with the article it is on."""

    page: MechanismPage
    date: object
    text: str
    id: str


def recent_changes(user=None):
    """The change notes on the articles `user` may see (a visitor's when not given, as in
    the feed: articles.visibility), newest first. The notes live in each article's
    `change_notes`, so this reads the articles once (two queries however many notes)."""
    pages = visible_to(MechanismPage.objects, user).only(
        "id", "title", "url_path", "path", "depth", "live", "change_notes"
    )
    changes = [
        Change(page=page, date=date, text=text, id=note_id)
        for page in pages
        for date, text, note_id in page.change_list()
    ]
    changes.sort(key=lambda change: change.page.title)
    return sorted(changes, key=lambda change: change.date, reverse=True)


@require_GET
def changes(request):
    """/updates/changes/: what changed in the articles lately, newest first, with a feed."""
    paginator = Paginator(recent_changes(request.user), CHANGES_PER_PAGE)
    return render(
        request,
        "articles/changes.html",
        {"changes": paginator.get_page(request.GET.get("page"))},
    )
