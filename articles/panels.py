"""Editor-facing admin panels."""

from wagtail.admin.panels import Panel

from articles.readability import TARGET_GRADE, measure


class ReadabilityPanel(Panel):
    """Shows editors the reading grade of the saved text, with a warning above grade 8.

    It reads the page as last saved, so editors save a draft to see the effect of a change.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            text = self.instance.plain_text() if self.instance.pk else ""
            context["readability"] = measure(text)
            context["target_grade"] = TARGET_GRADE
            return context
