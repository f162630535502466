"""Site-wide template tags: the main navigation and the footer links.

Each costs a fixed number of queries however many items it shows, and none while its
cached fragment is current (portal/fragments.py); the unread-notification count comes
with the member's other cached answers (portal/members.py).
"""

from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from accounts import roles
from articles.models import SiteSettings
from portal import fragments, members

register = template.Library()

# Sections served by Django views rather than Wagtail pages. Each appears in the navigation
# as soon as its URL name exists, so a section joins the menu when its app is installed.
ROUTE_SECTIONS = [
    ("Community", "community:index"),
    ("Questions", "community:question_list"),
]


def _is_current(url, path):
    if url == "/":
        return path == "/"
    return path.startswith(url)


@register.inclusion_tag("portal/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Top-level sections: menu pages under the site root, routed sections, then Search."""
    request = context["request"]
    items = fragments.cached("navigation", lambda: navigation_items(request), request.get_host())
    user = context.get("user")
    return {
        "unread_notifications": members.facts(user)["unread"],
        "nav_items": [
            {"label": label, "url": url, "current": _is_current(url, request.path)}
            for label, url in items
        ],
        "user": context.get("user"),
        "request": request,
    }


def navigation_items(request):
    """(label, url) of each top-level section, the same for everyone on a site."""
    items = []
    site = Site.find_for_request(request)
    if site is not None:
        for page in site.root_page.get_children().live().in_menu().only("id", "title", "url_path"):
            items.append((page.title, page.get_url(request)))
    for label, url_name in ROUTE_SECTIONS:
        try:
            items.append((label, reverse(url_name)))
        except NoReverseMatch:
            continue
    items.append(("Search", reverse("search")))
    return items


@register.inclusion_tag("portal/includes/footer.html", takes_context=True)
def site_footer(context):
    """The standing medical notice and the About, Privacy and Accessibility links."""
    request = context["request"]
    return fragments.cached("footer", lambda: footer_context(request), request.get_host())


def footer_context(request):
    site_settings = SiteSettings.load(request_or_site=request)
    wanted = site_settings.footer_links()
    pages = (
        Page.objects.live().filter(id__in=[page_id for _, page_id in wanted]).only("id", "url_path")
    )
    urls = {page.id: page.get_url(request) for page in pages}
    return {
        "medical_notice": site_settings.medical_notice,
        "contact_email": site_settings.contact_email,
        "footer_links": [
            {"label": label, "url": urls[page_id]} for label, page_id in wanted if page_id in urls
        ],
    }


@register.filter
def is_staff_member(user):
    """`{% if user|is_staff_member %}`: accounts.roles.is_staff_member, from the member's
    cached answers, so a patient's page does not ask for permissions (Wagtail's user bar
    would)."""
    return roles.is_staff_member(user)
