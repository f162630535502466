"""Reading level: demo articles stay at a reading age of 11 to 14, and editors see the grade."""

import pytest
from bs4 import BeautifulSoup

from articles.models import MechanismPage
from articles.readability import TARGET_GRADE, measure
from tests.factories import MechanismIndexPageFactory, MechanismPageFactory

pytestmark = pytest.mark.django_db

HARD_TEXT = (
    "<p>Neuroinflammatory pathophysiological mechanisms, characterised predominantly by "
    "persistent microglial activation and consequent proinflammatory cytokine dysregulation, "
    "constitute a plausible explanatory framework for nociplastic hypersensitivity.</p>"
)


def test_demo_mechanism_pages_average_at_most_grade_eight():
    from articles.demo import seed_demo

    seed_demo()
    grades = {page.title: measure(page.plain_text()).grade for page in MechanismPage.objects.all()}

    mean = sum(grades.values()) / len(grades)
    print(f"\nFlesch-Kincaid grade per demo article (mean {mean:.1f}):")
    for title, grade in sorted(grades.items(), key=lambda item: item[1]):
        print(f"  {grade:5.1f}  {title}")
    assert len(grades) == 15
    assert mean <= TARGET_GRADE


def test_measure_tells_plain_from_hard_text():
    plain = measure(
        "Your nerves send messages to your brain. The brain decides how loud they feel."
    )
    hard = measure(BeautifulSoup(HARD_TEXT, "html.parser").get_text())

    assert not plain.too_hard
    assert hard.too_hard and hard.grade > 15
    assert measure("") is None


def test_readability_panel_warns_editors_about_hard_text(client, editor, home_page):
    index = MechanismIndexPageFactory(parent=home_page)
    easy = MechanismPageFactory(parent=index, slug="easy")
    hard = MechanismPageFactory(
        parent=index,
        slug="hard",
        body=[{"type": "paragraph", "value": HARD_TEXT}],
        summary="Nociplastic hypersensitivity mechanisms predominate.",
    )
    client.force_login(editor)

    easy_html = client.get(f"/admin/pages/{easy.pk}/edit/").content.decode()
    hard_html = client.get(f"/admin/pages/{hard.pk}/edit/").content.decode()

    assert "Good: at or below grade 8" in easy_html
    assert "This is above grade 8, which is hard going" in hard_html
