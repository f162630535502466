from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Site-wide pieces that belong to no one section: navigation, health, robots, search."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal.pagecache import connect_signals

        connect_signals()
