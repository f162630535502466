from django.apps import AppConfig


class ReadersConfig(AppConfig):
    """What readers keep and take away from the articles: saved articles with the place they
    reached, the appointment sheet (and its PDF), and "Was this page helpful?".

    It sits beside `community`, above `articles`: it reads articles and never the reverse.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "readers"
    verbose_name = "Readers' tools"

    def ready(self):
        # Imports models, so only once the app registry is ready.
        from readers.contributions import register_contributions

        register_contributions()
