"""Editor-facing admin panels."""

from wagtail.admin.panels import Panel

from articles.readability import TARGET_GRADE, hardest_sentences, measure, measure_parts


class ReadabilityPanel(Panel):
    """Shows editors the reading grade of the saved text: the whole page, then each part
    (summary, sections, FAQ answers) with the hardest sentences, warning above grade 8.

    A page's grade is an average, so a hard summary can hide behind easy sections; grading
    each part shows it. It reads the page as last saved, so editors save a draft to see the
    effect of a change.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            saved = bool(self.instance.pk)
            text = self.instance.plain_text() if saved else ""
            parts = measure_parts(self.instance.readable_parts()) if saved else []
            context["readability"] = measure(text)
            context["parts"] = parts
            context["hard_parts"] = [part for part in parts if part.too_hard]
            context["hardest"] = hardest_sentences(parts)
            context["target_grade"] = TARGET_GRADE
            return context
