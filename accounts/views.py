"""Member settings, data export, account deletion and unsubscribe views."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.display_names import RESERVED_FOR, change_display_name, next_change_allowed
from accounts.forms import DeleteAccountForm, DisplayNameForm, ProfileSettingsForm
from accounts.models import DataExport, User
from accounts.services import delete_account, request_data_export
from accounts.unsubscribe import KINDS, read_token


@login_required
@require_GET
def welcome(request):
    """/accounts/welcome/: where a member lands once their email address is confirmed, with
    a few next steps to choose from."""
    return render(request, "accounts/welcome.html")


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    """/accounts/profile/: the member's own profile and mail settings."""
    form = ProfileSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your settings are saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def display_name_view(request):
    """/accounts/display-name/: change the display name, at most once a month."""
    wait_until = next_change_allowed(request.user)
    form = DisplayNameForm(request.POST or None, user=request.user)
    if request.method == "POST" and wait_until is None and form.is_valid():
        change_display_name(request.user, form.cleaned_data["display_name"])
        messages.success(
            request,
            f"Your display name is now {form.cleaned_data['display_name']}. Your posts show "
            "it, and your old name is kept for you for six months.",
        )
        return redirect("accounts:settings")
    context = {"form": form, "wait_until": wait_until, "reserved_days": RESERVED_FOR.days}
    return render(request, "accounts/display_name.html", context)


def _download(data, username):
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{username}-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def export_view(request):
    """/accounts/export/: "Download my data"."""
    if request.method == "POST":
        data, export = request_data_export(request.user)
        if data is not None:
            return _download(data, request.user.username)
        messages.info(request, "We are preparing your file. It will be listed here when ready.")
        return redirect("accounts:export")
    exports = DataExport.objects.filter(user=request.user)[:5]
    return render(request, "accounts/export.html", {"exports": exports})


@login_required
@require_GET
def export_download(request, token):
    """A finished background export; only its owner can fetch it."""
    export = get_object_or_404(
        DataExport, token=token, user=request.user, status=DataExport.Status.READY
    )
    return _download(export.content, request.user.username)


@login_required
@require_http_methods(["GET", "POST"])
def delete_view(request):
    """/accounts/delete/: delete the account after the password is confirmed."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        delete_account(user, erase_posts=form.cleaned_data["erase_posts"], actor=user)
        logout(request)
        messages.success(
            request,
            "Your account is deleted and your personal details are erased. Thank you for "
            "being part of this community.",
        )
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe from a kind of email, without signing in.

    GET shows a confirmation button (mail scanners follow links, so GET changes nothing);
    POST, or the RFC 8058 one-click POST from a mail client, turns the mail off.
    """
    found = read_token(token)
    if found is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    user = User.objects.filter(pk=found[0], deleted_at__isnull=True).first()
    if user is None:
        raise Http404("That account no longer exists.")
    field, value, label = KINDS[found[1]]
    done = False
    if request.method == "POST":
        setattr(user, field, value)
        user.save(update_fields=[field])
        done = True
    return render(request, "accounts/unsubscribe.html", {"label": label, "done": done})
