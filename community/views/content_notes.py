"""/community/content-notes/: a member's standing choices about content notes, for each
note on the moderators' list: folded (as for everyone), always open, or always hidden.
A thin wrapper around community.services.content_notes; the page is the member's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from community.models import ContentNote, ContentNoteChoice
from community.services.content_notes import choose_content_notes, standing_choices

FOLDED = ""
CHOICES = [
    (FOLDED, "Folded: I open them when I am ready"),
    (ContentNoteChoice.Choice.OPEN, "Always open"),
    (ContentNoteChoice.Choice.HIDE, "Always hidden"),
]


@login_required
@require_http_methods(["GET", "POST"])
def content_notes(request):
    notes = list(ContentNote.objects.filter(is_active=True))
    if request.method == "POST":
        allowed = {value for value, _ in CHOICES}
        chosen = {
            note.pk: request.POST.get(f"note-{note.pk}", FOLDED)
            for note in notes
            if request.POST.get(f"note-{note.pk}", FOLDED) in allowed
        }
        choose_content_notes(request.user, chosen)
        messages.success(request, "Your choices are saved. They apply on every page at once.")
        return redirect("community:content_notes")
    current = standing_choices(request.user)
    rows = [(note, current.get(note.pk, FOLDED)) for note in notes]
    return render(request, "community/content_notes.html", {"rows": rows, "choices": CHOICES})
