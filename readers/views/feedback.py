"""/helpful/: the answer to "Was this page helpful?" at the end of each article.

Why this view is exempt from CSRF, and why that is safe: the form sits on article pages,
which are cached and shared by every visitor, so it cannot carry a per-reader form token
(a token would make every article page personal and uncacheable). CSRF protects what a
request does with the victim's identity; this view uses none. It never reads or changes
a session or an account, stores no one's identity, accepts only yes or no, an article id
and a short comment (personal details masked), and is rate limited per IP address. A forged
post can do no more than the forger could do by posting the form themselves, and a post
whose Origin header names another site is refused anyway.
"""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from articles.models import MechanismPage
from articles.visibility import may_see
from readers import services
from readers.models import COMMENT_MAX_LENGTH

FEEDBACK_RATE = "20/h"


def _rate(group, request):
    return getattr(settings, "RATE_LIMITS", {}).get("feedback", FEEDBACK_RATE)


class FeedbackForm(forms.Form):
    """Yes or no, and an optional short comment."""

    page = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    helpful = forms.ChoiceField(
        label="Was this page helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose Yes or No."},
    )
    comment = forms.CharField(
        label="Anything we could make clearer? (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _same_site(request):
    """False only when the browser says the form was sent from another site."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin is None
    host = urlsplit(origin).netloc
    return host == request.get_host() or origin in settings.CSRF_TRUSTED_ORIGINS


@csrf_exempt
@require_POST
@ratelimit(group="readers-feedback", key="ip", rate=_rate, method="POST", block=True)
def helpful(request):
    """Keep the answer and thank the reader; with no Yes or No, show the form again with
    what they wrote still in it."""
    if not _same_site(request):
        raise PermissionDenied("Answers are sent from this site's own pages.")
    form = FeedbackForm(request.POST)
    page_id = form.data.get("page", "")
    page = (
        MechanismPage.objects.live().filter(pk=int(page_id)).first()
        if str(page_id).isdigit()
        else None
    )
    if page is None or not may_see(page, request.user):
        return _answer(request, "readers/helpful.html", {"form": None, "article": None}, status=404)
    if not form.is_valid():
        return _answer(request, "readers/helpful.html", {"form": form, "article": page}, status=400)
    services.record_feedback(
        page,
        helpful=form.cleaned_data["helpful"] == "yes",
        comment=form.cleaned_data["comment"],
    )
    return _answer(request, "readers/helpful.html", {"form": None, "article": page, "thanks": True})


def _answer(request, template, context, status=200):
    response = render(request, template, context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response
