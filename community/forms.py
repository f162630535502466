"""Forms for starting, replying to and moderating discussions."""

import re

from django import forms

from articles.models import MechanismPage
from articles.visibility import visible_to
from community.models import (
    BODY_MAX_LENGTH,
    CONTENT_NOTE_MAX_LENGTH,
    MAX_TAGS,
    TITLE_MAX_LENGTH,
    Report,
    Restriction,
)
from community.services.content_notes import OTHER, note_for, offered_notes

TAG_MAX_LENGTH = 40


def parse_tags(text):
    """'Sleep, brain fog ,sleep' -> ['sleep', 'brain fog']: trimmed, lower case, no repeats."""
    tags = []
    for raw in text.split(","):
        tag = re.sub(r"\s+", " ", raw).strip().lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def offered_articles(user):
    """The articles a form offers `user`: those they may see (articles.visibility)."""
    return visible_to(MechanismPage.objects, user).order_by("title")


def with_unseen_links(linked, chosen, user):
    """The articles `chosen` in a form, plus those already `linked` that `user` may not see
    and so was not offered: editing a post never drops a link its author cannot see."""
    linked = linked.all()
    unseen = linked.exclude(pk__in=visible_to(linked, user).values("pk"))
    return [*chosen, *unseen]


class MechanismChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


WITHOUT_NAME = {
    "label": "Post without my name",
    "help_text": "Others see “A member” instead of your name. A moderator reads it before it "
    "is published, and moderators can see that it is yours. Replies you write later show "
    "your name as usual.",
}


class ContentNoteFields(forms.Form):
    """A content note for a post: one from the moderators' list, or "other" in a few words.
    `cleaned_data["note"]` is what the post keeps (services.content_notes.note_for)."""

    content_note = forms.ChoiceField(
        required=False,
        label="Content note (optional)",
        help_text="If your post talks about something that may be hard to read, choose a "
        "note. Your post will be folded behind it, and readers open it when they are ready.",
    )
    content_note_other = forms.CharField(
        required=False,
        max_length=CONTENT_NOTE_MAX_LENGTH,
        label="Your own few words, for “Other”",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_note"].choices = [
            ("", "No content note"),
            *[(str(pk), label) for pk, label in offered_notes()],
            (OTHER, "Other (say it in a few words below)"),
        ]

    def clean(self):
        cleaned = super().clean()
        choice, words = cleaned.get("content_note", ""), cleaned.get("content_note_other", "")
        if choice == OTHER and not (words or "").strip():
            self.add_error("content_note_other", "Say in a few words what the note is about.")
        cleaned["note"] = note_for(choice, words)
        return cleaned


class ThreadForm(ContentNoteFields):
    """A new thread, or an edit of one."""

    field_order = [
        "title", "body", "content_note", "content_note_other", "tags", "mechanisms",
        "without_name",
    ]  # fmt: skip

    title = forms.CharField(
        max_length=TITLE_MAX_LENGTH,
        min_length=5,
        help_text="A short question or topic, e.g. “Does anyone else flare after a cold?”",
    )
    body = forms.CharField(
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown works: **bold**, *italic*, lists and links.",
    )
    tags = forms.CharField(
        required=False,
        help_text=f"Up to {MAX_TAGS} topics, separated by commas, e.g. sleep, brain fog.",
        widget=forms.TextInput(attrs={"list": "tag-suggestions", "autocomplete": "off"}),
    )
    mechanisms = MechanismChoiceField(
        queryset=MechanismPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which articles is this about?",
        help_text="Choose one or more. Your discussion will be listed on those articles.",
    )

    without_name = forms.BooleanField(required=False, **WITHOUT_NAME)

    def __init__(self, *args, user=None, new=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mechanisms"].queryset = offered_articles(user)
        if not new:  # chosen once, when posting: changing it later could give a name away
            del self.fields["without_name"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 5:
            raise forms.ValidationError("Give your discussion a title of at least 5 characters.")
        return title

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write something to start the discussion.")
        return body

    def clean_tags(self):
        tags = parse_tags(self.cleaned_data["tags"])
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                f"Use at most {MAX_TAGS} topics; you gave {len(tags)}. Keep the ones that fit best."
            )
        too_long = [tag for tag in tags if len(tag) > TAG_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(f"Topics can be at most {TAG_MAX_LENGTH} characters long.")
        return tags


class ReplyForm(ContentNoteFields):
    field_order = ["body", "content_note", "content_note_other", "quoted"]

    body = forms.CharField(
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Your reply",
        help_text="Be kind. Markdown works: **bold**, *italic*, lists and links.",
    )
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write something before you post your reply.")
        return body


class ReplyEditForm(ReplyForm):
    """A change to a reply: its text only (what it quotes and its note stay as they were)."""

    quoted = content_note = content_note_other = None

    def clean(self):
        return forms.Form.clean(self)

    def __init__(self, *args, **kwargs):
        forms.Form.__init__(self, *args, **kwargs)


class ModerationForm(forms.Form):
    ACTIONS = [
        ("lock", "Lock"),
        ("unlock", "Unlock"),
        ("pin", "Pin"),
        ("unpin", "Unpin"),
        ("retag", "Change tags"),
        ("hide", "Hide"),
        ("restore", "Restore"),
        ("approve", "Approve"),
        ("reject", "Reject"),
        ("premoderate", "Pre-moderate replies"),
        ("end_premoderation", "End pre-moderation"),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(required=False, max_length=300)
    tags = forms.CharField(required=False)


class ReportForm(forms.Form):
    """A member's report of a post: why, and for evidence problems which article."""

    reason = forms.ChoiceField(
        choices=[("", "Choose a reason"), *Report.Reason.choices],
        label="Why are you reporting this?",
        error_messages={
            "required": "Choose a reason for your report.",
            "invalid_choice": "Choose a reason for your report.",
        },
    )
    details = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything a moderator should know (optional)",
    )
    mechanism = forms.ModelChoiceField(
        queryset=MechanismPage.objects.none(),
        required=False,
        to_field_name="slug",
        label="Which article's evidence does it contradict?",
        empty_label="Choose an article",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mechanism"].queryset = offered_articles(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Report.Reason.CONTRADICTS_EVIDENCE and not cleaned.get(
            "mechanism"
        ):
            self.add_error("mechanism", "Choose the article whose evidence this post contradicts.")
        return cleaned


class RestrictionForm(forms.Form):
    kind = forms.ChoiceField(choices=Restriction.Kind.choices, label="Restriction")
    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        label="For how many days (suspensions; leave empty otherwise)",
    )
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason (the member reads this)",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Restriction.Kind.SUSPEND and not cleaned.get("days"):
            self.add_error("days", "Say for how many days the suspension lasts.")
        return cleaned


class PromoteForm(forms.Form):
    mechanism = forms.ModelChoiceField(
        queryset=MechanismPage.objects.none(),
        required=False,
        label="Add to the FAQs of",
        empty_label="The first linked article",
    )

    def __init__(self, *args, question=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if question is not None:
            self.fields["mechanism"].queryset = visible_to(question.mechanisms, user).order_by(
                "title"
            )


class QuestionForm(forms.Form):
    title = forms.CharField(
        max_length=TITLE_MAX_LENGTH,
        min_length=10,
        label="Your question",
        help_text="One clear question, e.g. “Can a blood test show neuroinflammation?”",
    )
    body = forms.CharField(
        required=False,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="More detail (optional)",
        help_text="Anything that helps someone answer. Please leave out names and places.",
    )
    mechanisms = MechanismChoiceField(
        queryset=MechanismPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which articles is this about?",
    )
    without_name = forms.BooleanField(required=False, **WITHOUT_NAME)

    def __init__(self, *args, user=None, new=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mechanisms"].queryset = offered_articles(user)
        if not new:
            del self.fields["without_name"]

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())


class AnswerForm(forms.Form):
    body = forms.CharField(
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Your answer",
        help_text="Share what you know and how you know it. Link to sources where you can.",
    )

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write your answer before you post it.")
        return body
