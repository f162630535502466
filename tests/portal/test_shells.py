"""Members' shared pages (portal/shells.py): one page for every plain member, with each
member's own parts filled in, never anyone else's."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import SiteSettings
from community import notifications
from community.models import Reaction
from portal import shells
from tests.factories import ReplyFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
HEADER = "X-Member-Page-Cache"


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def same_page(html):
    """The page with its form tokens (new for every request) set aside."""
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def site_settings(db):
    """The site's settings exist, as on any running site (Wagtail makes them on first use,
    which is a change like any other and would start a new generation mid-test)."""
    SiteSettings.load()


@pytest.fixture
def scene(patient):
    """A thread where `patient` wrote a reply, pressed "Helpful" on another, "Me too" on the
    thread, and follows the thread and its topic; `unconfirmed` has not confirmed their
    email address."""
    thread = ThreadFactory(tags=["sleep"])
    own = ReplyFactory(thread=thread, author=patient)
    other = ReplyFactory(thread=thread)
    Reaction.objects.create(user=patient, reply=other, kind=Reaction.Kind.HELPFUL)
    Reaction.objects.create(user=patient, thread=thread, kind=Reaction.Kind.ME_TOO)
    notifications.follow(patient, thread=thread)
    notifications.follow(patient, tag=thread.tags.get())
    unconfirmed = UserFactory(username="unconfirmed")
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    return {"thread": thread, "own": own, "other": other, "unconfirmed": unconfirmed}


@pytest.mark.parametrize("path_of", ["thread", "tag", "list", "search"])
def test_shared_page_is_what_a_fresh_page_would_be_for_each_member(
    settings, scene, patient, path_of
):
    thread = scene["thread"]
    path = {
        "thread": thread.get_absolute_url(),
        "tag": "/community/tags/sleep/",
        "list": "/community/",
        "search": "/search/?q=flares",
    }[path_of]
    readers = [patient, scene["unconfirmed"], UserFactory(username="reader")]
    settings.MEMBER_PAGE_CACHE_SECONDS = 0
    fresh = {user.pk: same_page(page(signed_in(user), path).content.decode()) for user in readers}
    assert len(set(fresh.values())) == 3  # each member's own page differs from the others'

    settings.MEMBER_PAGE_CACHE_SECONDS = 300
    served = []
    for user in [*readers, *reversed(readers)]:
        response = page(signed_in(user), path)
        served.append(response.get(HEADER))
        assert same_page(response.content.decode()) == fresh[user.pk], user
    assert served == ["miss", "hit", "hit", "hit", "hit", "hit"]


def test_shared_thread_page_shows_each_member_only_their_own_parts(settings, scene, patient):
    thread, own, other = scene["thread"], scene["own"], scene["other"]
    reader = UserFactory(username="reader")
    page(signed_in(reader), thread.get_absolute_url())  # builds the shared page

    mine = page(signed_in(patient), thread.get_absolute_url())
    assert mine[HEADER] == "hit"
    html = mine.content.decode()
    assert f'href="/community/r/{own.pk}/edit/"' in html
    assert f'href="/community/r/{other.pk}/edit/"' not in html
    pressed = re.findall(r'action="/community/r/(\d+)/react/".*?</form>', html, re.S)
    assert str(other.pk) in pressed
    assert 'class="reaction reaction--mine" aria-pressed="true">Helpful' in html
    assert "Following · stop" in html
    assert ">patient</a>" in html and ">reader</a>" not in html
    assert "<!--~" not in html

    theirs = page(signed_in(scene["unconfirmed"]), thread.get_absolute_url()).content.decode()
    assert "reaction--mine" not in theirs and 'aria-pressed="true"' not in theirs
    assert "/edit/" not in theirs
    assert "Follow this discussion" in theirs
    assert 'id="reply-heading"' not in theirs  # may not post: no reply form
    assert ">unconfirmed</a>" in theirs
    assert 'id="reply-heading"' in html


def test_form_token_in_a_shared_page_is_the_members_own(scene, patient):
    thread, other = scene["thread"], scene["other"]
    reader = UserFactory(username="reader")
    page(signed_in(patient), thread.get_absolute_url())
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = page(client, thread.get_absolute_url())
    assert response[HEADER] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]

    reacted = client.post(
        f"/community/r/{other.pk}/react/", {"reaction": "me_too", "csrfmiddlewaretoken": token}
    )

    assert reacted.status_code == 302
    assert Reaction.objects.filter(user=reader, reply=other, kind="me_too").exists()


def test_change_shows_at_once_on_a_shared_page(scene, patient):
    thread = scene["thread"]
    reader = signed_in(UserFactory(username="reader"))
    assert page(reader, thread.get_absolute_url())[HEADER] == "miss"
    assert page(reader, thread.get_absolute_url())[HEADER] == "hit"

    ReplyFactory(thread=thread, body="A brand new reply about pacing.")

    response = page(reader, thread.get_absolute_url())
    assert response[HEADER] == "miss"
    assert "A brand new reply about pacing." in response.content.decode()


def test_moderators_staff_and_members_with_a_waiting_post_get_their_own_page(
    scene, moderator, editor, new_member
):
    thread = scene["thread"]
    readers = [UserFactory(username="reader"), UserFactory(username="reader2")]
    page(signed_in(readers[0]), thread.get_absolute_url())
    held = ReplyFactory(thread=thread, author=new_member, held_at=thread.created_at)
    page(signed_in(readers[0]), thread.get_absolute_url())

    as_moderator = page(signed_in(moderator), thread.get_absolute_url())
    as_editor = page(signed_in(editor), thread.get_absolute_url())
    as_author = page(signed_in(new_member), thread.get_absolute_url())

    assert HEADER not in as_moderator and "Moderator tools" in as_moderator.content.decode()
    assert HEADER not in as_editor
    assert HEADER not in as_author
    assert f'id="reply-{held.pk}"' in as_author.content.decode()
    others = page(signed_in(readers[1]), thread.get_absolute_url())
    assert others[HEADER] == "hit" and f'id="reply-{held.pk}"' not in others.content.decode()


def test_member_with_a_message_waiting_gets_a_fresh_page_that_shows_it(scene, patient):
    thread = scene["thread"]
    client = signed_in(patient)
    posted = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Pacing helps me too."})
    page(signed_in(UserFactory(username="reader")), thread.get_absolute_url())  # shared again

    response = page(client, posted["Location"])

    assert HEADER not in response
    assert "Your post is published." in response.content.decode()
    assert page(client, thread.get_absolute_url())[HEADER] == "hit"  # once it was shown


def test_hidden_thread_page_of_its_author_is_never_shared(scene, patient, moderator):
    thread = ThreadFactory(author=patient)
    thread.hidden_at, thread.hidden_reason = thread.created_at, "Off topic"
    thread.save()

    response = page(signed_in(patient), thread.get_absolute_url())

    assert response.get(HEADER) is None
    assert "A moderator hid this discussion: Off topic" in response.content.decode()


def test_shared_page_hit_reads_the_members_reactions_and_follows_in_one_query(scene, patient):
    thread = scene["thread"]
    for _ in range(30):
        ReplyFactory(thread=thread)
    client = signed_in(patient)
    page(client, thread.get_absolute_url())  # builds it (and reads the member once)

    with CaptureQueriesContext(connection) as captured:
        response = page(client, thread.get_absolute_url())

    assert response[HEADER] == "hit"
    # One query for the member's reactions and follows on the page (and the session, read
    # from the database when there is no Redis, as in these tests).
    queries = [query["sql"] for query in captured if "django_session" not in query["sql"]]
    assert len(queries) == 1
    assert "community_reaction" in queries[0] and "community_subscription" in queries[0]


def test_personal_tag_refuses_unknown_kinds_and_nesting():
    with pytest.raises(TemplateSyntaxError, match="no kind called 'mine'"):
        Template('{% load portal_tags %}{% personal "mine" %}x{% endpersonal %}')
    nested = Template(
        '{% load portal_tags %}{% personal "can-post" %}'
        '{% personal "own" 1 %}x{% endpersonal %}{% endpersonal %}'
    )
    with pytest.raises(TemplateSyntaxError, match="cannot be nested"):
        nested.render(Context({}))


def test_fill_keeps_each_part_for_the_right_member(rf, patient):
    html = Template(
        '{% load portal_tags %}{% personal "own" author %}Edit{% otherwise %}Report'
        "{% endpersonal %}|{% form_token %}"
    )
    request = rf.get("/")
    request.user = patient

    mine = shells.fill(request, html.render(Context({"author": patient.pk})))
    theirs = shells.fill(request, html.render(Context({"author": patient.pk + 1})))

    assert mine.startswith("Edit|") and theirs.startswith("Report|")
    assert re.search(r'value="\w{64}"', mine)
    assert "<!--~" not in mine + theirs


def test_new_release_forgets_shared_pages(scene, patient):
    from django.core.management.sql import emit_post_migrate_signal

    reader = signed_in(UserFactory(username="reader"))
    page(reader, scene["thread"].get_absolute_url())
    assert page(reader, scene["thread"].get_absolute_url())[HEADER] == "hit"

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # as `migrate` does

    assert page(reader, scene["thread"].get_absolute_url())[HEADER] == "miss"


def test_hole_markers_written_by_a_member_stay_text(scene, patient):
    thread = scene["thread"]
    ReplyFactory(thread=thread, body="Look: <!--~put:csrf--> and <!--~if:own:1-->x<!--~end-->")
    reader = signed_in(UserFactory(username="reader"))
    page(reader, thread.get_absolute_url())

    html = page(reader, thread.get_absolute_url()).content.decode()

    assert "&lt;!--~put:csrf--&gt;" in html  # shown as written, in the reply
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    assert html.count(token) == html.count('name="csrfmiddlewaretoken"')  # only in forms
