"""The readers app's addresses: the appointment sheet, "Was this page helpful?", and a
member's saved articles and sheets under /accounts/saved/ (included from portal/urls.py
with `path("", include("readers.urls"))`)."""

from django.urls import path

from readers.views import appointment, feedback, saved

app_name = "readers"

urlpatterns = [
    path("appointment/", appointment.appointment, name="appointment"),
    path("helpful/", feedback.helpful, name="helpful"),
    path("accounts/saved/", saved.saved_list, name="saved"),
    path("accounts/saved/save/", saved.save_article, name="save_article"),
    path("accounts/saved/remove/", saved.remove_article, name="remove_article"),
    path("accounts/saved/place/", saved.reading_place, name="reading_place"),
    path("accounts/saved/state/", saved.saved_state, name="saved_state"),
    path("accounts/saved/sheets/save/", appointment.save_sheet, name="save_sheet"),
    path("accounts/saved/sheets/delete/", appointment.delete_sheet, name="delete_sheet"),
]
