"""Every URL of the site, for every role: the URL resolver and the page tree are walked, so a
new view without an entry in EXPECTED fails here until someone decides who may see it.

GET is tried on every URL. POST-only views answer 405 to GET (after sign-in is checked); who
may POST to them is tested with each view, and the non-owner tests below try every object
view as a member who does not own the object.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

from community.models import Restriction
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unconfirmed", "patient", "moderator", "editor", "superuser"]
# Wagtail's own admin and Django's admin are Wagtail's and Django's to test; our own admin
# views are listed under ADMIN below. Static files and documents are served, not views.
SKIPPED_PREFIXES = ("admin/", "django-admin/", "^admin", "^django-admin", "documents/", "_util/")

# Status codes in role order: anonymous, unconfirmed, patient, moderator, editor, superuser.
LOGIN = 302  # a redirect to the sign-in page
ALL_200 = (200,) * 6
MEMBERS = (LOGIN, 200, 200, 200, 200, 200)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405)
POSTERS = (LOGIN, 302, 200, 200, 200, 200)  # unconfirmed members are sent to confirm first
SIGNED_OUT_ONLY = (200, 302, 302, 302, 302, 302)

EXPECTED = {
    # Articles, search and site files.
    "wagtail_serve": ALL_200,
    "search": ALL_200,
    "preferences": ALL_200,  # anyone may choose, and save (POST: tests/portal)
    "glossary": ALL_200,
    "articles:changes": ALL_200,
    "articles:changes_feed": ALL_200,
    "healthz": ALL_200,
    "robots_txt": ALL_200,
    "sitemap": ALL_200,
    # Members.
    "members:profile": ALL_200,
    "accounts:settings": MEMBERS,
    "accounts:display_name": MEMBERS,
    # Readers' tools: saved articles, the appointment sheet, "Was this page helpful?".
    "readers:appointment": ALL_200,
    "readers:helpful": (405,) * 6,  # POST only, and no sign-in (tests/readers)
    "readers:saved": MEMBERS,
    "readers:save_article": POST_ONLY,
    "readers:remove_article": POST_ONLY,
    "readers:reading_place": POST_ONLY,
    "readers:saved_state": MEMBERS,
    "readers:save_sheet": POST_ONLY,
    "readers:delete_sheet": POST_ONLY,
    "accounts:welcome": MEMBERS,
    "accounts:export": MEMBERS,
    "accounts:export_download": (LOGIN, 404, 200, 404, 404, 404),  # only the owner
    "accounts:delete": MEMBERS,
    "accounts:unsubscribe": ALL_200,  # the signed token is the key
    # allauth.
    "account_login": SIGNED_OUT_ONLY,
    "account_signup": SIGNED_OUT_ONLY,
    "account_logout": (302, 200, 200, 200, 200, 200),
    "account_inactive": ALL_200,
    "account_reauthenticate": MEMBERS,
    # Reauthenticating with a code sent by email (allauth 65.22) is switched off
    # (ACCOUNT_REAUTHENTICATION_METHODS): the password, or an authenticator, is asked instead.
    "account_request_reauthentication_code": (LOGIN, 403, 403, 403, 403, 403),
    "account_confirm_reauthentication_code": (LOGIN, 403, 403, 403, 403, 403),
    "account_email": MEMBERS,
    "account_email_verification_sent": ALL_200,
    "account_change_password": MEMBERS,
    "account_set_password": (LOGIN, 302, 302, 302, 302, 302),  # they have a password
    "account_reset_password": ALL_200,
    "account_confirm_login_code": (302,) * 6,  # no code was requested
    "account_confirm_email": ALL_200,  # an unknown key shows "expired or invalid"
    "account_reset_password_from_key_done": ALL_200,
    "account_reset_password_from_key": ALL_200,  # a bad key says so
    "account_reset_password_done": ALL_200,
    "mfa_index": MEMBERS,
    "mfa_authenticate": (302,) * 6,  # only during a sign-in that needs a code
    "mfa_reauthenticate": (LOGIN, 302, 302, 200, 200, 200),  # needs an authenticator
    # Setting up an authenticator asks for the password again first; staff have one already.
    "mfa_activate_totp": (LOGIN, 302, 302, 302, 302, 302),
    "mfa_deactivate_totp": (LOGIN, 404, 404, 302, 302, 302),  # reauthenticate first
    "mfa_view_recovery_codes": (LOGIN, 404, 404, 404, 404, 404),  # none generated yet
    "mfa_generate_recovery_codes": (LOGIN, 302, 302, 302, 302, 302),  # reauthenticate first
    "mfa_download_recovery_codes": (LOGIN, 404, 404, 404, 404, 404),
    # Community.
    "community:index": ALL_200,
    # Gentle on bad days: drafts, muting, content notes, notes on members, summaries.
    "community:drafts": MEMBERS,
    "community:autosave_draft": POST_ONLY,
    "community:discard_draft": POST_ONLY,
    "community:mute": MEMBERS,
    "community:muted": MEMBERS,
    "community:content_notes": MEMBERS,
    "community:member_note": POST_ONLY,
    "community:reveal_thread_author": POST_ONLY,
    "community:reveal_question_author": POST_ONLY,
    "community:summarise_thread": POST_ONLY,
    "community:thread_evidence": POST_ONLY,
    "community:tag": ALL_200,
    "community:new": POSTERS,
    "community:thread": ALL_200,
    "community:reply": POST_ONLY,
    "community:edit_thread": (LOGIN, 403, 200, 403, 403, 403),  # the author is "patient"
    "community:delete_thread": (LOGIN, 403, 200, 403, 403, 403),
    "community:reply_link": (302,) * 6,  # to the page of the discussion that holds it
    "community:edit_reply": (LOGIN, 403, 200, 403, 403, 403),
    "community:delete_reply": (LOGIN, 403, 200, 403, 403, 403),
    "community:report_thread": MEMBERS,
    "community:report_reply": MEMBERS,
    "community:react_thread": POST_ONLY,
    "community:react_reply": POST_ONLY,
    "community:follow": POST_ONLY,
    "community:notifications": MEMBERS,
    "community:open_notification": (LOGIN, 404, 302, 404, 404, 404),  # patient's own only
    "community:support": ALL_200,
    "community:restrict": POST_ONLY,
    "community:lift_restriction": POST_ONLY,
    "community:moderate_thread": POST_ONLY,
    "community:moderate_reply": POST_ONLY,
    # Questions.
    "community:question_list": ALL_200,
    "community:ask": POSTERS,
    "community:similar": ALL_200,
    "community:question": ALL_200,
    "community:answer": POST_ONLY,
    "community:moderate_question": POST_ONLY,
    "community:edit_question": (LOGIN, 403, 200, 403, 403, 403),  # the asker is "patient"
    "community:promote": POST_ONLY,
    "community:accept": POST_ONLY,
    "community:moderate_answer": POST_ONLY,
}

# Our own views in the Wagtail admin. Members without admin access are sent to sign in.
ADMIN = {
    "/admin/moderation/": (LOGIN, LOGIN, LOGIN, 200, 302, 200),  # editors: to the dashboard
    "/admin/reports/overdue-reviews/": (LOGIN, LOGIN, LOGIN, 302, 200, 200),
    "/admin/reports/evidence-reports/": (LOGIN, LOGIN, LOGIN, 302, 200, 200),
    "/admin/import-article/": (LOGIN, LOGIN, LOGIN, 302, 200, 200),
    "/admin/reports/page-feedback/": (LOGIN, LOGIN, LOGIN, 302, 200, 200),
    "/admin/reports/page-feedback/comments/": (LOGIN, LOGIN, LOGIN, 302, 200, 200),
    "/admin/": (LOGIN, LOGIN, LOGIN, 200, 200, 200),
}


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, name) for every URL pattern of the site, outside the skipped prefixes."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}"


def path_for(route, name, paths, ids):
    """The address to GET for the URL pattern `route` named `name`, with its arguments filled
    in from the `world` fixture (tests/security/conftest.py); None for Wagtail's pages."""
    if name in paths:
        return paths[name]
    if name == "wagtail_serve":
        return None  # the page tree is walked separately
    path = "/" + route.lstrip("^").rstrip("$")
    kind = "reply" if "/r/" in path else "question" if path.startswith("/questions/") else "thread"
    return path.replace("<int:pk>", str(ids[kind])).replace("<slug:slug>", "x")


def status_for(client, path):
    return client.get(path).status_code


def test_every_url_has_an_expected_status_for_every_role():
    names = {name for _route, name in url_patterns()}

    assert names - set(EXPECTED) == set(), "new views need a row in EXPECTED"
    assert set(EXPECTED) - names == set(), "EXPECTED lists views that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    people, paths, ids = world
    if role != "anonymous":
        client.force_login(people[role])
    index = ROLES.index(role)
    wrong = {}
    for route, name in url_patterns():
        path = path_for(route, name, paths, ids)
        if path is None:
            continue
        status = status_for(client, path)
        if status != EXPECTED[name][index]:
            wrong[f"{name} {path}"] = status
        if name == "account_logout" and role != "anonymous":
            client.force_login(people[role])
    for path, statuses in ADMIN.items():
        status = status_for(client, path)
        if status != statuses[index]:
            wrong[path] = status
    # Every live page in the tree answers 200 to everyone; a draft is found by nobody.
    for page in Page.objects.live().filter(depth__gt=1).specific():
        status = status_for(client, page.url)
        if status != 200:
            wrong[page.url] = status

    assert wrong == {}


def test_unpublished_pages_are_not_served_to_anyone(client, world):
    people, _paths, _ids = world
    page = Page.objects.get(slug="microglia")
    page.unpublish()
    for role in ROLES:
        if role != "anonymous":
            client.force_login(people[role])
        assert client.get("/mechanisms/microglia/").status_code == 404, role


def test_a_member_cannot_act_on_objects_they_do_not_own(client, world):
    people, paths, ids = world
    stranger = UserFactory(username="stranger")
    client.force_login(stranger)
    thread, reply = ids["thread"], ids["reply"]

    attempts = {
        f"/community/t/{thread}/edit/": {"title": "Taken over", "body": "x"},
        f"/community/t/{thread}/delete/": {},
        f"/community/r/{reply}/edit/": {"body": "Taken over"},
        f"/community/r/{reply}/delete/": {},
        paths["community:edit_question"]: {"title": "Taken over entirely"},
        paths["community:accept"]: {},
        paths["community:lift_restriction"]: {},
        paths["community:restrict"]: {"kind": "ban", "reason": "x"},
        f"/questions/{ids['question']}/promote/": {},
    }
    for path, data in attempts.items():
        assert client.post(path, data).status_code == 403, path
    assert client.get(paths["accounts:export_download"]).status_code == 404
    assert client.get(f"/accounts/export/{uuid.uuid4()}/").status_code == 404

    from community.models import Question, Reply, Thread

    assert Thread.objects.get(pk=thread).title != "Taken over"
    assert Thread.objects.get(pk=thread).deleted_at is None
    assert Reply.objects.get(pk=reply).body != "Taken over"
    assert not Question.objects.filter(title="Taken over entirely").exists()
    assert Restriction.objects.filter(lifted_at__isnull=True).count() == 1
