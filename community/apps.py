from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Discussion threads and moderated questions that link back to the mechanism pages."""

    name = "community"
    verbose_name = "Community"

    def ready(self):
        from community.contributions import register_contributions

        register_contributions()
