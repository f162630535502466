"""WSGI entry point for gunicorn: `gunicorn portal.wsgi` serves production settings.

Cached pages for visitors without a session (caching.pagecache.PageCacheApp) and members'
stored shared pages (community.shells.SharedPageApp) are answered in front of Django's full
stack; everything else is Django's WSGI handler. Each worker's
long-lived heap is frozen out of garbage collection once loaded (portal/heap.py).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

from caching.pagecache import PageCacheApp  # noqa: E402
from community.shells import SharedPageApp  # noqa: E402
from portal import heap  # noqa: E402 - needs Django set up first

application = PageCacheApp(SharedPageApp(django_application))
heap.settle()
