"""The admin's "Import article" view: upload a file, check a preview, then create the draft.

Nothing is saved until the editor has seen the preview. The uploaded text travels between
the steps in a signed hidden field (never on disk), so a preview can be redone as often as
needed: with a corrected title or byline, or with dropped lines put back.
"""

from pathlib import Path

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from articles.importer.parser import ImportInputError
from articles.importer.service import (
    MAX_FILE_BYTES,
    correct_article,
    import_parsed,
    parse_bytes,
)
from articles.models import MechanismIndexPage

ALLOWED_SUFFIXES = {".txt", ".md", ".markdown"}
PAYLOAD_SALT = "articles.importer.preview"
PAYLOAD_MAX_AGE = 6 * 60 * 60  # an editor may take a long break between the steps
EXPIRED = "This preview is too old or was changed. Upload the file again."


def sections_user_can_add_to(user):
    return [
        page
        for page in MechanismIndexPage.objects.all().order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


def sign_upload(name, text):
    return signing.dumps({"name": name, "text": text}, salt=PAYLOAD_SALT, compress=True)


def unsign_upload(value):
    """(name, text) from a signed payload, or ImportInputError when it is bad or too old."""
    try:
        data = signing.loads(value, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.BadSignature:
        raise ImportInputError(EXPIRED) from None
    return data["name"], data["text"]


class SectionFormMixin:
    """A choice of the mechanisms sections the editor may add articles to."""

    def limit_sections(self, user, sections):
        self.user = user
        if sections is None:
            sections = sections_user_can_add_to(user)
        self.fields["parent"].queryset = MechanismIndexPage.objects.filter(
            pk__in=[page.pk for page in sections]
        )


class ImportArticleForm(SectionFormMixin, forms.Form):
    """Step one: the file and where the article goes."""

    file = forms.FileField(
        help_text="A .txt or .md file of up to 1 MB, saved as UTF-8.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,text/plain"}),
    )
    parent = forms.ModelChoiceField(
        queryset=MechanismIndexPage.objects.none(),
        empty_label=None,
        label="Section",
        help_text="Where the article goes.",
    )

    def __init__(self, *args, user, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_sections(user, sections)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError("Upload a .txt or .md file.")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("The file is larger than 1 MB.")
        return upload


class ImportPreviewForm(SectionFormMixin, forms.Form):
    """Step two: corrections to what the parser found, then "Create draft"."""

    payload = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=255, help_text="The page title readers will see.")
    author = forms.CharField(
        required=False, max_length=120, label="Written by", help_text="Leave empty if unknown."
    )
    reviewed_by = forms.CharField(
        required=False,
        max_length=120,
        label="Medically reviewed by",
        help_text="Leave empty if the article was not reviewed.",
    )
    updated = forms.DateField(
        required=False,
        label="Last reviewed on",
        help_text="The newest date the article showed, as year-month-day.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    parent = forms.ModelChoiceField(
        queryset=MechanismIndexPage.objects.none(),
        empty_label=None,
        label="Section",
        help_text="Where the article goes.",
    )
    keep = forms.MultipleChoiceField(
        required=False,
        label="Put back",
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick a line that was dropped by mistake; it is read as article text.",
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish at once",
        help_text="Skip clinical review and make the page live. Leave unticked to create a "
        "draft that goes to the Clinical review workflow.",
    )

    def __init__(self, *args, user, sections=None, dropped=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_sections(user, sections)
        self.fields["keep"].choices = [(line.text, str(line)) for line in dropped]

    def clean_payload(self):
        try:
            unsign_upload(self.cleaned_data["payload"])
        except ImportInputError as error:
            raise forms.ValidationError(str(error)) from None
        return self.cleaned_data["payload"]

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if (
            cleaned.get("publish")
            and parent
            and not parent.permissions_for_user(self.user).can_publish_subpage()
        ):
            self.add_error("publish", "You may not publish in this section; leave this unticked.")
        return cleaned


class ImportArticleView(WagtailAdminTemplateMixin, FormView):
    """Upload one article, check the preview, then create the draft from it."""

    form_class = ImportArticleForm
    template_name = "articles/admin/import_article.html"
    preview_template_name = "articles/admin/import_preview.html"
    result_template_name = "articles/admin/import_result.html"
    page_title = "Import article"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.sections = sections_user_can_add_to(request.user)
        if not self.sections:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self):
        return {"user": self.request.user, "sections": self.sections}

    def get_breadcrumbs_items(self):
        # Wagtail's base list holds only "Home", which the header then shows as this page's
        # title; the page's own name goes last, as on Wagtail's own pages.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_kwargs()}

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self.preview_posted(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        """The file was uploaded: show the first preview."""
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            article = parse_bytes(data, upload.name)
        except ImportInputError as error:
            reason = str(error).removeprefix(f"{upload.name}: ")
            form.add_error("file", reason[:1].upper() + reason[1:])
            return self.form_invalid(form)
        initial = {
            "payload": sign_upload(upload.name, data.decode("utf-8-sig")),
            "title": article.title,
            "author": article.author,
            "reviewed_by": article.reviewed_by,
            "updated": article.updated,
            "parent": form.cleaned_data["parent"],
        }
        preview = ImportPreviewForm(initial=initial, dropped=article.dropped, **self.form_kwargs())
        return self.render_preview(preview, article, upload.name, article.dropped)

    def preview_posted(self, request):
        """The editor corrected the preview, or asked to create the draft."""
        try:
            name, text = unsign_upload(request.POST.get("payload", ""))
            base = parse_bytes(text.encode(), name)
        except ImportInputError as error:
            form = self.form_class(**self.form_kwargs())
            return self.render_to_response(self.get_context_data(form=form, problem=str(error)))
        form = ImportPreviewForm(request.POST, dropped=base.dropped, **self.form_kwargs())
        if not form.is_valid():
            return self.render_preview(form, base, name, base.dropped)
        data = form.cleaned_data
        article = parse_bytes(text.encode(), name, keep=data["keep"])
        correct_article(
            article,
            title=data["title"],
            author=data["author"],
            reviewed_by=data["reviewed_by"],
            updated=data["updated"],
        )
        if request.POST.get("action") != "create":
            return self.render_preview(form, article, name, base.dropped)
        result = import_parsed(
            article, data["parent"], source=name, publish=data["publish"], user=request.user
        )
        context = self.get_context_data(form=self.form_class(**self.form_kwargs()), result=result)
        return self.response_class(
            request=request, template=[self.result_template_name], context=context
        )

    def render_preview(self, form, article, name, droppable):
        """The preview page; `droppable` are the lines the parser drops, each of which the
        editor may put back."""
        kept = set(form["keep"].value() or []) if form.is_bound else set()
        dropped = [
            {"text": line.text, "reason": line.reason, "checked": line.text in kept}
            for line in droppable
        ]
        context = self.get_context_data(
            form=form, article=article, file_name=name, dropped_choices=dropped
        )
        return self.response_class(
            request=self.request, template=[self.preview_template_name], context=context
        )
