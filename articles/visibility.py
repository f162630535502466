"""Which pages a reader may see: the one rule every list, link and search of pages follows.

Editors restrict a page in Wagtail (signed-in members only, a shared password, or chosen
groups); Wagtail honours that on the page itself. Every other place that names a page (the
mechanism index, related topics, the FAQ page, the glossary's "Read more", the navigation,
search, the community's article links and filters) must honour it too, or a restricted
article's title and address leak to readers who may not open it. They all ask here.

The rule, which follows Wagtail's own check when the page is served
(BaseViewRestriction.accept_request), so a list never offers a page that then refuses:

- a page must be live, and every view restriction on it or on an ancestor must be passed;
- visitors pass none (for them this is exactly Wagtail's `.live().public()`);
- a "login" restriction is passed by any signed-in, active member;
- a "groups" restriction by a member of one of its groups, and by superusers (as Wagtail
  lets them open such pages); editors and moderators are members like any other here: the
  admin is where they see every page;
- a "password" restriction is never passed in a list, by anyone: passing it lasts one
  browser session, so a list that depended on it could not be shared or cached.

Each function asks the database a fixed number of times however many pages or restrictions
there are (the view restrictions are read in one query, as Wagtail's `.public()` does, and
while serving a request, only when the page generation has moved on since the last time).
"""

import hashlib

from django.db.models import Exists, OuterRef, Q
from wagtail.models import PageViewRestriction

from caching import generation

KEY_LENGTH = 16


def signed_in(user):
    """Whether `user` is a signed-in, active member (not a visitor)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )


def _restrictions(user):
    """(id, page path, page depth, passed) for every view restriction, in one query; kept
    by each process while the page generation stays the same (caching.generation.kept):
    every change to a view restriction, a page, a member or their groups moves it on. Read
    from the database the generation lives on."""
    member = signed_in(user)
    key = ("view-restrictions", user.pk, user.is_superuser) if member else ("view-restrictions",)
    return generation.kept(key, lambda: _read_restrictions(user, member))


def _read_restrictions(user, member):
    # Kept under the generation, so read where the generation lives (a replica may lag).
    rows = PageViewRestriction.objects.using(generation.database()).order_by()
    if member and not user.is_superuser:
        rows = rows.annotate(
            in_group=Exists(
                PageViewRestriction.groups.through.objects.filter(
                    pageviewrestriction_id=OuterRef("pk"), group__user=user.pk
                )
            )
        )
        fields = ("id", "restriction_type", "page__path", "page__depth", "in_group")
    else:
        fields = ("id", "restriction_type", "page__path", "page__depth")
    found = []
    for pk, kind, path, depth, *in_group in rows.values_list(*fields):
        if not member:
            passed = False
        elif kind == PageViewRestriction.LOGIN:
            passed = True
        elif kind == PageViewRestriction.GROUPS:
            passed = user.is_superuser or bool(in_group and in_group[0])
        else:  # a password, or a kind this rule does not know: never passed in a list
            passed = False
        found.append((pk, path, depth, passed))
    return tuple(found)


def _outermost(sections):
    """(path, depth) of the sections given, without those inside another one given."""
    kept = []
    for path, depth in sorted(set(sections)):
        if not any(path.startswith(outer) for outer, _ in kept):
            kept.append((path, depth))
    return kept


def hidden_sections(user):
    """(path, depth) of each page whose section (the page and everything below it) `user`
    may not see: every restricted page for a visitor. One query."""
    return _outermost(
        (path, depth) for _pk, path, depth, passed in _restrictions(user) if not passed
    )


def inside(path, sections):
    """Whether the page at tree `path` is in one of `sections` (from hidden_sections)."""
    return any(path.startswith(section) for section, _depth in sections)


def _is_hidden(page, sections):
    return not page.live or inside(page.path, sections)


def visible_to(queryset, user):
    """`queryset` (pages, or a page manager) narrowed to the live pages `user` may see.

    For a visitor this is Wagtail's `.live().public()`; for a member, the sections whose
    restrictions they do not pass are left out the same way (`path__startswith`, as
    `.public()` does), so the result can still be searched, sliced and counted. One query
    (the view restrictions) when called; the pages are read when the result is.
    """
    if hasattr(queryset, "get_queryset"):
        queryset = queryset.all()
    queryset = queryset.live()
    if not signed_in(user):
        return queryset.public()
    hidden = Q()
    for path, depth in hidden_sections(user):
        hidden |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(hidden) if hidden else queryset


def visible_pages(pages, user):
    """The pages of an already loaded list that `user` may see, in their order. Each page
    needs `path` and `live` loaded. One query, none for an empty list."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    sections = hidden_sections(user)
    return [page for page in pages if not _is_hidden(page, sections)]


def may_see(page, user):
    """Whether `user` may see `page` listed or linked (see the module's rule). One query."""
    return page is not None and bool(visible_pages([page], user))


def reader_key(user):
    """A short string that is the same for any two readers who may see the same pages.

    "" for visitors, and for members who may see no restricted page beyond what visitors
    see (no query for a visitor); otherwise a stable hash of the sorted ids of the view
    restrictions the member passes and that matter (a restriction inside a section they may
    not see changes nothing). One query for a member. Meant for cache keys of pages and
    fragments that list pages.
    """
    if not signed_in(user):
        return ""
    rows = _restrictions(user)
    hidden = _outermost((path, depth) for _pk, path, depth, passed in rows if not passed)
    passed = sorted(
        pk
        for pk, path, _depth, ok in rows
        if ok and not any(path.startswith(outer) for outer, _ in hidden)
    )
    if not passed:
        return ""
    digest = hashlib.sha256(",".join(map(str, passed)).encode()).hexdigest()
    return digest[:KEY_LENGTH]


def restricted_pages_exist():
    """Whether any page has a view restriction at all (when none does, every reader sees the
    same pages and `reader_key` is "" for everyone). One query."""
    return PageViewRestriction.objects.exists()
