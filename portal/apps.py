from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project: settings, URLs, site-wide views (home, search, health, robots), the
    template tags every page loads, and the backup commands."""

    name = "portal"
    verbose_name = "Portal"
