"""Abuse: rate limits on posting, reporting, search, suggestions, sign-in and sign-up (a calm
429 page, nothing changed), a honeypot on sign-up, and the security headers."""

import pytest

from community.models import Question, Reply, Report, Thread
from tests.factories import TEST_PASSWORD, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings, monkeypatch):
    """Small per-minute limits, on a clock that stands still: a test that ran across the turn
    of a minute would otherwise start counting again (the PostgreSQL run once did)."""
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    settings.RATE_LIMITS = {"post": "2/m", "report": "2/m", "search": "3/m", "similar": "3/m"}
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


def assert_calm_429(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "Please wait a moment" in text and "Nothing you sent was changed" in text


def test_posting_replies_is_limited_per_member(client, patient, tight_limits):
    thread = ThreadFactory()
    client.force_login(patient)
    for n in range(2):
        client.post(f"/community/t/{thread.pk}/reply/", {"body": f"Reply {n}"})

    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "One too many"})

    assert_calm_429(response)
    assert Reply.objects.filter(author=patient).count() == 2
    # Another member is not affected.
    client.force_login(UserFactory(username="someone-else"))
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "Hello"})
    assert Reply.objects.filter(body="Hello").exists()


def test_a_count_lost_from_the_cache_does_not_refuse_a_member(
    client, patient, tight_limits, monkeypatch
):
    """The database cache culls entries when full: a count dropped between django-ratelimit's
    add() and incr() must let the post through (the soak once saw a 429 from this)."""
    from django.core.cache import cache

    thread = ThreadFactory()
    client.force_login(patient)
    client.post(f"/community/t/{thread.pk}/reply/", {"body": "First"})

    real_add, real_incr = cache.add, cache.incr

    def add(key, *args, **kwargs):  # the count is there when add() looks …
        return False if key.startswith("rl:") else real_add(key, *args, **kwargs)

    def incr(key, *args, **kwargs):  # … and culled by the time incr() looks
        if key.startswith("rl:"):
            raise ValueError(f"Key '{key}' not found")
        return real_incr(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", add)
    monkeypatch.setattr(cache, "incr", incr)
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Second"})

    assert response.status_code == 302
    assert Reply.objects.filter(body="Second").exists()


def test_starting_threads_and_asking_share_the_posting_limit(client, patient, tight_limits):
    client.force_login(patient)
    client.post("/community/new/", {"title": "First thread", "body": "Text"})
    client.post("/questions/ask/", {"title": "What does a glial cell do?", "body": ""})

    response = client.post("/community/new/", {"title": "Third post", "body": "Text"})

    assert_calm_429(response)
    assert Thread.objects.count() == 1 and Question.objects.count() == 1
    assert client.get("/community/new/").status_code == 200  # reading the form is not limited


def test_reporting_is_limited(client, patient, tight_limits):
    client.force_login(patient)
    threads = [ThreadFactory() for _ in range(3)]
    for thread in threads[:2]:
        client.post(f"/community/t/{thread.pk}/report/", {"reason": "spam"})

    response = client.post(f"/community/t/{threads[2].pk}/report/", {"reason": "spam"})

    assert_calm_429(response)
    assert Report.objects.count() == 2


@pytest.mark.parametrize("path", ["/search/?q=microglia", "/questions/similar/?q=microglia"])
def test_search_and_suggestions_are_limited_per_visitor(client, tight_limits, path):
    for _ in range(3):
        assert client.get(path).status_code == 200

    assert_calm_429(client.get(path))
    other = client.get(path, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_search_limits_members_searching_not_reading_a_shared_page(client, tight_limits, patient):
    from articles.models import SiteSettings

    SiteSettings.load()  # as on a running site (made on first use, which moves the cache on)
    client.force_login(patient)
    for _ in range(6):  # the same search again: served from the members' shared page
        assert client.get("/search/?q=microglia").status_code == 200

    for word in ["sleep", "pain"]:
        assert client.get(f"/search/?q={word}").status_code == 200
    assert_calm_429(client.get("/search/?q=fatigue"))  # the fourth search that ran a query


def test_failed_sign_ins_lock_the_account_for_a_while(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,3/m/key"}
    UserFactory(username="target", email="target@example.org")
    for _ in range(3):
        client.post("/accounts/login/", {"login": "target@example.org", "password": "wrong"})

    response = client.post(
        "/accounts/login/", {"login": "target@example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code == 200  # the right password is refused too, for now
    assert "Too many failed login attempts" in response.content.decode()


def test_sign_in_requests_are_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    for _ in range(3):
        client.post("/accounts/login/", {"login": "a@example.org", "password": "wrong"})

    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()


def test_sign_up_is_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/m/ip"}
    for n in range(2):
        client.post("/accounts/signup/", {"email": f"new{n}@example.org", "username": f"new{n}"})

    response = client.post(
        "/accounts/signup/",
        {"email": "new9@example.org", "username": "new9",
         "password1": "slow-mornings-2026", "password2": "slow-mornings-2026"},
    )  # fmt: skip

    assert response.status_code == 429


def test_a_sign_up_bot_that_fills_the_honeypot_is_refused(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "bot@example.org",
            "username": "cheap-pills",
            "password1": "slow-mornings-2026",
            "password2": "slow-mornings-2026",
            "website": "https://spam.example/",
        },
    )

    assert response.status_code == 200
    assert "We could not create this account" in response.content.decode()
    from accounts.models import User

    assert not User.objects.filter(username="cheap-pills").exists()


def test_the_honeypot_is_invisible_to_people(client):
    page = client.get("/accounts/signup/").content.decode()

    assert 'type="hidden" name="website"' in page


def test_public_pages_send_the_security_headers(client, home_page):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_https_responses_carry_hsts_and_secure_cookies(client, settings, patient):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True

    page = client.get("/accounts/login/", secure=True)
    response = client.post(
        "/accounts/login/", {"login": patient.email, "password": TEST_PASSWORD}, secure=True
    )

    assert response.status_code == 302  # signed in
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_password_reset_requests_are_limited(client, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "2/m/ip"}
    UserFactory(username="forgetful", email="forgetful@example.org")
    for _ in range(2):
        client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})

    response = client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})

    assert response.status_code == 429
    assert len(mailoutbox) == 2
