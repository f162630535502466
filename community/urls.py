from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("", views.thread_list, name="index"),
    path("tags/<slug:tag>/", views.thread_list, name="tag"),
    path("new/", views.new_thread, name="new"),
    path("t/<int:pk>-<slug:slug>/", views.thread_detail, name="thread"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/edit/", views.edit_thread, name="edit_thread"),
    path("t/<int:pk>/delete/", views.delete_thread, name="delete_thread"),
    path("r/<int:pk>/edit/", views.edit_reply, name="edit_reply"),
    path("r/<int:pk>/delete/", views.delete_reply, name="delete_reply"),
    path("t/<int:pk>/report/", views.report, {"kind": "thread"}, name="report_thread"),
    path("r/<int:pk>/report/", views.report, {"kind": "reply"}, name="report_reply"),
    path("t/<int:pk>/react/", views.react, {"kind": "thread"}, name="react_thread"),
    path("r/<int:pk>/react/", views.react, {"kind": "reply"}, name="react_reply"),
    path("follow/<str:kind>/<str:value>/", views.follow, name="follow"),
    path("notifications/", views.notification_list, name="notifications"),
    path("t/<int:pk>/moderate/", views.moderate, {"kind": "thread"}, name="moderate_thread"),
    path("r/<int:pk>/moderate/", views.moderate, {"kind": "reply"}, name="moderate_reply"),
]
