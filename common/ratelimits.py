"""Rate limits on what spammers and scrapers hammer: posting, reporting, search, suggestions.

django-ratelimit counts in the shared cache (Redis in production), per signed-in member or
per IP address for visitors. A request over the limit gets the friendly 429 page
(portal.views.rate_limited). The rates are in settings.RATE_LIMITS, so tests and busy sites
can change them. Sign-in, sign-up and password reset are limited by allauth
(ACCOUNT_RATE_LIMITS) and answer with the same page.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _rate(group, request):
    return settings.RATE_LIMITS[group]


def limit(group, method="POST"):
    """Decorator: at most settings.RATE_LIMITS[group] requests of `method`, then 429."""
    return ratelimit(group=group, key="user_or_ip", rate=_rate, method=method, block=True)
