"""articles.visibility: which pages a reader may see, and the places that ask it.

Wagtail's three view restrictions (signed-in members, a shared password, chosen groups) are
honoured in every list of pages as Wagtail honours them when it serves the page, for
restrictions on the page itself and on any ancestor, in a fixed number of queries.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from articles.models import MechanismPage, SiteSettings
from articles.visibility import (
    may_see,
    reader_key,
    restricted_pages_exist,
    visible_pages,
    visible_to,
)
from caching.generation import invalidate
from tests.factories import (
    ContentPageFactory,
    MechanismIndexPageFactory,
    MechanismPageFactory,
    QuestionFactory,
    ThreadFactory,
    UserFactory,
)
from tests.helpers import soup

pytestmark = pytest.mark.django_db

VISITOR = AnonymousUser()


def restrict(page, kind, groups=()):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="open sesame" if kind == "password" else ""
    )
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def circle(db):
    return Group.objects.create(name="Clinic circle")


@pytest.fixture
def tree(home_page):
    """An index with one open article and one article per kind of restriction."""
    index = MechanismIndexPageFactory(parent=home_page)
    pages = {
        name: MechanismPageFactory(parent=index, title=name.title(), slug=name)
        for name in ("open", "login", "groups", "password")
    }
    pages["index"] = index
    return pages


@pytest.fixture
def restricted(tree, circle):
    restrict(tree["login"], "login")
    restrict(tree["groups"], "groups", [circle])
    restrict(tree["password"], "password")
    return tree


def slugs(user):
    return set(visible_to(MechanismPage.objects, user).values_list("slug", flat=True))


def test_visible_to_gives_a_visitor_exactly_wagtails_live_public_pages(restricted):
    wagtails = set(MechanismPage.objects.live().public().values_list("slug", flat=True))

    assert slugs(VISITOR) == wagtails == {"open"}
    assert slugs(None) == {"open"}


def test_visible_to_shows_a_login_restricted_page_to_any_signed_in_member(restricted):
    assert slugs(UserFactory()) == {"open", "login"}


def test_visible_to_shows_a_groups_restricted_page_only_to_members_of_its_groups(
    restricted, circle
):
    inside = UserFactory(groups=["Patients", circle.name])
    outside = UserFactory(groups=["Patients", "Editors"])

    assert slugs(inside) == {"open", "login", "groups"}
    assert slugs(outside) == {"open", "login"}


def test_visible_to_shows_a_groups_restricted_page_to_superusers_as_wagtail_serves_it(
    restricted,
):
    assert slugs(UserFactory(is_superuser=True)) == {"open", "login", "groups"}


def test_visible_to_never_lists_a_password_restricted_page_even_to_a_superuser(restricted):
    for user in (VISITOR, UserFactory(), UserFactory(is_superuser=True)):
        assert "password" not in slugs(user)


def test_visible_to_treats_an_inactive_member_as_a_visitor(restricted):
    assert slugs(UserFactory(is_active=False)) == {"open"}


def test_visible_to_hides_every_page_below_a_restricted_ancestor(tree, circle):
    restrict(tree["index"], "groups", [circle])
    member = UserFactory(groups=["Patients", circle.name])

    assert slugs(VISITOR) == set()
    assert slugs(UserFactory()) == set()
    assert slugs(member) == {"open", "login", "groups", "password"}


def test_visible_to_hides_a_page_whose_own_restriction_is_passed_under_one_that_is_not(tree):
    restrict(tree["index"], "password")
    restrict(tree["login"], "login")

    assert slugs(UserFactory()) == set()


def test_visible_to_leaves_out_drafts(tree):
    tree["open"].unpublish()

    assert "open" not in slugs(UserFactory(is_superuser=True))


@pytest.mark.parametrize("restrictions", [1, 6])
def test_visible_to_reads_the_restrictions_in_one_query_however_many_there_are(
    home_page, circle, django_assert_num_queries, restrictions
):
    index = MechanismIndexPageFactory(parent=home_page)
    for number in range(restrictions):
        page = MechanismPageFactory(parent=index)
        restrict(page, ["login", "groups", "password"][number % 3], [circle])
    member = UserFactory(groups=["Patients", circle.name])

    with django_assert_num_queries(1):
        found = visible_to(MechanismPage.objects, member)
    with django_assert_num_queries(1):
        list(found)


def test_visible_pages_and_may_see_agree_with_visible_to(restricted, circle):
    pages = list(Page.objects.filter(depth__gt=2).order_by("path"))
    readers = [
        VISITOR,
        UserFactory(),
        UserFactory(groups=[circle.name]),
        UserFactory(is_superuser=True),
    ]
    for reader in readers:
        expected = set(visible_to(Page.objects, reader).values_list("pk", flat=True))

        assert {page.pk for page in visible_pages(pages, reader)} == expected & {
            page.pk for page in pages
        }
        assert {page.pk for page in pages if may_see(page, reader)} == expected & {
            page.pk for page in pages
        }


def test_visible_pages_of_an_empty_list_asks_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert visible_pages([None], UserFactory.build()) == []


def test_reader_key_is_empty_for_visitors_and_for_members_who_may_see_nothing_more(tree, circle):
    restrict(tree["groups"], "groups", [circle])
    restrict(tree["password"], "password")

    assert reader_key(VISITOR) == reader_key(None) == ""
    assert reader_key(UserFactory()) == ""


def test_reader_key_is_shared_by_members_who_may_see_the_same_pages(restricted, circle):
    first, second = UserFactory(groups=[circle.name]), UserFactory(groups=[circle.name])
    plain = UserFactory()

    assert reader_key(first) == reader_key(second) != ""
    assert reader_key(plain) == reader_key(UserFactory(groups=["Patients"])) != ""
    assert len(reader_key(first)) <= 16


def test_reader_key_tells_a_group_member_from_a_member_outside_the_group(restricted, circle):
    assert reader_key(UserFactory(groups=[circle.name])) != reader_key(UserFactory())


def test_reader_key_ignores_a_passed_restriction_inside_a_section_the_member_may_not_see(
    tree, circle
):
    restrict(tree["index"], "password")
    restrict(tree["groups"], "groups", [circle])

    assert reader_key(UserFactory(groups=[circle.name])) == reader_key(UserFactory()) == ""


def test_reader_key_asks_nothing_for_a_visitor_and_one_query_for_a_member(
    restricted, django_assert_num_queries
):
    member = UserFactory()

    with django_assert_num_queries(0):
        reader_key(VISITOR)
    with django_assert_num_queries(1):
        reader_key(member)


def test_restricted_pages_exist_says_whether_any_page_is_restricted(tree):
    assert not restricted_pages_exist()

    restrict(tree["login"], "login")

    assert restricted_pages_exist()


# --- The places that ask ----------------------------------------------------------------------


def nav_labels(response):
    nav = soup(response).find("nav", attrs={"aria-label": "Main"})
    return [a.get_text(strip=True) for a in nav.find_all("a")]


def test_the_navigation_shows_a_restricted_menu_page_only_to_readers_who_may_see_it(
    client, demo, patient
):
    corner = ContentPageFactory(
        parent=demo_home(), title="Members corner", slug="corner", show_in_menus=True
    )
    restrict(corner, "login")

    assert "Members corner" not in nav_labels(client.get("/"))
    client.force_login(patient)
    assert "Members corner" in nav_labels(client.get("/"))
    client.logout()
    assert "Members corner" not in nav_labels(client.get("/"))


def test_joining_or_leaving_a_group_changes_the_restricted_pages_on_the_next_page(
    client, demo, patient
):
    """Each worker keeps what a member may see while the page generation stays the same;
    joining a group, leaving it and the group's deletion each move it on."""
    circle = Group.objects.create(name="Clinic circle")
    corner = ContentPageFactory(
        parent=demo_home(), title="Circle corner", slug="circle", show_in_menus=True
    )
    restrict(corner, "groups", [circle])
    client.force_login(patient)
    assert "Circle corner" not in nav_labels(client.get("/"))

    patient.groups.add(circle)
    assert "Circle corner" in nav_labels(client.get("/"))

    circle.user_set.remove(patient)  # from the group's side
    assert "Circle corner" not in nav_labels(client.get("/"))

    patient.groups.add(circle)
    assert "Circle corner" in nav_labels(client.get("/"))
    circle.delete()
    assert "Circle corner" not in nav_labels(client.get("/"))


def test_a_restriction_lifted_or_added_shows_on_the_next_page(client, demo, patient):
    corner = ContentPageFactory(
        parent=demo_home(), title="Members corner", slug="corner", show_in_menus=True
    )
    restriction = restrict(corner, "login")
    client.force_login(patient)
    assert "Members corner" in nav_labels(client.get("/"))

    restriction.restriction_type = "password"
    restriction.password = "open sesame"
    restriction.save()
    assert "Members corner" not in nav_labels(client.get("/"))

    restriction.delete()
    client.logout()
    assert "Members corner" in nav_labels(client.get("/"))


def test_pages_for_a_member_read_the_restrictions_again_only_after_a_change(client, demo, patient):
    restrict(SiteSettings.load().about_page, "login")
    client.force_login(patient)
    client.get("/")

    def restriction_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        # articles.visibility's query (Wagtail's own check of the page served is another)
        return [
            q
            for q in captured
            if 'FROM "wagtailcore_pageviewrestriction" INNER JOIN' in q["sql"]
            and '"wagtailcore_page"."path"' in q["sql"]
        ]

    assert restriction_queries() == []
    invalidate()
    assert restriction_queries()  # read again after the change…
    assert restriction_queries() == []  # …and kept from then on


def demo_home():
    from articles.models import HomePage

    return HomePage.objects.get()


def footer_labels(response):
    return [a.get_text(strip=True) for a in soup(response).select(".footer-links a")]


def test_the_footer_links_only_to_pages_the_reader_may_see(client, demo, patient):
    restrict(SiteSettings.load().about_page, "login")

    assert footer_labels(client.get("/")) == ["Privacy", "Accessibility"]
    client.force_login(patient)
    assert footer_labels(client.get("/")) == ["About", "Privacy", "Accessibility"]


def result_links(response):
    return [a["href"] for a in soup(response).select(".search-result__title a")]


def test_search_results_cached_for_one_reader_are_not_shown_to_a_reader_who_sees_others(
    client, demo, patient
):
    restrict(MechanismPage.objects.get(slug="microglia"), "login")

    assert "/mechanisms/microglia/" not in result_links(client.get("/search/?q=microglia"))
    client.force_login(patient)
    assert "/mechanisms/microglia/" in result_links(client.get("/search/?q=microglia"))
    client.logout()
    assert "/mechanisms/microglia/" not in result_links(client.get("/search/?q=microglia"))


def about_links(response):
    return [a["href"] for a in soup(response).select("section[aria-labelledby=about-heading] a")]


def test_a_discussions_articles_cached_for_one_reader_are_not_shown_to_another(
    client, demo, patient
):
    microglia, sleep = (MechanismPage.objects.get(slug=slug) for slug in ("microglia", "sleep"))
    thread = ThreadFactory(title="Night flares", mechanisms=[microglia, sleep])
    restrict(microglia, "login")

    client.force_login(patient)
    assert about_links(client.get(thread.get_absolute_url())) == [
        "/mechanisms/microglia/",
        "/mechanisms/sleep/",
    ]
    client.logout()
    assert about_links(client.get(thread.get_absolute_url())) == ["/mechanisms/sleep/"]


def test_a_question_names_only_the_articles_the_reader_may_see(client, demo, patient):
    microglia, sleep = (MechanismPage.objects.get(slug=slug) for slug in ("microglia", "sleep"))
    question = QuestionFactory(title="What helps at night?", mechanisms=[microglia, sleep])
    restrict(microglia, "login")

    assert "Microglia" not in client.get(question.get_absolute_url()).content.decode()
    client.force_login(patient)
    assert "Microglia" in client.get(question.get_absolute_url()).content.decode()


def test_the_new_discussion_form_offers_members_the_articles_they_may_see(
    client, demo, patient, circle
):
    microglia, sleep = (MechanismPage.objects.get(slug=slug) for slug in ("microglia", "sleep"))
    restrict(microglia, "login")
    restrict(sleep, "groups", [circle])
    client.force_login(patient)

    boxes = soup(client.get("/community/new/")).select("input[name=mechanisms]")
    offered = {int(box["value"]) for box in boxes}

    assert microglia.pk in offered and sleep.pk not in offered


def test_editing_a_discussion_keeps_its_link_to_an_article_the_author_may_not_see(
    client, demo, patient, circle
):
    microglia, sleep = (MechanismPage.objects.get(slug=slug) for slug in ("microglia", "sleep"))
    thread = ThreadFactory(author=patient, title="Night flares", mechanisms=[microglia, sleep])
    restrict(microglia, "groups", [circle])
    client.force_login(patient)

    response = client.post(
        f"/community/t/{thread.pk}/edit/",
        {"title": "Night flares again", "body": "Still here.", "mechanisms": [sleep.pk]},
    )

    assert response.status_code == 302
    assert set(thread.mechanisms.values_list("slug", flat=True)) == {"microglia", "sleep"}


def test_editing_a_question_keeps_its_link_to_an_article_the_asker_may_not_see(
    client, demo, patient, circle
):
    microglia, sleep = (MechanismPage.objects.get(slug=slug) for slug in ("microglia", "sleep"))
    question = QuestionFactory(
        author=patient, status="pending", published_at=None, mechanisms=[microglia, sleep]
    )
    restrict(microglia, "groups", [circle])
    client.force_login(patient)

    response = client.post(
        f"/questions/{question.pk}/edit/",
        {"title": "What helps at night, really?", "mechanisms": [sleep.pk]},
    )

    assert response.status_code == 302
    assert set(question.mechanisms.values_list("slug", flat=True)) == {"microglia", "sleep"}


def test_following_an_article_the_member_may_not_see_is_like_following_an_unknown_one(
    client, demo, patient, circle
):
    restrict(MechanismPage.objects.get(slug="microglia"), "groups", [circle])
    client.force_login(patient)

    assert client.post("/community/follow/mechanism/microglia/").status_code == 404
    assert client.post("/community/follow/mechanism/no-such-article/").status_code == 404


def test_the_updates_feed_is_a_visitors_view_even_for_a_member(client, demo, patient):
    from articles.models import UpdatePage

    update = UpdatePage.objects.live().first()
    restrict(update, "login")
    client.force_login(patient)

    feed = client.get("/updates/feed/").content.decode()

    assert update.title not in feed and update.url not in feed
    assert client.get("/updates/").content.decode().count(update.url) >= 1
