"""/preferences/: how pages look for this reader (text size, colours, detail, motion).

A plain form that works without JavaScript. The choice is kept in this browser's cookie
and, for members, on their account too (accounts/reading_preferences.py). Pages themselves
never change: a small script applies the cookie, so the page caches stay shared.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import reading_preferences as prefs


class ReadingPreferencesForm(forms.Form):
    """The preferences, each a set of radio buttons with a plain label."""

    text_size = forms.ChoiceField(
        label="Text size",
        choices=prefs.CHOICES["text_size"],
        widget=forms.RadioSelect,
        help_text="Bigger text can be easier to read when you are tired or foggy.",
    )
    theme = forms.ChoiceField(
        label="Colours",
        choices=prefs.CHOICES["theme"],
        widget=forms.RadioSelect,
        help_text="Dark colours can be gentler on sore or tired eyes.",
    )
    detail = forms.ChoiceField(
        label="How much to show",
        choices=prefs.CHOICES["detail"],
        widget=forms.RadioSelect,
        help_text="Key points shows each article's main ideas. Open any part to read it all.",
    )
    motion = forms.ChoiceField(
        label="Movement",
        choices=prefs.CHOICES["motion"],
        widget=forms.RadioSelect,
        help_text="Stops things on the page from sliding or fading.",
    )


def safe_next(request, value):
    """`value` if it is an address on this site, else None (never send readers elsewhere)."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def preferences_view(request):
    """Show the form with this reader's current choices; on a valid POST, remember them
    and come back here with "Saved" and a link to the page the reader came from."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = ReadingPreferencesForm(request.POST or None, initial=prefs.from_request(request))
    if request.method == "POST" and form.is_valid():
        if request.user.is_authenticated:
            prefs.save_for_member(request.user, form.cleaned_data)
        messages.success(request, "Saved. Your reading preferences are in use on every page.")
        address = reverse("preferences")
        if next_url:
            address += "?" + urlencode({"next": next_url})
        response = redirect(address)
        prefs.set_cookie(response, request, form.cleaned_data)
        return response
    return render(request, "portal/preferences.html", {"form": form, "next_url": next_url})
