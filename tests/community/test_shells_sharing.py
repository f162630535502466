"""Members' shared pages (community/shells.py): one page for every plain member, with each
member's own parts filled in, never anyone else's, and who always gets a page of their own.
"""

import re

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from community import shells
from community.models import Reaction
from tests.community.shared_pages import HEADER, beyond_the_member, page, same_page, signed_in
from tests.factories import ReplyFactory, ThreadFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


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


def test_page_made_for_one_member_takes_the_replies_from_their_shared_copies(
    scene, patient, new_member
):
    from django.test.signals import template_rendered

    thread, own = scene["thread"], scene["own"]
    held = ReplyFactory(thread=thread, author=new_member, held_at=thread.created_at)
    page(signed_in(new_member), thread.get_absolute_url())  # copies of the replies kept
    rendered = []

    def count(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(count)
    try:
        as_author = page(signed_in(new_member), thread.get_absolute_url())
    finally:
        template_rendered.disconnect(count)

    assert HEADER not in as_author  # made for them: they have a reply awaiting review
    # Every reply, buttons and links included, is read from its copy, not rendered again:
    # only the thread's own reaction buttons are.
    assert "community/includes/reply_shared.html" not in rendered
    assert rendered.count("community/includes/reactions.html") == 1
    html = as_author.content.decode()
    assert f'href="/community/r/{held.pk}/edit/"' in html  # their own parts are still theirs
    assert f'href="/community/r/{own.pk}/edit/"' not in html
    assert "Awaiting review" in html
    mine = page(signed_in(patient), thread.get_absolute_url()).content.decode()
    assert f'href="/community/r/{own.pk}/edit/"' in mine
    assert 'class="reaction reaction--mine" aria-pressed="true">Helpful' in mine
    assert f'id="reply-{held.pk}"' not in mine


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
    # One query for the member's reactions and follows on the page, besides the member with
    # what they may do, the generation and the session (read from the database when there
    # is no Redis, as in these tests).
    queries = beyond_the_member(captured)
    assert len(queries) == 1
    assert "community_reaction" in queries[0] and "community_subscription" in queries[0]


def test_shared_page_hit_for_a_member_who_never_reacted_or_followed_needs_no_query(scene):
    thread, other = scene["thread"], scene["other"]
    reader = UserFactory(username="reader")
    client = signed_in(reader)
    page(client, thread.get_absolute_url())  # builds it (and reads the member once)

    with CaptureQueriesContext(connection) as captured:
        response = page(client, thread.get_absolute_url())

    assert response[HEADER] == "hit"
    assert beyond_the_member(captured) == []
    assert 'aria-pressed="true"' not in response.content.decode()

    # Their first reaction is shown on the next shared page, which asks again.
    reacted = client.post(f"/community/r/{other.pk}/react/", {"reaction": "helpful"})
    assert reacted.status_code == 302
    page(signed_in(UserFactory(username="another")), thread.get_absolute_url())  # rebuilt
    with CaptureQueriesContext(connection) as captured:
        response = page(client, thread.get_absolute_url())
    assert response[HEADER] == "hit"
    pressed = re.search(
        rf'action="/community/r/{other.pk}/react/".*?</form>', response.content.decode(), re.S
    )[0]
    assert 'aria-pressed="true">Helpful' in pressed
    assert any("community_reaction" in query["sql"] for query in captured)


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
