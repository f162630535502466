"""Reading preferences (/preferences/): what a reader notices when they change how pages
look, and that pages stay the same bytes for everyone so the page cache stays shared."""

import pytest
from django.test import Client

from accounts.reading_preferences import COOKIE_NAME
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LARGER_DARK = {"text_size": "larger", "theme": "dark", "detail": "key-points", "motion": "reduce"}
LARGER_DARK_COOKIE = "text_size:larger|theme:dark|detail:key-points|motion:reduce"


def saved_cookie(response):
    return response.cookies[COOKIE_NAME]


def test_form_sets_the_cookie_for_a_visitor(client):
    response = client.post("/preferences/", LARGER_DARK, follow=True)

    cookie = client.cookies[COOKIE_NAME]
    assert cookie.value == LARGER_DARK_COOKIE
    assert cookie["samesite"] == "Lax" and not cookie["httponly"]
    assert int(cookie["max-age"]) >= 360 * 24 * 60 * 60
    assert "Saved." in response.content.decode()
    # The form now shows the reader's choice.
    assert 'value="larger" required id="id_text_size_2" checked' in response.content.decode()


def test_form_works_as_a_page_and_explains_itself(client):
    html = client.get("/preferences/").content.decode()

    assert "<h1>Reading preferences</h1>" in html
    assert "Text size" in html and "Same as my device" in html
    assert "Bigger text can be easier to read" in html
    assert "How much to show" in html and "Key points first" in html
    assert 'name="csrfmiddlewaretoken"' in html  # a plain form, no JavaScript needed


def test_key_points_choice_is_kept_for_visitors_and_shown_on_the_form(client):
    client.post("/preferences/", {**LARGER_DARK, "text_size": "normal"})

    assert "detail:key-points" in client.cookies[COOKIE_NAME].value
    html = client.get("/preferences/").content.decode()
    assert 'value="key-points" required id="id_detail_1" checked' in html


def test_an_older_cookie_without_detail_means_the_whole_article(client):
    client.cookies[COOKIE_NAME] = "text_size:large|theme:dark|motion:reduce"

    html = client.get("/preferences/").content.decode()

    assert 'value="full" required id="id_detail_0" checked' in html
    assert 'value="large" required id="id_text_size_1" checked' in html


def test_member_choice_is_saved_on_the_account(client, patient):
    client.force_login(patient)

    client.post("/preferences/", LARGER_DARK)

    patient.refresh_from_db()
    assert patient.reading_preferences == LARGER_DARK


def test_member_choice_comes_back_on_sign_in_from_another_client(client, patient):
    client.force_login(patient)
    client.post("/preferences/", LARGER_DARK)

    other = Client()  # another device: no cookie of its own
    response = other.post("/accounts/login/", {"login": patient.email, "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert saved_cookie(response).value == LARGER_DARK_COOKIE
    # The form on the new device shows the saved choice too.
    assert (
        'value="dark" required id="id_theme_2" checked'
        in other.get("/preferences/").content.decode()
    )


def test_member_cookie_is_refreshed_after_a_change_on_another_device(client, patient):
    client.force_login(patient)
    other = Client()
    other.force_login(patient)
    other.get("/")  # signed in before the change

    client.post("/preferences/", LARGER_DARK)
    response = other.get("/")

    assert saved_cookie(response).value.startswith("text_size:larger|theme:dark")
    assert COOKIE_NAME not in other.get("/").cookies  # once in step, not sent again


def test_member_without_preferences_keeps_the_browser_cookie(client, patient):
    client.cookies[COOKIE_NAME] = "text_size:large|theme:light|motion:system"
    client.force_login(patient)

    response = client.get("/")

    assert COOKIE_NAME not in response.cookies


def test_bad_values_give_an_error_and_change_nothing(client, patient):
    client.force_login(patient)
    client.post("/preferences/", LARGER_DARK)

    response = client.post("/preferences/", {**LARGER_DARK, "text_size": "huge", "theme": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. huge is not one of the available choices." in html
    assert "This field is required." in html
    assert COOKIE_NAME not in response.cookies
    patient.refresh_from_db()
    assert patient.reading_preferences == LARGER_DARK


def test_next_brings_the_reader_back(client):
    response = client.post("/preferences/", {**LARGER_DARK, "next": "/glossary/"}, follow=True)

    assert response.redirect_chain[-1][0] == "/preferences/?next=%2Fglossary%2F"
    assert '<a href="/glossary/">Back to the page you were reading</a>' in (
        response.content.decode()
    )


@pytest.mark.parametrize("address", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_next_to_another_host_is_refused(client, address):
    response = client.post("/preferences/", {**LARGER_DARK, "next": address}, follow=True)

    assert response.redirect_chain[-1][0] == "/preferences/"
    assert "evil.example" not in response.content.decode()
    assert "evil.example" not in client.get(f"/preferences/?next={address}").content.decode()


def test_page_html_is_identical_with_and_without_the_cookie(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # build both pages afresh, not one from the cache
    without = client.get("/").content
    client.cookies[COOKIE_NAME] = LARGER_DARK_COOKIE
    with_cookie = client.get("/").content

    assert with_cookie == without


def test_page_cache_is_shared_by_readers_with_and_without_the_cookie(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/mechanisms/microglia/")
    reader = Client()
    reader.cookies[COOKIE_NAME] = LARGER_DARK_COOKIE
    second = reader.get("/mechanisms/microglia/")

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_saving_member_preferences_keeps_the_page_cache(client, patient):
    from caching.pagecache import generation

    before = generation()
    client.force_login(patient)
    client.post("/preferences/", LARGER_DARK)

    assert generation() == before


def test_header_link_is_on_the_home_page(client, home_page):
    html = client.get("/").content.decode()

    assert '<a href="/preferences/?next=/">Reading preferences</a>' in html
    assert '<script src="/static/js/reading-prefs.js"></script>' in html
