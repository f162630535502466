""" "Was this page helpful?": a quiet form at the end of every article that works on cached,
shared pages (no form token, no account), masks personal details, is rate limited, and
gives editors counts and comments per article in the admin, with CSV export."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from readers.masking import mask_personal_details
from readers.models import PageFeedback
from tests.factories import MechanismPageFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

URL = "/helpful/"
SUMMARY = "/admin/reports/page-feedback/"
COMMENTS = "/admin/reports/page-feedback/comments/"


@pytest.fixture
def strict_client():
    """A browser that sends no form token, as a visitor on a cached article page."""
    return Client(enforce_csrf_checks=True)


def test_page_feedback_form_ends_every_article_and_needs_no_token(client, sleep):
    response = client.get(sleep.url)

    form = soup(response).select_one(f"form[action='{URL}']")
    assert form["method"] == "post"
    assert {box["value"] for box in form.select("input[name=helpful]")} == {"yes", "no"}
    assert form.select_one("input[name=csrfmiddlewaretoken]") is None
    hint = soup(response).select_one("#helpful-comment-help").get_text()
    assert "personal details" in hint
    assert not response.cookies


def test_page_feedback_is_kept_without_an_account_or_a_token(strict_client, sleep):
    response = strict_client.post(URL, {"page": sleep.pk, "helpful": "yes", "comment": "Clear."})

    assert response.status_code == 200
    assert "Thank you" in response.text
    assert "no-store" in response["Cache-Control"]
    feedback = PageFeedback.objects.get()
    assert (feedback.page, feedback.helpful, feedback.comment) == (sleep, True, "Clear.")
    assert not response.cookies


def test_page_feedback_masks_email_addresses_and_phone_numbers(strict_client, sleep):
    comment = "Write to me at jo.bloggs@example.co.uk or ring 07700 900 123. PMID 12345678."

    strict_client.post(URL, {"page": sleep.pk, "helpful": "no", "comment": comment})

    stored = PageFeedback.objects.get().comment
    assert "jo.bloggs" not in stored and "07700" not in stored
    assert stored == (
        "Write to me at [email address removed] or ring [phone number removed]. PMID 12345678."
    )


def test_page_feedback_masking_leaves_plain_words_alone():
    assert mask_personal_details("The bit about sleep lost me.") == "The bit about sleep lost me."


def test_page_feedback_without_an_answer_asks_again_and_keeps_the_comment(strict_client, sleep):
    response = strict_client.post(URL, {"page": sleep.pk, "comment": "Too long for me."})

    assert response.status_code == 400
    assert "Please choose Yes or No." in response.text
    assert soup(response).select_one("#helpful-comment").get_text() == "Too long for me."
    assert not PageFeedback.objects.exists()


def test_page_feedback_from_another_site_is_refused(strict_client, sleep):
    response = strict_client.post(
        URL, {"page": sleep.pk, "helpful": "yes"}, HTTP_ORIGIN="https://elsewhere.example"
    )

    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_page_feedback_about_an_article_the_reader_may_not_see_is_not_kept(
    strict_client, members_only
):
    response = strict_client.post(URL, {"page": members_only.pk, "helpful": "yes"})

    assert response.status_code == 404
    assert "Members only" not in response.text
    assert not PageFeedback.objects.exists()


def test_page_feedback_is_rate_limited(strict_client, sleep, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "feedback": "2/h"}
    answer = {"page": sleep.pk, "helpful": "yes"}

    statuses = [strict_client.post(URL, answer).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert PageFeedback.objects.count() == 2


def test_page_feedback_only_answers_posts(client):
    assert client.get(URL).status_code == 405


def test_page_feedback_summary_counts_answers_per_article_latest_first(
    client, editor, sleep, nerves
):
    for helpful, comment in [(True, ""), (True, "Clear"), (False, "Too long")]:
        PageFeedback.objects.create(page=sleep, helpful=helpful, comment=comment)
    PageFeedback.objects.create(page=nerves, helpful=False)
    client.force_login(editor)

    response = client.get(SUMMARY)

    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")[:4]]
        for row in soup(response).select("table.listing tbody tr")
    ]
    assert rows == [["Small nerves", "0", "1", "0"], ["Sleep and pain", "2", "1", "2 comments"]]


def test_page_feedback_comments_are_newest_first_and_filter_by_article(
    client, editor, sleep, nerves
):
    PageFeedback.objects.create(page=sleep, helpful=False, comment="First")
    PageFeedback.objects.create(page=nerves, helpful=True, comment="Second")
    PageFeedback.objects.create(page=sleep, helpful=True, comment="Third")
    client.force_login(editor)

    everything = client.get(COMMENTS)
    only_sleep = client.get(COMMENTS, {"page": sleep.pk})

    def comments(response):
        return [row.select("td")[3].get_text() for row in soup(response).select("tbody tr")]

    assert comments(everything) == ["Third", "Second", "First"]
    assert comments(only_sleep) == ["Third", "First"]


def test_page_feedback_reports_export_csv(client, editor, sleep):
    PageFeedback.objects.create(page=sleep, helpful=False, comment="Ring [phone number removed]")
    client.force_login(editor)

    summary = client.get(SUMMARY, {"export": "csv"})
    comments = client.get(COMMENTS, {"export": "csv"})

    assert summary["Content-Type"].startswith("text/csv")
    summary_text = b"".join(summary.streaming_content).decode()
    assert "Article,Helpful,Not helpful,Comments,Latest answer" in summary_text
    assert "Sleep and pain,0,1,1," in summary_text
    comments_text = b"".join(comments.streaming_content).decode()
    assert "Sleep and pain,No,Ring [phone number removed]" in comments_text


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("patient", 302), ("moderator", 302), ("editor", 200)],
)
def test_page_feedback_reports_are_for_editors(client_as, role, expected):
    client = client_as(role)

    assert client.get(SUMMARY).status_code == expected
    assert client.get(COMMENTS).status_code == expected


def test_page_feedback_comments_report_query_budget_does_not_grow(client, editor, index):
    client.force_login(editor)

    def queries():
        for _ in range(2):
            client.get(COMMENTS)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(COMMENTS).status_code == 200
        return len(captured)

    PageFeedback.objects.create(page=MechanismPageFactory(parent=index), helpful=True)
    one = queries()
    for _ in range(10):
        PageFeedback.objects.create(page=MechanismPageFactory(parent=index), helpful=False)
    eleven = queries()

    assert one == eleven


def test_page_feedback_answer_and_summary_query_budgets_do_not_grow(
    client, strict_client, editor, index, sleep
):
    client.force_login(editor)

    def queries():
        counts = []
        for request in (
            lambda: client.get(SUMMARY),
            lambda: strict_client.post(URL, {"page": sleep.pk, "helpful": "yes"}),
        ):
            for _ in range(2):  # warm the per-process caches (site settings, fragments)
                request()
            with CaptureQueriesContext(connection) as captured:
                request()
            counts.append(len(captured))
        return counts

    PageFeedback.objects.create(page=sleep, helpful=False)
    one = queries()
    for _ in range(10):
        PageFeedback.objects.create(page=MechanismPageFactory(parent=index), helpful=True)
    eleven = queries()

    assert one == eleven
    assert eleven[1] <= 6


def test_page_feedback_form_keeps_the_article_in_the_visitors_page_cache(client, sleep, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/")  # the first page of a fresh site makes its settings, a change to pages

    first, second = client.get(sleep.url), client.get(sleep.url)

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert soup(second).select_one(f"form[action='{URL}']") is not None
