"""What the readers app holds of a member, for "Download my data" and account deletion.

Registered with accounts.contributions in ReadersConfig.ready(). Saved articles (with the
last section read) and appointment sheets (with the member's own questions) are private and
have no reason to outlive the account: both are exported, and deleted with it. Answers to
"Was this page helpful?" are anonymous and point at no one, so there is nothing to add.
"""

from accounts.contributions import Contribution, register
from readers.models import AppointmentSheet, SavedArticle


def _iso(moment):
    return moment.isoformat() if moment else None


def export_saved_articles(user):
    return [
        {
            "title": saved.page.title,
            "url": saved.page.url,
            "saved_at": _iso(saved.saved_at),
            "last_section_read": saved.section,
            "last_read_at": _iso(saved.read_at),
        }
        for saved in SavedArticle.objects.filter(user=user)
        .select_related("page")
        .only("saved_at", "section", "read_at", "page__title", "page__url_path", "page__path")
        .order_by("pk")
    ]


def export_appointment_sheets(user):
    return [
        {
            "name": sheet.title,
            "articles": sorted(page.title for page in sheet.pages.all()),
            "questions": sheet.question_lines(),
            "created_at": _iso(sheet.created_at),
            "updated_at": _iso(sheet.updated_at),
        }
        for sheet in AppointmentSheet.objects.filter(user=user)
        .prefetch_related("pages")
        .order_by("pk")
    ]


def _delete(model):
    return lambda user: model.objects.filter(user=user).delete()[0]


def _count(model):
    return lambda user: model.objects.filter(user=user).count()


def register_contributions():
    for contribution in (
        Contribution(
            name="saved_articles",
            count=_count(SavedArticle),
            export=export_saved_articles,
            forget=_delete(SavedArticle),
            models=("readers.SavedArticle",),
        ),
        Contribution(
            name="appointment_sheets",
            count=_count(AppointmentSheet),
            export=export_appointment_sheets,
            forget=_delete(AppointmentSheet),
            models=("readers.AppointmentSheet",),
        ),
    ):
        register(contribution)
