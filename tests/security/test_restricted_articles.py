"""An article restricted in Wagtail is named nowhere to a reader who may not open it.

A mechanism article with a title found nowhere else is linked from everywhere the portal
links articles (a glossary term, a discussion, a question and the FAQ entry made from it,
the FAQ page, another article's related topics, a research update, a home page card, a
member's follows, a link in another page's text), then restricted in each of Wagtail's
three ways. Every address the permission matrix knows, every page of the tree, the feed,
the sitemap, search, the suggestions and the community's article filters are then fetched
as each reader who may not see the article: neither its title nor its address may appear
in any of them. The same addresses fetched before the restriction show it (the control),
and a member who may see it still finds it.
"""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from accounts.services import export_member_data
from articles.models import ContentPage, HomePage, MechanismIndexPage, MechanismPage, UpdatePage
from community.services import notifications
from tests.factories import (
    GlossaryTermFactory,
    MechanismPageFactory,
    QuestionFactory,
    ThreadFactory,
    UserFactory,
)
from tests.security.test_permission_matrix import path_for, url_patterns

pytestmark = pytest.mark.django_db

TITLE = "Zorblatt quillwort cascade"  # in no demo text, so it cannot appear by accident
SLUG = "zorblatt-quillwort-cascade"
URL = f"/mechanisms/{SLUG}/"
SEARCH_WORDS = "zorblatt quillwort"
MISSPELLED = "zorblat quilwort cascad"  # nothing matches: search offers a spelling instead
CIRCLE = "Clinic circle"  # the group a "groups" restriction lets in

# Where each link to the article shows before it is restricted, and to whom.
LINKED = {
    "/glossary/": "Read more",
    f"/community/?mechanism={SLUG}": "the discussion list's heading",
    f"/questions/?mechanism={SLUG}": "the question list's heading",
    "/mechanisms/": "the mechanism index",
    "/mechanisms/microglia/": "related topics",
    "/faq/": "the FAQ page",
    "/": "a home page card",
    f"/search/?q={SEARCH_WORDS}": "search",
    f"/search/?q={MISSPELLED}": "the spelling suggestion",
    f"/questions/similar/?q={SEARCH_WORDS}": "the ask page's suggestions",
    "/sitemap.xml": "the sitemap",
    "/about/": "a link in another page's text",
}
LINKED_FOR_MEMBERS = {
    f"/community/new/?mechanism={SLUG}": "the new discussion form",
    f"/questions/ask/?title={SEARCH_WORDS}": "the ask page",
    "/community/notifications/": "the member's follows",
}


@pytest.fixture
def linked(world):
    """The article, linked from everywhere: (people, the article, addresses to walk, links).

    `links` maps each address that links the article to what links it there."""
    people, paths, ids = world
    Group.objects.create(name=CIRCLE)
    people["circle"] = UserFactory(username="circle-member", groups=["Patients", CIRCLE])
    index = MechanismIndexPage.objects.get()
    article = MechanismPageFactory(
        parent=index,
        title=TITLE,
        slug=SLUG,
        summary="How a made-up signal may spread between cells.",
        faqs=[
            {
                "type": "faq",
                "value": {"question": "Does it flare at night?", "answer": "<p>Sometimes.</p>"},
            }
        ],
    )
    microglia = MechanismPage.objects.get(slug="microglia")
    microglia.related_mechanisms.add(article)
    microglia.save()
    update = UpdatePage.objects.live().first()
    update.mechanisms.add(article)
    update.save()
    home = HomePage.objects.get()
    card = {"page": article.pk, "description": "A signpost to the article."}
    home.body = [
        *home.body.raw_data,
        {"type": "link_cards", "value": {"heading": "Also read", "cards": [card]}},
    ]
    home.save()
    about = ContentPage.objects.get(slug="about")
    link = f'<p>Read <a linktype="page" id="{article.pk}">how the signal spreads</a>.</p>'
    about.body = [*about.body.raw_data, {"type": "paragraph", "value": link}]
    about.save()
    GlossaryTermFactory(term="Lattice glia", mechanism_page=article)
    thread = ThreadFactory(title="Night flares and the brain", mechanisms=[article])
    question = QuestionFactory(title="Does this change with age, and why?", mechanisms=[article])
    question.faq_page, question.faq_block_id = article, article.faqs[0].id
    question.save()
    for reader in ("patient", "circle"):
        notifications.follow(people[reader], mechanism=article)

    links = {
        **LINKED,
        thread.get_absolute_url(): "the discussion's articles",
        question.get_absolute_url(): "the question's articles and its FAQ entry",
        update.url: "the research update's articles",
    }
    addresses = [
        path
        for route, name in url_patterns()
        if (path := path_for(route, name, paths, ids)) is not None
    ]
    # Every page of the tree but the article itself (its own address names it, of course).
    addresses += [
        page.url
        for page in Page.objects.live().filter(depth__gt=1).exclude(pk=article.pk).specific()
    ]
    addresses += ["/updates/feed/", *links, *LINKED_FOR_MEMBERS]
    return people, article, sorted(set(addresses)), links


def restrict(article, kind):
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=kind, password="open sesame" if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name=CIRCLE)])
    return restriction


def names_the_article(response):
    body = response.content.decode(errors="replace").lower()
    return TITLE.lower() in body or URL in body


def sign_in(client, people, reader):
    client.logout()
    if reader != "anonymous":
        client.force_login(people[reader])
    return client


@pytest.mark.parametrize("reader", ["anonymous", "patient"])
def test_the_article_is_named_wherever_it_is_linked_before_it_is_restricted(client, linked, reader):
    people, _article, _addresses, links = linked
    sign_in(client, people, reader)
    if reader != "anonymous":
        links = {**links, **LINKED_FOR_MEMBERS}

    missing = [
        f"{address} ({what})"
        for address, what in links.items()
        if not names_the_article(client.get(address))
    ]

    assert missing == []


@pytest.mark.parametrize(
    ("kind", "reader"),
    [
        ("login", "anonymous"),
        ("password", "anonymous"),
        ("password", "patient"),  # passing a password lasts a session: never in a list
        ("groups", "anonymous"),
        ("groups", "patient"),  # outside the group
    ],
)
def test_a_restricted_article_is_named_nowhere_to_a_reader_who_may_not_see_it(
    client, linked, kind, reader
):
    people, article, addresses, _links = linked
    restrict(article, kind)
    sign_in(client, people, reader)

    leaks = {}
    for address in addresses:
        response = client.get(address)
        if names_the_article(response):
            leaks[address] = response.status_code
        if address.startswith("/accounts/logout/"):
            sign_in(client, people, reader)

    assert leaks == {}


@pytest.mark.parametrize(("kind", "reader"), [("login", "patient"), ("groups", "circle")])
def test_a_member_who_may_see_a_restricted_article_still_finds_it(client, linked, kind, reader):
    people, article, _addresses, _links = linked
    restrict(article, kind)
    sign_in(client, people, reader)

    for address in [
        "/mechanisms/",
        f"/community/?mechanism={SLUG}",
        f"/questions/?mechanism={SLUG}",
        f"/search/?q={SEARCH_WORDS}",
        "/glossary/",
        URL,
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert names_the_article(response), address


def test_a_members_page_with_the_article_is_not_shared_with_a_member_outside_the_group(
    client, linked
):
    """The community's filtered list, built for a member of the group, must not be served to
    a member outside it from the shared members' page cache."""
    people, article, _addresses, _links = linked
    restrict(article, PageViewRestriction.GROUPS)
    sign_in(client, people, "circle")
    assert client.get(f"/community/?mechanism={SLUG}").status_code == 200

    sign_in(client, people, "patient")
    response = client.get(f"/community/?mechanism={SLUG}")

    assert response.status_code == 404
    assert not names_the_article(response)


def test_download_my_data_names_a_followed_article_only_to_a_member_who_may_see_it(linked):
    people, article, _addresses, _links = linked
    restrict(article, PageViewRestriction.GROUPS)

    outside = json.dumps(export_member_data(people["patient"]))
    inside = json.dumps(export_member_data(people["circle"]))

    assert TITLE not in outside and URL not in outside
    assert "An article that is not open to you now" in outside
    assert TITLE in inside
