"""The community app's configuration: registers its member data and word-list cache hooks."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommunityConfig(AppConfig):
    """Discussion threads and moderated questions that link back to the mechanism pages."""

    name = "community"
    verbose_name = "Community"

    def ready(self):
        # Django imports this module before any models are loaded; these modules import
        # models, so they can only be imported once the app registry is ready.
        from community import member_facts
        from community.contributions import register_contributions
        from community.models import WordList
        from community.services.rules import forget_word_lists

        register_contributions()
        member_facts.register()
        post_save.connect(forget_word_lists, sender=WordList, dispatch_uid="word-lists-saved")
        post_delete.connect(forget_word_lists, sender=WordList, dispatch_uid="word-lists-deleted")
