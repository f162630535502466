"""The appointment sheet: the articles a reader chose and their own questions, on one page.

The form is sent with GET and the sheet is made from the address alone: nothing a visitor
types is stored on the server (no session, no row, no log line). Only the articles this
reader may see can be chosen (articles.visibility); any other id in the address is left
out without a word, so a restricted article's title never shows.
"""

from dataclasses import dataclass

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText

from articles.models import MechanismPage
from articles.visibility import visible_to
from readers.models import QUESTIONS_MAX_LENGTH, question_lines

MAX_QUESTIONS = 30
MEANING_TITLE = "what this means"  # the usual title of an article's callout
# What an editor's callout text keeps on paper: words and their emphasis and lists. Links
# are unwrapped to their words (a printed link cannot be followed, and resolving page
# links would cost a query per article).
PAPER_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li"}


class ChosenArticles(forms.MultipleChoiceField):
    """Checkboxes of articles whose values outside the offered ones are dropped, not
    refused: an old address naming an article since restricted or unpublished still makes
    a sheet of the rest, and never says what the dropped one was."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        offered = {str(key) for key, _label in self.choices}
        return [item for item in super().to_python(value) if item in offered]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class AppointmentForm(forms.Form):
    """Which articles go on the sheet, and the reader's own questions."""

    pages = ChosenArticles(
        label="Articles to talk about",
        required=False,
        help_text="Choose the articles you want to bring up. Two or three fit best on one page.",
    )
    questions = forms.CharField(
        label="Your questions",
        required=False,
        max_length=QUESTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One question on each line. Write them as they come to you.",
    )

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pages"].choices = [(str(page.pk), page.title) for page in articles]

    def clean_questions(self):
        lines = question_lines(self.cleaned_data["questions"])
        if len(lines) > MAX_QUESTIONS:
            raise ValidationError(
                f"Please keep to {MAX_QUESTIONS} questions, so they fit on the sheet. "
                f"You wrote {len(lines)}."
            )
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("pages") and not cleaned.get("questions"):
            raise ValidationError("Choose at least one article, or write a question.")
        return cleaned


@dataclass(frozen=True)
class SheetArticle:
    """What the sheet says about one article."""

    title: str
    url: str
    summary: str
    meaning: str  # safe HTML, or ""
    evidence_label: str
    last_reviewed: object


def meaning_of(page):
    """The text of the article's "What this means for you" callout as safe HTML, or ""."""
    for block in page.body.raw_data:
        if block["type"] != "callout":
            continue
        value = block["value"]
        if str(value.get("title", "")).strip().lower().startswith(MEANING_TITLE):
            cleaned = nh3.clean(str(value.get("body", "")), tags=PAPER_TAGS, attributes={})
            return mark_safe(RichText(cleaned).__html__())  # noqa: S308 - cleaned just above
    return ""


def visible_articles(user):
    """The live articles `user` may see (one query when evaluated, after one for the view
    restrictions now)."""
    return visible_to(MechanismPage.objects, user)


def article_choices(articles):
    return list(articles.only("id", "title").order_by("title"))


def sheet_articles(articles, ids, request=None):
    """The sheet's part for each chosen article among `articles`, by title. One query."""
    if not ids:
        return []
    pages = articles.filter(pk__in=ids).order_by("title")
    return [
        SheetArticle(
            title=page.title,
            url=page.get_url(request),
            summary=page.summary,
            meaning=meaning_of(page),
            evidence_label=page.evidence_label,
            last_reviewed=page.last_reviewed,
        )
        for page in pages.only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "summary",
            "body",
            "evidence_level",
            "last_reviewed",
        )
    ]
