from django.urls import include, path

from community import profile_views, qa_views, views

app_name = "community"

# Included at the site root: discussions live under /community/, Q&A under /questions/.
discussion_patterns = [
    path("", views.thread_list, name="index"),
    path("tags/<slug:tag>/", views.thread_list, name="tag"),
    path("new/", views.new_thread, name="new"),
    path("t/<int:pk>-<slug:slug>/", views.thread_detail, name="thread"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/edit/", views.edit_thread, name="edit_thread"),
    path("t/<int:pk>/delete/", views.delete_thread, name="delete_thread"),
    path("r/<int:pk>/", views.reply_link, name="reply_link"),
    path("r/<int:pk>/edit/", views.edit_reply, name="edit_reply"),
    path("r/<int:pk>/delete/", views.delete_reply, name="delete_reply"),
    path("t/<int:pk>/report/", views.report, {"kind": "thread"}, name="report_thread"),
    path("r/<int:pk>/report/", views.report, {"kind": "reply"}, name="report_reply"),
    path("t/<int:pk>/react/", views.react, {"kind": "thread"}, name="react_thread"),
    path("r/<int:pk>/react/", views.react, {"kind": "reply"}, name="react_reply"),
    path("follow/<str:kind>/<str:value>/", views.follow, name="follow"),
    path("notifications/", views.notification_list, name="notifications"),
    path("support/", views.support, name="support"),
    path("members/<str:username>/restrict/", views.restrict, name="restrict"),
    path("restrictions/<int:pk>/lift/", views.lift, name="lift_restriction"),
    path("t/<int:pk>/moderate/", views.moderate, {"kind": "thread"}, name="moderate_thread"),
    path("r/<int:pk>/moderate/", views.moderate, {"kind": "reply"}, name="moderate_reply"),
]

question_patterns = [
    path("", qa_views.question_list, name="question_list"),
    path("ask/", qa_views.ask, name="ask"),
    path("similar/", qa_views.similar_json, name="similar"),
    path("<int:pk>-<slug:slug>/", qa_views.question_detail, name="question"),
    path("<int:pk>/answer/", qa_views.answer, name="answer"),
    path("<int:pk>/moderate/", qa_views.moderate_question, name="moderate_question"),
    path("<int:pk>/edit/", qa_views.edit_question, name="edit_question"),
    path("<int:pk>/promote/", qa_views.promote, name="promote"),
    path("answers/<int:pk>/accept/", qa_views.accept, name="accept"),
    path("answers/<int:pk>/moderate/", qa_views.moderate_answer, name="moderate_answer"),
]

urlpatterns = [
    path("community/", include(discussion_patterns)),
    path("questions/", include(question_patterns)),
]

# Included under /members/ (the "members" namespace): a member's public page.
member_patterns = [
    path("<str:username>/", profile_views.profile, name="profile"),
]
