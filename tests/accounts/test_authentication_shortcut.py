"""accounts.middleware.get_user answers exactly as Django's own get_user does, in every case
Django handles, and the copy is pinned to the Django release it follows.

The portal reads the signed-in member through accounts.members.user_for_session (one query
that also checks the session is still in the database), so it keeps its own copy of
django.contrib.auth.get_user. These tests run both on the same sessions and compare what a
member would notice: who is signed in, and whether the session survives.
"""

import hashlib
import inspect

import pytest
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from accounts.middleware import get_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The fingerprint of django.contrib.auth.get_user that accounts.middleware.get_user copies.
# When a Django upgrade changes it, compare the two functions, carry any change over, then
# update the fingerprint.
DJANGO_GET_USER_FINGERPRINT = "08a852f701f765bc"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in_session(user, *, backend=BACKEND, session_hash=None):
    session = SessionStore()
    session[auth.SESSION_KEY] = str(user.pk)
    session[auth.BACKEND_SESSION_KEY] = backend
    session[auth.HASH_SESSION_KEY] = (
        user.get_session_auth_hash() if session_hash is None else session_hash
    )
    session.save()
    return session.session_key


def outcome(get_user_function, session_key):
    """Who the function says is signed in, and what became of the session."""
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key)
    user = get_user_function(request)
    return {
        "user": user.pk if user.is_authenticated else None,
        "session_kept": request.session.session_key == session_key,
        "hash": request.session.get(auth.HASH_SESSION_KEY),
    }


def both(session_key_for):
    """Run Django's get_user and ours, each on its own copy of the same session."""
    return outcome(auth.get_user, session_key_for()), outcome(get_user, session_key_for())


def test_authentication_shortcut_copies_the_django_release_it_was_written_for():
    fingerprint = hashlib.sha256(inspect.getsource(auth.get_user).encode()).hexdigest()[:16]

    assert fingerprint == DJANGO_GET_USER_FINGERPRINT, (
        "django.contrib.auth.get_user changed: compare it with accounts.middleware.get_user, "
        "carry the change over, then update DJANGO_GET_USER_FINGERPRINT."
    )


def test_authentication_shortcut_signs_in_a_member_with_a_good_session_as_django_does():
    member = UserFactory()

    theirs, ours = both(lambda: signed_in_session(member))

    assert ours == theirs
    assert ours["user"] == member.pk


def test_authentication_shortcut_ends_a_session_with_a_stale_password_hash_as_django_does():
    member = UserFactory()

    theirs, ours = both(lambda: signed_in_session(member, session_hash="not-the-hash"))

    assert ours["user"] is theirs["user"] is None
    assert ours["session_kept"] is theirs["session_kept"] is False


def test_authentication_shortcut_ignores_a_backend_that_is_no_longer_configured():
    member = UserFactory()
    gone = "django.contrib.auth.backends.RemoteUserBackend"
    assert gone not in settings.AUTHENTICATION_BACKENDS

    theirs, ours = both(lambda: signed_in_session(member, backend=gone))

    assert ours == theirs
    assert ours["user"] is None


def test_authentication_shortcut_refuses_an_inactive_account_as_django_does():
    member = UserFactory(is_active=False)

    theirs, ours = both(lambda: signed_in_session(member))

    assert ours["user"] is theirs["user"] is None


def test_authentication_shortcut_renews_a_session_signed_with_an_old_secret_key(settings):
    member = UserFactory()
    old_key = settings.SECRET_KEY

    def session_made_before_rotation():
        settings.SECRET_KEY = old_key
        key = signed_in_session(member)
        settings.SECRET_KEY = "the-key-after-rotation"
        return key

    settings.SECRET_KEY = "the-key-after-rotation"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    theirs, ours = both(session_made_before_rotation)

    assert ours["user"] == theirs["user"] == member.pk
    assert ours["session_kept"] is theirs["session_kept"] is False  # a new key
    assert ours["hash"] == theirs["hash"] == member.get_session_auth_hash()


def test_authentication_shortcut_signs_no_one_in_without_a_session():
    request = RequestFactory().get("/")
    request.session = SessionStore()

    assert get_user(request).is_authenticated is auth.get_user(request).is_authenticated is False
