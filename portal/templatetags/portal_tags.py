"""Site-wide template tags: the main navigation, the footer links and personal parts.

Navigation and footer each cost a fixed number of queries however many items they show, and
none while their cached fragment is current (caching/fragments.py). What is personal in a
page (the member's own navigation items, their reactions, Edit links on their posts) is
written as a hole with `{% personal %}`, `{% personal_part %}` and `{% form_token %}` and
filled for each member on the way out (community/shells.py).
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from accounts import members
from articles import visibility
from articles.models import SiteSettings
from caching import fragments
from community import shells

register = template.Library()

# Sections served by Django views rather than Wagtail pages. Each appears in the navigation
# as soon as its URL name exists, so a section joins the menu when its app is installed.
# Named apart from the articles' FAQs ("Quick answers"), which readers mixed up with these.
ROUTE_SECTIONS = [
    ("Glossary", "glossary"),
    ("Community", "community:index"),
    ("Members' questions", "community:question_list"),
]


def _is_current(url, path):
    if url == "/":
        return path == "/"
    return path.startswith(url)


@register.inclusion_tag("portal/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Top-level sections: menu pages under the site root, routed sections, then Search."""
    request = context["request"]
    items = fragments.cached("navigation:v3", lambda: navigation_items(request), request.get_host())
    return {
        "nav_items": [
            {"label": label, "url": url, "current": _is_current(url, request.path)}
            for label, url, _section in shown_to(items, request.user)
        ],
        "user": context.get("user"),
        "request": request,
    }


def shown_to(items, user):
    """The (label, url, path) items `user` may see: `path` is the tree path of a page under
    a view restriction, None for anything else. With no such page listed (the usual case)
    nothing is read; otherwise one query (articles.visibility)."""
    if all(path is None for _label, _url, path in items):
        return items
    hidden = visibility.hidden_sections(user)
    return [item for item in items if item[2] is None or not visibility.inside(item[2], hidden)]


def navigation_items(request):
    """(label, url, path) of each top-level section, the same for everyone on a site; a
    page under a view restriction carries its tree path, so that `shown_to` can leave it out
    for readers who may not see it. Two queries however many sections there are."""
    items = []
    site = Site.find_for_request(request)
    if site is not None:
        pages = list(
            site.root_page.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
        restricted = visibility.hidden_sections(None) if pages else []
        for page in pages:
            path = page.path if visibility.inside(page.path, restricted) else None
            items.append((page.title, page.get_url(request), path))
    for label, url_name in ROUTE_SECTIONS:
        try:
            items.append((label, reverse(url_name), None))
        except NoReverseMatch:
            continue
    items.append(("Search", reverse("search"), None))
    return items


@register.inclusion_tag("portal/includes/footer.html", takes_context=True)
def site_footer(context):
    """The standing medical notice and the About, Privacy and Accessibility links."""
    request = context["request"]
    shared = fragments.cached("footer:v2", lambda: footer_context(request), request.get_host())
    links = shown_to(shared["footer_links"], request.user)
    return {**shared, "footer_links": [{"label": label, "url": url} for label, url, _ in links]}


def footer_context(request):
    """The footer, the same for everyone on a site: its links are (label, url, path) as in
    `navigation_items`, left out for each reader by `shown_to`."""
    site_settings = SiteSettings.load(request_or_site=request)
    wanted = site_settings.footer_links()
    pages = list(
        Page.objects.live()
        .filter(id__in=[page_id for _, page_id in wanted])
        .only("id", "url_path", "path", "depth")
    )
    restricted = visibility.hidden_sections(None) if pages else []
    found = {
        page.id: (
            page.get_url(request),
            page.path if visibility.inside(page.path, restricted) else None,
        )
        for page in pages
    }
    return {
        "medical_notice": site_settings.medical_notice,
        "contact_email": site_settings.contact_email,
        "footer_links": [(label, *found[page_id]) for label, page_id in wanted if page_id in found],
    }


@register.filter
def is_staff_member(user):
    """`{% if user|is_staff_member %}`: accounts.members.is_staff_member, from the member's
    cached answers, so a patient's page does not ask for permissions (Wagtail's user bar
    would)."""
    return members.is_staff_member(user)


class PersonalNode(template.Node):
    """See `personal`."""

    DEPTH = "portal.personal-depth"

    def __init__(self, kind, args, kept, otherwise):
        self.kind, self.args, self.kept, self.otherwise = kind, args, kept, otherwise

    def render(self, context):
        if context.render_context.get(self.DEPTH):
            raise template.TemplateSyntaxError("{% personal %} blocks cannot be nested.")
        context.render_context[self.DEPTH] = True
        try:
            kept, otherwise = self.kept.render(context), self.otherwise.render(context)
        finally:
            context.render_context[self.DEPTH] = False
        head = shells.if_head(self.kind, *(arg.resolve(context) for arg in self.args))
        if otherwise:
            kept = f"{kept}{shells.ELSE}{otherwise}"
        return mark_safe(f"{head}{kept}{shells.END}")  # noqa: S308 - rendered nodes, our markers


@register.tag
def personal(parser, token):
    """`{% personal "own" post.author_id %}…{% otherwise %}…{% endpersonal %}`: a part kept
    or dropped for each member when the page is served (community/shells.py lists the kinds),
    so the rest of the page can be shared. Blocks do not nest."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% personal %} needs a quoted kind first.")
    kind = bits[1][1:-1]
    if kind not in shells.IF_KINDS:
        raise template.TemplateSyntaxError(f"{{% personal %}} has no kind called {kind!r}.")
    args = [parser.compile_filter(bit) for bit in bits[2:]]
    kept = parser.parse(("otherwise", "endpersonal"))
    otherwise = template.NodeList()
    if parser.next_token().contents == "otherwise":
        otherwise = parser.parse(("endpersonal",))
        parser.delete_first_token()
    return PersonalNode(kind, args, kept, otherwise)


@register.simple_tag
def personal_part(kind, *args):
    """`{% personal_part "username" %}`, `"unread"` or `"why-not-posting" "reply"`: filled
    for each member (community/shells)."""
    if kind not in shells.PUT_KINDS:
        raise template.TemplateSyntaxError(f"{{% personal_part %}} has no kind called {kind!r}.")
    return shells.put(kind, *args)


@register.simple_tag
def form_token():
    """The CSRF form field, as {% csrf_token %} writes it, with the token filled in for each
    member (so a page holding forms can still be shared: community/shells.py)."""
    return mark_safe(  # noqa: S308 - a fixed field around our own marker
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{shells.put("csrf")}">'
    )
