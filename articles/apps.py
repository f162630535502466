from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ArticlesConfig(AppConfig):
    """The editorial side: the home page, mechanism articles and the pages about the site."""

    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Here, not at the top: models load only once the app registry is ready.
        from articles.glossary import forget_glossary_terms
        from articles.models import (
            ContentPage,
            FAQIndexPage,
            GlossaryTerm,
            MechanismIndexPage,
            UpdatesIndexPage,
        )
        from articles.workflows import attach_on_create, let_editors_publish
        from caching.pagecache import changes_pages

        changes_pages("articles")

        for model in (MechanismIndexPage, FAQIndexPage):
            post_save.connect(attach_on_create, sender=model, dispatch_uid=f"workflow-{model}")
        for model in (UpdatesIndexPage, ContentPage):
            post_save.connect(let_editors_publish, sender=model, dispatch_uid=f"editors-{model}")
        post_save.connect(forget_glossary_terms, sender=GlossaryTerm, dispatch_uid="glossary-s")
        post_delete.connect(forget_glossary_terms, sender=GlossaryTerm, dispatch_uid="glossary-d")
