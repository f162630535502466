"""Render what members write (Markdown) into safe HTML.

markdown-it-py runs in "commonmark" mode with raw HTML turned off, so any HTML a member
types is shown as text; nh3 then keeps only a small set of tags, drops unsafe URLs
(javascript:, data:, vbscript:) and marks every link rel="nofollow ugc noopener".
"""

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Members' headings start at h3, below the page's own h1 and section h2s.
_markdown.disable(["image"])


def _shift_headings(html):
    for level in (6, 5, 4, 3, 2, 1):
        target = min(level + 2, 4)
        html = html.replace(f"<h{level}>", f"<h{target}>").replace(f"</h{level}>", f"</h{target}>")
    return html


def render_markdown(text):
    """Safe HTML for a member's Markdown `text`."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    html = _shift_headings(_markdown.render(text))
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 above
