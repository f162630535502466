from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("welcome/", views.welcome, name="welcome"),
    path("profile/", views.settings_view, name="settings"),
    path("display-name/", views.display_name_view, name="display_name"),
    path("export/", views.export_view, name="export"),
    path("export/<uuid:token>/", views.export_download, name="export_download"),
    path("delete/", views.delete_view, name="delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
