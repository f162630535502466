"""Extra protection for staff accounts: two-factor sign-in and an idle timeout."""

import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts.roles import is_staff_member

LAST_ACTIVITY_KEY = "staff_last_activity"


class StaffSecurityMiddleware:
    """Staff must set up two-factor authentication before they reach /admin/, and a staff
    session ends after STAFF_IDLE_TIMEOUT seconds without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and is_staff_member(user):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY, now)
            if now - last > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, "You were signed out after a period without activity.")
                return redirect(f"{reverse('account_login')}?next={request.path}")
            request.session[LAST_ACTIVITY_KEY] = now
            if request.path.startswith("/admin/") and not is_mfa_enabled(user):
                messages.warning(
                    request,
                    "Staff accounts must use two-factor authentication. Set up an "
                    "authenticator app to continue to the admin.",
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
