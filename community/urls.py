from django.urls import include, path

from community.views import (
    content_notes,
    discussions,
    drafts,
    moderation,
    muting,
    notifications,
    profiles,
    questions,
)

app_name = "community"

# Included at the site root: discussions live under /community/, Q&A under /questions/.
discussion_patterns = [
    path("", discussions.thread_list, name="index"),
    path("tags/<slug:tag>/", discussions.thread_list, name="tag"),
    path("new/", discussions.new_thread, name="new"),
    path("t/<int:pk>-<slug:slug>/", discussions.thread_detail, name="thread"),
    path("t/<int:pk>/reply/", discussions.reply, name="reply"),
    path("t/<int:pk>/edit/", discussions.edit_thread, name="edit_thread"),
    path("t/<int:pk>/delete/", discussions.delete_thread, name="delete_thread"),
    path("r/<int:pk>/", discussions.reply_link, name="reply_link"),
    path("r/<int:pk>/edit/", discussions.edit_reply, name="edit_reply"),
    path("r/<int:pk>/delete/", discussions.delete_reply, name="delete_reply"),
    path("t/<int:pk>/report/", discussions.report, {"kind": "thread"}, name="report_thread"),
    path("r/<int:pk>/report/", discussions.report, {"kind": "reply"}, name="report_reply"),
    path("t/<int:pk>/react/", discussions.react, {"kind": "thread"}, name="react_thread"),
    path("r/<int:pk>/react/", discussions.react, {"kind": "reply"}, name="react_reply"),
    path("follow/<str:kind>/<str:value>/", notifications.follow, name="follow"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/open/",
        notifications.open_notification,
        name="open_notification",
    ),
    path("support/", discussions.support, name="support"),
    path("drafts/", drafts.draft_list, name="drafts"),
    path("drafts/save/", drafts.autosave, name="autosave_draft"),
    path("drafts/<int:pk>/discard/", drafts.discard, name="discard_draft"),
    path("members/<str:username>/restrict/", moderation.restrict, name="restrict"),
    path("members/<str:username>/mute/", muting.mute, name="mute"),
    path("members/<str:username>/notes/", moderation.member_note, name="member_note"),
    path("muted/", muting.muted_list, name="muted"),
    path("content-notes/", content_notes.content_notes, name="content_notes"),
    path("restrictions/<int:pk>/lift/", moderation.lift, name="lift_restriction"),
    path("t/<int:pk>/moderate/", moderation.moderate, {"kind": "thread"}, name="moderate_thread"),
    path("t/<int:pk>/author/", moderation.reveal, {"kind": "thread"}, name="reveal_thread_author"),
    path("t/<int:pk>/summary/", moderation.summarise, name="summarise_thread"),
    path("t/<int:pk>/evidence/", moderation.evidence, name="thread_evidence"),
    path("r/<int:pk>/moderate/", moderation.moderate, {"kind": "reply"}, name="moderate_reply"),
]

question_patterns = [
    path("", questions.question_list, name="question_list"),
    path("ask/", questions.ask, name="ask"),
    path("similar/", questions.similar_json, name="similar"),
    path("<int:pk>-<slug:slug>/", questions.question_detail, name="question"),
    path("<int:pk>/answer/", questions.answer, name="answer"),
    path("<int:pk>/moderate/", questions.moderate_question, name="moderate_question"),
    path("<int:pk>/edit/", questions.edit_question, name="edit_question"),
    path("<int:pk>/promote/", questions.promote, name="promote"),
    path(
        "<int:pk>/author/",
        moderation.reveal,
        {"kind": "question"},
        name="reveal_question_author",
    ),
    path("answers/<int:pk>/accept/", questions.accept, name="accept"),
    path("answers/<int:pk>/moderate/", questions.moderate_answer, name="moderate_answer"),
]

urlpatterns = [
    path("community/", include(discussion_patterns)),
    path("questions/", include(question_patterns)),
]

# Included under /members/ (the "members" namespace): a member's public page.
member_patterns = [
    path("<str:username>/", profiles.profile, name="profile"),
]
