"""Drafts and the forms that post: what a draft keeps of a form, and how it comes back.

Shared by the view modules (discussions, questions, drafts), so none reaches into another.
The services (community.services.drafts) keep and remove drafts; this module only reads a
form's fields into a draft and a draft back into a form's first values.
"""

from django.contrib import messages
from django.shortcuts import redirect

from community.models import Draft
from community.services.drafts import DraftError, save_draft

# The form fields a draft keeps besides its title and text, for each kind of form.
EXTRA_FIELDS = {
    Draft.Kind.THREAD: ("tags", "content_note", "content_note_other", "without_name"),
    Draft.Kind.REPLY: ("quoted", "content_note", "content_note_other"),
    Draft.Kind.QUESTION: ("without_name",),
    Draft.Kind.ANSWER: (),
}
LIST_FIELDS = {Draft.Kind.THREAD: ("mechanisms",), Draft.Kind.QUESTION: ("mechanisms",)}
TEXT_LIMIT = 300  # the extra fields are short: topics, a note's few words, numbers


def extra_from(kind, data):
    """The form's other fields, as typed (never trusted: they are only put back in the form,
    which checks them when the post is sent)."""
    extra = {
        name: str(data.get(name, ""))[:TEXT_LIMIT]
        for name in EXTRA_FIELDS[kind]
        if data.get(name, "") != ""
    }
    for name in LIST_FIELDS.get(kind, ()):
        values = [value for value in data.getlist(name) if str(value).isdigit()][:50]
        if values:
            extra[name] = values
    return extra


def initial_from(draft):
    """The form's first values from a draft."""
    if draft is None:
        return {}
    initial = {"title": draft.title, "body": draft.body}
    for name, value in draft.extra.items():
        if name in EXTRA_FIELDS[draft.kind] or name in LIST_FIELDS.get(draft.kind, ()):
            initial[name] = value
    return initial


def keep_draft(request, kind, target=None, back=None):
    """The "Save draft" button, which works without JavaScript: keep what the form holds and
    come back to it, with a word that it is safe."""
    try:
        saved = save_draft(
            request.user,
            kind=kind,
            target=target,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
            extra=extra_from(kind, request.POST),
        )
    except DraftError as error:
        messages.error(request, str(error))
    else:
        if saved is None:
            messages.info(request, "There was nothing to keep yet, so no draft was saved.")
        else:
            messages.success(
                request, "Your draft is saved. It will be here when you come back to this form."
            )
    return redirect(back or request.get_full_path())
