from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Site-wide pieces that belong to no one section: navigation, health, robots, search."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import members, pagecache

        pagecache.connect_signals()
        members.connect_signals()
