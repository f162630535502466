"""Fixtures for the security tests: one object of each kind and a member of each role."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import DataExport
from community.models import Restriction
from tests.conftest import enrol_totp
from tests.factories import (
    AnswerFactory,
    NotificationFactory,
    QuestionFactory,
    ReplyFactory,
    ThreadFactory,
    UserFactory,
)


@pytest.fixture
def world(demo):
    """One object of each kind, owned by "patient", and a member of each role."""
    people = {
        "patient": UserFactory(username="patient", groups=["Patients"]),
        "moderator": UserFactory(username="moderator", groups=["Moderators"]),
        "editor": UserFactory(username="editor", groups=["Editors"]),
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "unconfirmed": UserFactory(username="unconfirmed", trusted_at=None),
    }
    EmailAddress.objects.filter(user=people["unconfirmed"]).update(verified=False)
    for name in ("moderator", "editor", "superuser"):
        enrol_totp(people[name])
    owner = people["patient"]
    thread = ThreadFactory(author=owner, tags=["sleep"])
    reply = ReplyFactory(thread=thread, author=owner)
    question = QuestionFactory(author=owner, status="rejected", published_at=None)
    published = QuestionFactory()
    answer = AnswerFactory(question=published)
    export = DataExport.objects.create(user=owner, status="ready")
    restriction = Restriction.objects.create(member=owner, kind="premoderate", reason="Test")
    notification = NotificationFactory(user=owner)
    from accounts.unsubscribe import unsubscribe_url

    paths = {
        "members:profile": f"/members/{owner.username}/",
        "accounts:export_download": f"/accounts/export/{export.token}/",
        "accounts:unsubscribe": unsubscribe_url(owner, "replies"),
        "account_confirm_email": "/accounts/confirm-email/not-a-key/",
        "account_reset_password_from_key": "/accounts/password/reset/key/1-not-a-key/",
        "community:tag": "/community/tags/sleep/",
        "community:thread": thread.get_absolute_url(),
        "community:question": published.get_absolute_url(),
        "community:follow": f"/community/follow/thread/{thread.pk}/",
        "community:restrict": f"/community/members/{owner.username}/restrict/",
        "community:mute": f"/community/members/{owner.username}/mute/",
        "community:member_note": f"/community/members/{owner.username}/notes/",
        "community:lift_restriction": f"/community/restrictions/{restriction.pk}/lift/",
        "community:edit_question": f"/questions/{question.pk}/edit/",
        "community:accept": f"/questions/answers/{answer.pk}/accept/",
        "community:moderate_answer": f"/questions/answers/{answer.pk}/moderate/",
        "community:open_notification": f"/community/notifications/{notification.pk}/open/",
    }
    ids = {"thread": thread.pk, "reply": reply.pk, "question": published.pk}
    return people, paths, ids
