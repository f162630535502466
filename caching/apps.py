from django.apps import AppConfig


class CachingConfig(AppConfig):
    """Caches that are never wrong: the generation every cached page is keyed by."""

    name = "caching"
    verbose_name = "Caching"
    default_auto_field = "django.db.models.BigAutoField"
