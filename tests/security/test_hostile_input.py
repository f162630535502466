"""Hostile input: cross-site-scripting payloads through every field that shows member text,
property-based tests of the Markdown renderer, and SQL-meta and over-long input (no 500)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.markdown import ALLOWED_TAGS, render_markdown
from community.models import Answer, Question, Report, Thread
from tests.factories import AnswerFactory, QuestionFactory, ThreadFactory, UserFactory
from tests.helpers import soup
from tests.security.hostile import XSS_CORPUS, executable_vectors

pytestmark = pytest.mark.django_db

PAGE_TAGS = ("form", "meta")  # the site's own search and post forms, and its meta tags


def assert_safe(response):
    assert response.status_code == 200, response.status_code
    assert executable_vectors(response.content.decode(), allow_tags=PAGE_TAGS) == []


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_hostile_text_in_every_community_field_is_shown_as_text(client, patient, payload):
    client.force_login(patient)
    client.post(
        "/community/new/",
        {"title": f"Thread {payload}"[:150], "body": f"Body {payload}", "tags": "safe topic"},
    )
    thread = Thread.objects.get()
    client.post(f"/community/t/{thread.pk}/reply/", {"body": f"Reply {payload}"})
    client.post("/questions/ask/", {"title": f"Question {payload}"[:150], "body": payload})
    question = Question.objects.get()
    Question.objects.filter(pk=question.pk).update(status="published")
    AnswerFactory(question=question, body=f"Answer {payload}")
    patient.bio = f"Bio {payload}"
    patient.save()
    tagged = ThreadFactory(title="Tagged", tags=[f"tag {payload}"[:40].lower()])

    for path in [
        thread.get_absolute_url(),
        "/community/",
        question.get_absolute_url(),
        "/questions/",
        f"/members/{patient.username}/",
        f"/community/tags/{tagged.tags.get().slug}/",
        f"/search/?q={payload}",
    ]:
        response = client.get(path, follow=True)
        assert_safe(response)
    # The text itself is kept and shown as text, escaped.
    heading = soup(client.get(thread.get_absolute_url())).find("h1").get_text()
    assert heading == thread.title


@pytest.mark.parametrize("payload", XSS_CORPUS[:12])
def test_hostile_report_details_are_safe_in_the_moderation_queue(
    client, patient, moderator, payload
):
    thread = ThreadFactory(title=f"Reported {payload}"[:150])
    client.force_login(patient)
    client.post(f"/community/t/{thread.pk}/report/", {"reason": "other", "details": payload})
    assert Report.objects.get().details == payload
    client.force_login(moderator)

    response = client.get("/admin/moderation/")

    assert response.status_code == 200
    html = response.content.decode()
    assert payload not in html or payload in ("' OR 1=1 --",)
    page = soup(response)
    for row in page.select("tbody tr"):
        assert executable_vectors(str(row)) == []


@pytest.mark.parametrize("payload", ["<script>x</script>", 'a"b', "jo@example", "robin;drop"])
def test_display_names_allow_no_markup(client, payload):
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "username": payload,
         "password1": "slow-mornings-2026", "password2": "slow-mornings-2026"},
    )  # fmt: skip

    from accounts.models import User

    assert not User.objects.filter(username=payload).exists()


FRAGMENTS = st.sampled_from(
    [
        "<script>", "</script>", "javascript:", "JaVaScRiPt:", "vbscript:", "data:text/html,",
        "onerror=", "onload=", "<img src=x ", "<svg", "<iframe", "[", "](", ")", "![", "<",
        ">", '"', "'", "&#", "&#x6a;", "\\", "`", "<a href=", "alert(1)", "\n", "  ", "*", "#",
        "<!--", "-->", "<style>", "expression(", "&lt;", "%3C",
    ]
)  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_markdown_output_never_contains_an_executable_vector(text):
    html = str(render_markdown(text))

    assert executable_vectors(html) == []
    tags = {tag.name for tag in soup_of(html).find_all(True)}
    assert tags <= ALLOWED_TAGS


def soup_of(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


LONG = "x" * 20_000
META = ["'", '"', "' OR '1'='1", "1; DROP TABLE community_thread; --", "%", "_", "\\", "\x00"]


@pytest.mark.parametrize("value", [*META, LONG])
def test_sql_meta_and_over_long_input_never_cause_a_server_error(client, patient, value):
    thread = ThreadFactory()
    question = QuestionFactory()
    client.force_login(patient)
    gets = [
        f"/search/?q={value}",
        f"/search/?q=glia&page={value}",
        f"/community/?page={value}&tag={value}",
        f"/community/?mechanism={value}",
        f"/questions/?mechanism={value}&page={value}",
        f"/questions/similar/?q={value}",
        f"/questions/ask/?title={value}",
        f"/community/new/?mechanism={value}",
    ]
    posts = [
        ("/community/new/", {"title": value, "body": value, "tags": value}),
        (f"/community/t/{thread.pk}/reply/", {"body": value, "quoted": value}),
        (f"/community/t/{thread.pk}/report/", {"reason": value, "details": value}),
        (f"/community/t/{thread.pk}/react/", {"reaction": value}),
        ("/questions/ask/", {"title": value, "body": value, "mechanisms": value}),
        (f"/questions/{question.pk}/answer/", {"body": value}),
        ("/accounts/profile/", {"bio": value, "email_notifications": value}),
    ]
    for path in gets:
        assert client.get(path).status_code < 500, path
    for path, data in posts:
        response = client.post(path, data)
        assert response.status_code < 500, path
    # Nothing over-long or malformed was stored.
    assert not Thread.objects.filter(body=LONG).exists()
    assert not Answer.objects.filter(body=LONG).exists()
    assert UserFactory._meta.model.objects.get(pk=patient.pk).bio != LONG


def test_held_posts_are_not_found_by_search(client, new_member):
    client.force_login(new_member)
    client.post("/community/new/", {"title": "Astrocytes and my flares", "body": "Held text"})
    assert Thread.objects.get().held_at is not None
    client.logout()

    page = client.get("/search/?q=astrocytes").content.decode()

    assert "Astrocytes and my flares" not in page


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/community/?tag=a\x00b", None),
        ("get", "/search/?q=\x00", None),
        ("post", "/accounts/login/", {"login": "a\x00@example.org", "password": "x"}),
    ],
)
def test_nul_characters_are_refused_before_the_database(client, method, path, data):
    response = getattr(client, method)(path, data) if data else client.get(path)

    assert response.status_code == 400
    assert "not allowed (NUL)" in response.content.decode()
