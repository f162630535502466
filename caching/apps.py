from django.apps import AppConfig


class CachingConfig(AppConfig):
    """Caches that are never wrong: the generation every cached page is keyed by, the
    visitors' page cache, cached fragments and the fault-tolerant cache backends."""

    name = "caching"
    verbose_name = "Caching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # App loading: the page cache connects to other apps' models, ready only now.
        from caching import pagecache

        pagecache.connect_signals()
