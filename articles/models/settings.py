"""Site-wide settings editors change in the Wagtail admin (Settings › Site settings)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField

DEFAULT_MEDICAL_NOTICE = (
    "This site explains research in plain language. It does not give medical advice and "
    "does not replace a doctor or other clinician. No treatment mentioned here is approved "
    "specifically for neuroinflammation in fibromyalgia. Talk to your care team before you "
    "change any treatment."
)

DEFAULT_CRISIS_RESOURCES = (
    "<p>If you might act on thoughts of harming yourself, or someone is in danger now, call "
    "your local emergency number (999 or 112 in the UK, 911 in the US).</p>"
    "<ul><li>UK and Ireland: Samaritans, free, any time: call 116 123.</li>"
    "<li>US: call or text 988 (Suicide and Crisis Lifeline).</li>"
    "<li>Elsewhere: your doctor, or the nearest emergency department.</li></ul>"
    "<p>Talking to someone you trust can help too. You do not need to be in crisis to call.</p>"
)


def footer_page(label):
    """An optional link from the footer to a page; the link disappears if the page goes."""
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=f"Linked as “{label}” in the footer.",
    )


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    """The standing medical notice and the footer links, shown on every page.

    Kept as a setting, not in templates, so editors can update the notice's wording and move
    the About, Privacy and Accessibility pages without a developer.
    """

    medical_notice = models.TextField(
        default=DEFAULT_MEDICAL_NOTICE,
        max_length=600,
        help_text="Shown in the footer of every page: the portal educates and does not "
        "replace a clinician.",
    )
    contact_email = models.EmailField(
        blank=True,
        help_text="Where readers write with questions, corrections or accessibility problems. "
        "Shown in the footer of every page.",
    )
    crisis_resources = RichTextField(
        default=DEFAULT_CRISIS_RESOURCES,
        features=["bold", "italic", "link", "ul"],
        help_text="Shown at once to a member whose post mentions crisis words, and on "
        "/community/support/. Keep numbers current for your readers' countries.",
    )
    about_page = footer_page("About")
    privacy_page = footer_page("Privacy")
    accessibility_page = footer_page("Accessibility")

    panels = [
        FieldPanel("medical_notice"),
        FieldPanel("contact_email"),
        FieldPanel("crisis_resources"),
        MultiFieldPanel(
            [
                FieldPanel("about_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading="Footer links",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    def footer_links(self):
        """(label, page) pairs for the footer, in a fixed order, skipping unset ones."""
        pairs = [
            ("About", self.about_page_id),
            ("Privacy", self.privacy_page_id),
            ("Accessibility", self.accessibility_page_id),
        ]
        return [(label, page_id) for label, page_id in pairs if page_id]
