"""Saved articles: the Save button, /accounts/saved/, the reading place and its state.

Article and home pages are shared by every reader (cached for visitors, the same bytes for
every member), so they never say whether this member saved the article or where they
stopped. The Save button is a plain form that works without JavaScript (POST here, then back
to the article with a note); static/js/reading-place.js then asks `saved_state` (members
only, never cached) whether the article is saved, to show "Saved" and "Remove", and for
"Continue reading" on the home page, and reports the last heading scrolled past to
`reading_place`.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.models import MechanismPage
from articles.visibility import visible_to
from readers import services
from readers.models import AppointmentSheet, SavedArticle

ANCHOR = re.compile(r"^[A-Za-z][\w-]{0,99}$")


def _page_id(value):
    return int(value) if str(value or "").isdigit() else None


def _visible_saves(user):
    """The member's saved articles they may still see, newest first, each with its page
    (title, address): one query after the view restrictions' one."""
    pages = visible_to(MechanismPage.objects, user)
    return (
        SavedArticle.objects.filter(user=user, page__in=pages.values("pk"))
        .select_related("page")
        .only(
            "saved_at",
            "section",
            "anchor",
            "read_at",
            "page__title",
            "page__url_path",
            "page__path",
            "page__depth",
            "page__summary",
        )
    )


def _safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


@never_cache
@login_required
@require_GET
def saved_list(request):
    """The member's saved articles, newest first, with the last section they read, and
    their saved appointment sheets."""
    saves = list(_visible_saves(request.user).order_by("-saved_at", "-pk"))
    total = SavedArticle.objects.filter(user=request.user).count()
    sheets = list(
        AppointmentSheet.objects.filter(user=request.user).only("id", "name", "created_at")
    )
    return render(
        request,
        "readers/saved_list.html",
        {"saves": saves, "unavailable": total - len(saves), "sheets": sheets},
    )


def _visible_page(request, value):
    """The live article named by `value` that the member may see, or 404."""
    pk = _page_id(value)
    page = visible_to(MechanismPage.objects, request.user).filter(pk=pk).first() if pk else None
    if page is None:
        raise Http404("No such article.")
    return page


@login_required
@require_POST
def save_article(request):
    """The Save button: keep the article on the member's list, then go back to it."""
    page = _visible_page(request, request.POST.get("page"))
    if services.save_article(request.user, page):
        messages.success(request, "Saved. You will find it in your saved articles.")
    else:
        messages.info(request, "This article is already in your saved articles.")
    return redirect(page.get_url(request) + "#save-article")


@login_required
@require_POST
def remove_article(request):
    """Take an article off the list, then go back where the member pressed Remove."""
    pk = _page_id(request.POST.get("page"))
    if pk and services.remove_saved_article(request.user, pk):
        messages.success(request, "Removed from your saved articles.")
    return redirect(_safe_next(request, request.POST.get("next")) or reverse("readers:saved"))


@login_required
@require_POST
def reading_place(request):
    """The last heading the member scrolled past in a saved article (sent by the script
    with navigator.sendBeacon as they leave the page). 204 whatever happens: nothing to show."""
    pk = _page_id(request.POST.get("page"))
    section = request.POST.get("section", "").strip()
    anchor = request.POST.get("anchor", "").strip()
    if pk and section and ANCHOR.match(anchor):
        services.record_reading_place(request.user, pk, section, anchor)
    return HttpResponse(status=204)


@never_cache
@login_required
@require_GET
def saved_state(request):
    """For the script: `?page=<id>` says whether the member saved that article; without it,
    the saved article to continue reading (the one read, or else saved, most recently), or
    null."""
    pk = _page_id(request.GET.get("page"))
    if pk is not None:
        saved = SavedArticle.objects.filter(user=request.user, page_id=pk).exists()
        return JsonResponse({"saved": saved})
    latest = (
        _visible_saves(request.user).order_by(Coalesce("read_at", "saved_at").desc(), "-pk").first()
    )
    if latest is None:
        return JsonResponse({"continue": None})
    url = latest.page.get_url(request)
    return JsonResponse(
        {
            "continue": {
                "title": latest.page.title,
                "url": f"{url}#{latest.anchor}" if latest.anchor else url,
                "section": latest.section,
            }
        }
    )
