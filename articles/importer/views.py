"""The admin's "Import article" view: upload a .txt or .md file, get a draft to review."""

from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from articles.importer.service import MAX_FILE_BYTES, import_bytes
from articles.models import MechanismIndexPage

ALLOWED_SUFFIXES = {".txt", ".md", ".markdown"}


def sections_user_can_add_to(user):
    return [
        page
        for page in MechanismIndexPage.objects.all().order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


class ImportArticleForm(forms.Form):
    file = forms.FileField(
        help_text="A .txt or .md file of up to 1 MB, saved as UTF-8.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,text/plain"}),
    )
    title = forms.CharField(
        required=False,
        max_length=255,
        help_text="Leave empty to use the file's first line as the title.",
    )
    parent = forms.ModelChoiceField(
        queryset=MechanismIndexPage.objects.none(),
        empty_label=None,
        label="Section",
        help_text="Where the article goes.",
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish at once",
        help_text="Skip clinical review and make the page live. Leave unticked to create a "
        "draft that goes to the Clinical review workflow.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        sections = sections_user_can_add_to(user)
        self.fields["parent"].queryset = MechanismIndexPage.objects.filter(
            pk__in=[page.pk for page in sections]
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError("Upload a .txt or .md file.")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("The file is larger than 1 MB.")
        return upload

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
    """Upload one article; on success show what was made from it, with links to the draft."""

    form_class = ImportArticleForm
    template_name = "articles/admin/import_article.html"
    page_title = "Import article"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not sections_user_can_add_to(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        # Wagtail's base list holds only "Home", which the header then shows as this page's
        # title; the page's own name goes last, as on Wagtail's own pages.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = import_bytes(
            upload.read(),
            upload.name,
            form.cleaned_data["parent"],
            title=form.cleaned_data["title"] or None,
            publish=form.cleaned_data["publish"],
            user=self.request.user,
        )
        if result.error:
            reason = result.error.removeprefix(f"{upload.name}: ")
            form.add_error("file", reason[:1].upper() + reason[1:])
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=self.form_class(user=self.request.user), result=result)
        )
