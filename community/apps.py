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
        from caching.pagecache import changes_pages
        from community import member_facts
        from community.contributions import register_contributions
        from community.models import WordList
        from community.services.rules import forget_word_lists

        register_contributions()
        # What members see of these is filled in for each of them (personal parts), or is
        # moderators' bookkeeping: saving one changes no shared page.
        changes_pages(
            "community",
            except_models=(
                "community.Notification",
                "community.Subscription",
                "community.Report",
                "community.PostEdit",
                "community.Restriction",
                "community.WordList",
                "community.RejectionReason",
                "community.Draft",
                "community.MutedMember",
                "community.MemberNote",
                "community.ContentNoteChoice",
            ),
        )
        _join_the_demo()
        member_facts.register()
        post_save.connect(forget_word_lists, sender=WordList, dispatch_uid="word-lists-saved")
        post_delete.connect(forget_word_lists, sender=WordList, dispatch_uid="word-lists-deleted")


def _join_the_demo():
    """`seed_demo` (articles.demo) also makes the demo community, once articles offers a
    place for a higher app's demo content (`add_demo_seeder`); until then it is made with
    `manage.py seed_community`."""
    from articles import demo
    from community.demo import seed_community

    add_demo_seeder = getattr(demo, "add_demo_seeder", None)
    if add_demo_seeder is not None:
        add_demo_seeder(seed_community)
