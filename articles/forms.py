"""Admin forms for article pages."""

from django.urls import reverse
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class ArticlePageForm(WagtailAdminPageForm):
    """Wagtail's page form, explaining a slug clash with an abandoned draft.

    Wagtail saves a new page as a draft within seconds of the editor starting it (autosave).
    An editor who gives up and starts again later finds the address ("slug") "already in use"
    by that forgotten draft, with no hint of where it is. Say which draft it is and how to
    carry on with it or remove it. The draft is never deleted for them: it may hold work.
    """

    def clean(self):
        cleaned_data = super().clean()
        # Wagtail's clash error has already taken the slug out of cleaned_data.
        slug = self.data.get(self.add_prefix("slug"))
        if slug and self.has_error("slug") and self.parent_page is not None:
            draft = (
                Page.objects.child_of(self.parent_page)
                .filter(slug=slug, live=False, first_published_at__isnull=True)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if draft is not None:
                mine = self.for_user is not None and draft.owner_id == self.for_user.pk
                self.errors["slug"] = self.error_class(
                    [
                        f"An unpublished draft, \u201c{draft.draft_title}\u201d (started by "
                        f"{'you' if mine else 'another editor'}), already uses this "
                        "address. To carry on with that draft, open it at "
                        f"{reverse('wagtailadmin_pages:edit', args=[draft.pk])}. If you do not "
                        "need it, delete it there, or give this page a different address."
                    ]
                )
        return cleaned_data
