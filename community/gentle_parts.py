"""The personal parts of a shared page that make the community gentle: drafts and muting.

Part of community.shells' holes (Fill inherits these), kept apart by subject.

- `{% personal_part "draft" "reply" thread.pk %}` is filled with the member's own reply
  draft, as the escaped text of the reply box, and `"draft-note"` with a line saying it came
  back. Read in one query, only for a member whose cached answers say they keep a reply
  draft ("drafting", community.member_facts).
- `{% personal "muted" post.author_id %}` keeps its part for a member who muted that author:
  the opening and the closing of a folded `<details>` around the post ("You muted this
  member: show"). Muting is one member's choice about another, so it is a hole like the
  others and the discussion page stays one page shared by every plain member: a member who
  mutes someone still gets the shared page, folded for them alone as it is served. The
  mutes are read in one query, only for a member whose cached answers say they muted
  someone ("muting"). Moderators' copies of a post have no such hole: muting never hides
  anything from the moderation views.
- `{% personal "note-open" kind %}` and `{% personal "note-hidden" kind %}` keep their part
  for a member whose standing choice for that content note is "always open" or "always
  hide" (community.services.content_notes): every other reader gets the post folded behind
  its note. Read in one query, only for a member who made such a choice ("noting").
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape

from community.models import ContentNoteChoice, Draft, MutedMember


class GentleParts:
    """Mixed into community.shells.Fill, which gives `user` and `facts`."""

    @cached_property
    def muted(self):
        """The members this member muted ("muting": most have none, and ask nothing)."""
        if not self.user.is_authenticated or not self.facts.get("muting"):
            return frozenset()
        rows = MutedMember.objects.filter(muter_id=self.user.pk).values_list("muted_id", flat=True)
        return frozenset(str(pk) for pk in rows)

    def if_muted(self, author_pk):
        return author_pk in self.muted

    @cached_property
    def note_choices(self):
        """{content note pk: "open" or "hide"} of the member's standing choices."""
        if not self.user.is_authenticated or not self.facts.get("noting"):
            return {}
        rows = ContentNoteChoice.objects.filter(user_id=self.user.pk)
        return {str(pk): choice for pk, choice in rows.values_list("note_id", "choice")}

    def if_note_open(self, note_pk):
        return self.note_choices.get(note_pk) == ContentNoteChoice.Choice.OPEN

    def if_note_hidden(self, note_pk):
        return self.note_choices.get(note_pk) == ContentNoteChoice.Choice.HIDE

    @cached_property
    def drafts(self):
        """{form key: (text, when saved)} of the member's reply drafts ("drafting")."""
        if not self.user.is_authenticated or not self.facts.get("drafting"):
            return {}
        rows = Draft.objects.filter(author_id=self.user.pk, kind=Draft.Kind.REPLY)
        return {
            key: (body, at) for key, body, at in rows.values_list("form_key", "body", "updated_at")
        }

    def put_draft(self, kind, pk):
        """The member's draft for this form, as the text of its box."""
        body, _ = self.drafts.get(f"{kind}:{pk}", ("", None))
        return escape(body)

    def put_draft_note(self, kind, pk):
        """A line saying the draft came back, and where all of them are."""
        _, at = self.drafts.get(f"{kind}:{pk}", ("", None))
        if at is None:
            return ""
        when = timezone.localtime(at).strftime("%-d %B, %H:%M")
        return (
            f'<p class="draft-note" role="status">Your draft from {when} is back in the box. '
            f'<a href="{reverse("community:drafts")}">All your drafts</a></p>'
        )
