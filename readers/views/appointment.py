"""/appointment/: choose articles, write questions, get a one-page sheet (or its PDF).

The form is sent with GET, so a visitor's sheet is made from the address alone and nothing
they type is kept: no session, no row, no log line of it. Every answer that shows what they
chose or typed is `Cache-Control: private, no-store` (no cache, shared or in the browser,
keeps it) and sends no Referer. Members may save a sheet (POST, with its form token) and
open it again: `?sheet=<id>`, their own sheets only.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from readers import services
from readers.appointment import (
    AppointmentForm,
    article_choices,
    sheet_articles,
    visible_articles,
)
from readers.models import AppointmentSheet
from readers.pdf import sheet_pdf

PDF_RATE = "30/h"  # making a PDF is the costliest thing a visitor can ask for


def _pdf_rate(group, request):
    return getattr(settings, "RATE_LIMITS", {}).get("appointment_pdf", PDF_RATE)


def _own_sheet(request, value):
    """The member's own saved sheet named by `value`, or 404 (another's is not found)."""
    if not str(value).isdigit():
        raise Http404("No such appointment sheet.")
    try:
        return AppointmentSheet.objects.prefetch_related("pages").get(
            pk=int(value), user=request.user
        )
    except AppointmentSheet.DoesNotExist:
        raise Http404("No such appointment sheet.") from None


def _private(response):
    """What a reader chose or typed: kept by no cache, sent to no other site."""
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def appointment(request):
    """The form, and the sheet once articles or questions are chosen (`?format=pdf`: the
    same sheet as a PDF download)."""
    sheet = None
    if "sheet" in request.GET:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        sheet = _own_sheet(request, request.GET["sheet"])
    articles = visible_articles(request.user)
    choices = article_choices(articles)
    submitted = "pages" in request.GET or "questions" in request.GET
    if submitted:
        form = AppointmentForm(request.GET, articles=choices)
    elif sheet is not None:
        data = {"pages": [str(page.pk) for page in sheet.pages.all()], "questions": sheet.questions}
        form = AppointmentForm(data, articles=choices)
    else:
        add = request.GET.get("add", "")
        form = AppointmentForm(initial={"pages": [add] if add.isdigit() else []}, articles=choices)
    made = form.is_bound and form.is_valid()
    context = {"form": form, "sheet": sheet, "made": made}
    if made:
        context["articles"] = sheet_articles(articles, form.cleaned_data["pages"], request)
        context["questions"] = form.cleaned_data["questions"].splitlines()
        query = {"pages": form.cleaned_data["pages"], "questions": form.cleaned_data["questions"]}
        if sheet is not None:
            query["sheet"] = sheet.pk
        context["pdf_query"] = urlencode({**query, "format": "pdf"}, doseq=True)
        if request.GET.get("format") == "pdf":
            return _private(_pdf_response(request, context))
    if request.user.is_authenticated:
        context["saved_sheets"] = list(
            AppointmentSheet.objects.filter(user=request.user).only("id", "name", "created_at")
        )
    response = render(request, "readers/appointment.html", context)
    return _private(response) if request.GET else response


def _pdf_response(request, context):
    if is_ratelimited(
        request, group="appointment-pdf", key="ip", rate=_pdf_rate, method="GET", increment=True
    ):
        return render(request, "429.html", status=429)
    response = HttpResponse(sheet_pdf(context, request), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="appointment-sheet.pdf"'
    return response


@login_required
@require_POST
def save_sheet(request):
    """Save the sheet on screen for the member (or the changes to one of theirs), then show
    it again from where it is kept."""
    sheet = _own_sheet(request, request.POST["sheet"]) if request.POST.get("sheet") else None
    articles = visible_articles(request.user)
    form = AppointmentForm(request.POST, articles=article_choices(articles))
    if not form.is_valid():
        messages.error(request, "The sheet could not be saved: choose an article or a question.")
        return redirect("readers:appointment")
    sheet = services.save_appointment_sheet(
        request.user,
        pages=[int(pk) for pk in form.cleaned_data["pages"]],
        questions=form.cleaned_data["questions"],
        name=request.POST.get("name", "")[:120],
        sheet=sheet,
    )
    messages.success(request, "Saved. You can open this sheet again from your saved things.")
    return redirect(reverse("readers:appointment") + "?" + urlencode({"sheet": sheet.pk}))


@login_required
@require_POST
def delete_sheet(request):
    """Delete one of the member's saved sheets."""
    value = request.POST.get("sheet", "")
    if value.isdigit() and services.delete_appointment_sheet(request.user, int(value)):
        messages.success(request, "The appointment sheet is deleted.")
    return redirect("readers:saved")
