"""Template tags for articles: evidence badges and JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe

from articles.evidence import EVIDENCE_EXPLANATIONS, EvidenceLevel

register = template.Library()

JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.inclusion_tag("articles/includes/evidence_badge.html")
def evidence_badge(level, explain=False):
    """A badge that says the evidence level in words; `explain` adds what the level means."""
    try:
        level = EvidenceLevel(level)
    except ValueError:
        return {"level": None}
    return {
        "level": level,
        "label": level.label,
        "explanation": EVIDENCE_EXPLANATIONS[level],
        "explain": explain,
    }


@register.filter
def json_ld(data):
    """A <script type="application/ld+json"> block; `<`, `>` and `&` escaped so page text
    can never close the script element."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
