"""Taking a deleted member's names out of the audit log.

The audit log (Wagtail's log entries) is kept when an account is deleted, for
accountability, but its labels were written with the member's display name ("Reply by
SleepySeal in …") and moderators' entries can hold it in their data. Those would name the
member after they asked to be forgotten. The entries stay; the names go.
"""

import re

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry, PageLogEntry

from accounts.models import DELETED_MEMBER_NAME

NAME_CHARACTERS = r"\w.@+-"


def _pattern(names):
    alternatives = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![{NAME_CHARACTERS}])@?(?:{alternatives})(?![{NAME_CHARACTERS}])")


def _scrub(value, pattern):
    if isinstance(value, str):
        return pattern.sub(DELETED_MEMBER_NAME, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    return value


def _current_label(entry):
    """The label the entry would get today (the member's objects now name "Deleted
    member"), or None when the object is gone."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:
        return None
    instance = model._default_manager.filter(pk=entry.object_id).first()
    return str(instance) if instance is not None else None


def forget_names_in_audit_log(names):
    """Replace every one of `names` in the audit log's labels and data with "Deleted
    member". Returns how many entries changed."""
    names = [name for name in names if name]
    if not names:
        return 0
    pattern = _pattern(names)
    changed = 0
    for model in (ModelLogEntry, PageLogEntry):
        matches = Q()
        for name in names:
            matches |= Q(label__contains=name) | Q(data_text__contains=name)
        entries = (
            model.objects.annotate(data_text=Cast("data", TextField()))
            .filter(matches)
            .select_related("content_type")
        )
        for entry in entries:
            label = _current_label(entry) if model is ModelLogEntry else None
            label = _scrub(label if label is not None else entry.label, pattern)
            data = _scrub(entry.data, pattern)
            if label != entry.label or data != entry.data:
                model.objects.filter(pk=entry.pk).update(label=label, data=data)
                changed += 1
    return changed
