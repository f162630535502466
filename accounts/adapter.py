"""allauth adapter: background mail, the rules for display names, and no second password
prompt when a staff member sets up two-factor sign-in straight after signing in."""

import datetime
import re
import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from accounts.display_names import check_name_is_free
from accounts.tasks import queue_email
from common.links import on_site

RESERVED_NAMES = {"admin", "administrator", "moderator", "moderators", "editor", "staff",
                  "support", "deleted", "deleted-member", "deleted member", "system"}  # fmt: skip
# allauth's mail context entries that hold a link (confirmation, password reset, sign-up).
LINKS_IN_MAIL = ("activate_url", "password_reset_url", "signup_url")
EMAIL_LIKE = re.compile(r"@|\.(com|org|net|co|uk|de|fr|nl|io)$", re.IGNORECASE)


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's mail through django-tasks, with its links on the site's one public
    address, and keeps display names pseudonymous."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        full_context.update(context)
        for key in LINKS_IN_MAIL:  # built from the request's host: the one public address
            if full_context.get(key):
                full_context[key] = on_site(full_context[key])
        queue_email(self.render_mail(template_prefix, email, full_context))

    def get_signup_redirect_url(self, request):
        """A new member, once their address is confirmed and they are signed in, lands on a
        page of next steps (accounts:welcome) rather than on the home page with nothing to
        say. allauth signs them in with the redirect chosen at sign-up."""
        return reverse("accounts:welcome")

    def get_email_verification_redirect_url(self, email_address):
        """The same page of next steps when a signed-in member confirms their address."""
        if self.request.user.is_authenticated:
            return reverse("accounts:welcome")
        return super().get_email_verification_redirect_url(email_address)

    def clean_username(self, username, shallow=False):
        if EMAIL_LIKE.search(username):
            raise forms.ValidationError(
                "Your display name is shown to everyone, so it cannot be an email address. "
                "Choose a nickname instead."
            )
        if username.strip().lower() in RESERVED_NAMES:
            raise forms.ValidationError("That name is reserved. Please choose another.")
        username = super().clean_username(username, shallow=shallow)
        if not shallow:  # a name someone changed away from recently stays theirs for a while
            check_name_is_free(username)
        return username

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth (65.x) asks for the password again before any two-factor step, and counts
        only an explicit re-entry, not the sign-in itself. Staff are sent to set up two-factor
        sign-in the moment they first sign in (accounts.middleware), so they were asked for
        the password they had typed seconds before, and again to see their recovery codes.

        Within ACCOUNT_REAUTHENTICATION_TIMEOUT of signing in, setting up two-factor sign-in
        (and seeing the codes made with it) needs no second prompt, as long as every
        authenticator the member has was added after that sign-in. Changing an authenticator
        set up earlier, and every other sensitive change, still asks."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        if required and app == "allauth.mfa" and self._setting_up_mfa_after_sign_in():
            return False
        return required

    def _setting_up_mfa_after_sign_in(self):
        request = self.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        records = get_authentication_records(request, user)
        if not records:
            return False
        signed_in_at = max(record.get("at", 0) for record in records)
        if time.time() - signed_in_at >= app_settings.REAUTHENTICATION_TIMEOUT:
            return False
        signed_in = datetime.datetime.fromtimestamp(signed_in_at, tz=datetime.UTC)
        return not Authenticator.objects.filter(user=user, created_at__lt=signed_in).exists()
