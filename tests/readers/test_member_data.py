""" "Download my data" includes a member's saved articles and appointment sheets, and deleting
the account deletes them; feedback points at no one."""

import pytest

from accounts.services import delete_account, export_member_data
from readers.models import AppointmentSheet, PageFeedback, SavedArticle

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(patient, sleep, nerves):
    SavedArticle.objects.create(
        user=patient, page=sleep, section="Why sleep matters", anchor="read-why"
    )
    sheet = AppointmentSheet.objects.create(
        user=patient, name="Pain clinic", questions="Is this normal?\nWhat next?"
    )
    sheet.pages.set([sleep, nerves])
    return patient


def test_member_data_export_has_saved_articles_and_appointment_sheets(keeper, sleep):
    data = export_member_data(keeper)

    assert data["saved_articles"] == [
        {
            "title": "Sleep and pain",
            "url": sleep.url,
            "saved_at": SavedArticle.objects.get().saved_at.isoformat(),
            "last_section_read": "Why sleep matters",
            "last_read_at": None,
        }
    ]
    (sheet,) = data["appointment_sheets"]
    assert sheet["name"] == "Pain clinic"
    assert sheet["articles"] == ["Sleep and pain", "Small nerves"]
    assert sheet["questions"] == ["Is this normal?", "What next?"]


def test_member_data_deleting_the_account_deletes_saved_articles_and_sheets(keeper, sleep):
    PageFeedback.objects.create(page=sleep, helpful=True, comment="Anonymous")

    delete_account(keeper)

    assert not SavedArticle.objects.exists()
    assert not AppointmentSheet.objects.exists()
    assert PageFeedback.objects.count() == 1  # anonymous: nobody's to delete
