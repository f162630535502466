"""/appointment/: anyone picks articles and writes questions and gets a one-page sheet (and
its PDF); nothing a visitor types is kept; members save sheets and open them again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readers.models import AppointmentSheet
from tests.factories import MechanismPageFactory, UserFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

URL = "/appointment/"


def sheet_text(response):
    return soup(response).select_one(".sheet").get_text(" ", strip=True)


def test_appointment_form_offers_the_articles_a_visitor_may_see(
    client, sleep, nerves, members_only
):
    response = client.get(URL)

    assert response.status_code == 200
    labels = [label.get_text(strip=True) for label in soup(response).select(".choice-list label")]
    assert labels == ["Sleep and pain", "Small nerves"]
    assert soup(response).select_one("textarea[name=questions]") is not None
    assert soup(response).select_one("form.appointment-form")["method"] == "get"


def test_appointment_form_offers_members_the_articles_they_may_see(client, patient, members_only):
    client.force_login(patient)

    response = client.get(URL)

    assert "Members only study" in response.text


def test_appointment_sheet_shows_each_article_and_the_questions(client, sleep, nerves):
    questions = "Could poor sleep be part of it?\n\nIs a sleep study worth it?"

    response = client.get(URL, {"pages": [sleep.pk, nerves.pk], "questions": questions})

    text = sheet_text(response)
    assert "Sleep and pain" in text and "Small nerves" in text
    assert "Poor sleep and pain feed each other." in text
    assert "A steady bedtime can help." in text  # the callout, its link unwrapped
    assert "Strong hypothesis" in text
    assert sleep.last_reviewed.strftime("%B %Y") in text
    questions = [item.get_text(strip=True) for item in soup(response).select(".sheet__question")]
    assert questions == ["Could poor sleep be part of it?", "Is a sleep study worth it?"]
    assert soup(response).select_one(".sheet a[href^='https']") is None


def test_appointment_sheet_leaves_out_a_restricted_article_named_in_the_address(
    client, sleep, members_only, clinic_only, patient
):
    response = client.get(URL, {"pages": [sleep.pk, members_only.pk, clinic_only.pk]})

    assert response.status_code == 200
    assert "Sleep and pain" in sheet_text(response)
    assert "Members only" not in response.text and "Hidden." not in response.text
    client.force_login(patient)
    assert "Clinic circle" not in client.get(URL, {"pages": [clinic_only.pk]}).text


def test_appointment_sheet_is_kept_by_no_cache_and_stores_nothing(client, sleep):
    response = client.get(URL, {"pages": [sleep.pk], "questions": "Why do I ache at night?"})

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    assert AppointmentSheet.objects.count() == 0
    assert "sessionid" not in client.cookies


def test_appointment_sheet_without_a_choice_asks_for_one_and_keeps_nothing_lost(client, sleep):
    response = client.get(URL, {"questions": ""})

    assert "Choose at least one article, or write a question." in response.text
    assert soup(response).select_one(".sheet") is None


def test_appointment_sheet_questions_alone_make_a_sheet(client, sleep):
    response = client.get(URL, {"questions": "What can I try for fatigue?"})

    assert "What can I try for fatigue?" in sheet_text(response)


def test_appointment_sheet_from_an_article_starts_with_that_article_ticked(client, sleep, nerves):
    response = client.get(URL, {"add": sleep.pk})

    ticked = [box["value"] for box in soup(response).select("input[name=pages][checked]")]
    assert ticked == [str(sleep.pk)]
    assert soup(response).select_one(".sheet") is None


def test_appointment_pdf_is_the_same_sheet_as_a_pdf_download(client, sleep):
    response = client.get(
        URL, {"pages": [sleep.pk], "questions": "Is this normal?", "format": "pdf"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_appointment_pdf_link_on_the_sheet_asks_for_the_same_choice(client, sleep):
    response = client.get(URL, {"pages": [sleep.pk], "questions": "Is this normal?"})

    link = soup(response).find("a", string="Download the sheet as a PDF")["href"]
    assert "format=pdf" in link and f"pages={sleep.pk}" in link and "Is+this+normal" in link


def test_appointment_pdf_is_rate_limited(client, sleep, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "appointment_pdf": "1/h"}
    query = {"pages": [sleep.pk], "format": "pdf"}

    assert client.get(URL, query).status_code == 200
    assert client.get(URL, query).status_code == 429


def test_appointment_visitors_see_no_save_form(client, sleep):
    response = client.get(URL, {"pages": [sleep.pk]})

    assert soup(response).select_one("form[action='/accounts/saved/sheets/save/']") is None


def test_appointment_member_saves_a_sheet_and_opens_it_again(client, patient, sleep, nerves):
    client.force_login(patient)
    made = client.get(URL, {"pages": [sleep.pk], "questions": "First question\nSecond one"})
    assert soup(made).select_one("form[action='/accounts/saved/sheets/save/']") is not None

    response = client.post(
        "/accounts/saved/sheets/save/",
        {"pages": [sleep.pk], "questions": "First question\nSecond one", "name": "Rheumatology"},
    )

    sheet = AppointmentSheet.objects.get(user=patient)
    assert response.status_code == 302 and response["Location"] == f"{URL}?sheet={sheet.pk}"
    assert sheet.name == "Rheumatology" and list(sheet.pages.all()) == [sleep]
    opened = client.get(response["Location"])
    assert "Rheumatology" in sheet_text(opened) and "Second one" in sheet_text(opened)
    assert "Rheumatology" in client.get("/accounts/saved/").text


def test_appointment_member_changes_their_saved_sheet(client, patient, sleep, nerves):
    sheet = AppointmentSheet.objects.create(user=patient, name="GP", questions="Old")
    client.force_login(patient)

    client.post(
        "/accounts/saved/sheets/save/",
        {"sheet": sheet.pk, "pages": [nerves.pk], "questions": "New", "name": "GP"},
    )

    sheet.refresh_from_db()
    assert AppointmentSheet.objects.count() == 1
    assert sheet.questions == "New" and list(sheet.pages.all()) == [nerves]


def test_appointment_sheet_of_another_member_is_not_found(client, patient, sleep):
    sheet = AppointmentSheet.objects.create(user=UserFactory(), questions="Private")
    client.force_login(patient)

    assert client.get(URL, {"sheet": sheet.pk}).status_code == 404
    assert client.get(URL, {"sheet": sheet.pk, "format": "pdf"}).status_code == 404
    saving = client.post("/accounts/saved/sheets/save/", {"sheet": sheet.pk, "questions": "x"})
    assert saving.status_code == 404
    client.post("/accounts/saved/sheets/delete/", {"sheet": sheet.pk})
    assert AppointmentSheet.objects.filter(pk=sheet.pk).exists()


def test_appointment_saved_sheet_asks_a_visitor_to_sign_in(client, patient):
    sheet = AppointmentSheet.objects.create(user=patient, questions="Private")

    response = client.get(URL, {"sheet": sheet.pk})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_appointment_member_deletes_a_saved_sheet(client, patient):
    sheet = AppointmentSheet.objects.create(user=patient, questions="Done")
    client.force_login(patient)

    response = client.post("/accounts/saved/sheets/delete/", {"sheet": sheet.pk})

    assert response.status_code == 302
    assert not AppointmentSheet.objects.filter(pk=sheet.pk).exists()


def test_appointment_sheet_query_budget_does_not_grow_with_articles(client, index, sleep):
    def queries(pages):
        for _ in range(2):  # warm the per-process caches (site settings, fragments)
            client.get(URL, {"pages": [page.pk for page in pages], "questions": "Q"})
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"pages": [page.pk for page in pages], "questions": "Q"})
        assert response.status_code == 200
        return len(captured)

    one = queries([sleep])
    more = [MechanismPageFactory(parent=index, body=sleep.body.raw_data) for _ in range(8)]
    nine = queries([sleep, *more])

    assert one == nine <= 5


def test_appointment_pdf_of_three_articles_and_five_questions_fits_on_one_page(index, sleep):
    from readers.appointment import sheet_articles, visible_articles
    from readers.pdf import sheet_document

    summary = (
        "Many people with fibromyalgia sleep lightly and wake up tired. Poor sleep makes pain "
        "feel stronger, and pain makes it harder to sleep. Studies suggest that improving "
        "sleep can ease pain a little for some people, but it is not a cure."
    )  # about as long as the demo articles' summaries
    pages = [
        MechanismPageFactory(parent=index, summary=summary, body=sleep.body.raw_data)
        for _ in range(3)
    ]
    articles = sheet_articles(visible_articles(None), [page.pk for page in pages])
    questions = [f"Question number {n} about what I read and how it fits me?" for n in range(5)]

    document = sheet_document({"articles": articles, "questions": questions})

    assert len(document.pages) == 1


def test_appointment_sheet_is_never_put_in_the_visitors_page_cache(client, sleep, settings):
    settings.PAGE_CACHE_SECONDS = 300
    query = {"pages": [sleep.pk], "questions": "Private question"}

    first, second = client.get(URL, query), client.get(URL, query)

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert client.get(URL)["X-Page-Cache"] == "miss"  # the empty form is the same for all
