"""Who is signed in (read from the shared cache), and extra protection for staff accounts:
two-factor sign-in and an idle timeout."""

import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSession
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from accounts.members import LookOnly, is_staff_member, user_for_session

LAST_ACTIVITY_KEY = "staff_last_activity"


def get_user(request):
    """django.contrib.auth.get_user (Django 5.2), with the member read through
    accounts.members.user_for_session instead of a query on every request.
    Everything else is Django's: the backend named in the session must still be configured,
    the account must be able to sign in, and the session must carry the account's current
    password hash (or one made with a fallback secret key, which is then renewed); otherwise
    the session ends. tests/accounts/test_authentication_shortcut.py runs both on the same
    sessions and pins this copy to Django's release.
    A session the database keeps must still be there (a signed-out session that an older
    cache snapshot brought back signs no one in).
    A request marked `look_only` raises LookOnly rather than renew or end the session."""
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = request.session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return AnonymousUser()
    # A session the database keeps too (db, cached_db) is checked there in the same query.
    kept = request.session.session_key if isinstance(request.session, DatabaseSession) else None
    user = user_for_session(auth.load_backend(backend_path), user_id, session_key=kept)
    if user is None:
        return AnonymousUser()
    user.backend = backend_path
    session_hash = request.session.get(auth.HASH_SESSION_KEY)
    session_auth_hash = user.get_session_auth_hash()
    if session_hash and constant_time_compare(session_hash, session_auth_hash):
        return user
    if getattr(request, "look_only", False):
        # The shared pages' front (community/shells.py) only looks; Django renews or ends it.
        raise LookOnly
    if session_hash and any(
        constant_time_compare(session_hash, fallback_hash)
        for fallback_hash in user.get_session_auth_fallback_hash()
    ):
        request.session.cycle_key()
        request.session[auth.HASH_SESSION_KEY] = session_auth_hash
        return user
    request.session.flush()
    return AnonymousUser()


class MemberAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, loading the signed-in member with get_user above."""

    def process_request(self, request):
        super().process_request(request)

        def load():
            if not hasattr(request, "_cached_user"):
                request._cached_user = get_user(request)
            return request._cached_user

        request.user = SimpleLazyObject(load)


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
