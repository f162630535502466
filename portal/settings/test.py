"""Test settings: fast hashing, in-memory mail, background work run at once.

DATABASE_URL still chooses the database, so the same suite runs on SQLite and PostgreSQL.
"""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Per-process memory is fine for one test process, and keeps cache look-ups out of the
# query counts that page budgets assert.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

# Serve static files straight from static/ (as dev does), without running collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Keep test output to what failed: Wagtail logs every page created and published at INFO.
LOGGING["root"]["level"] = "WARNING"
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}

# Pages are built afresh on every request here; tests of the page cache turn it on.
PAGE_CACHE_SECONDS = 0

# N+1 detection: a view that loads a related object once per item in a loop fails the test
# that requested it (django-zeal raises at the third identical query from one line).
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True
MODERATED_MODELS = ("Question", "Answer", "Report", "Thread", "Reply")
# Lookups that repeat by design, not once per item on a page: Wagtail routes a URL one
# path segment at a time and re-reads the page, its revision and tags when a workflow step
# is approved; allauth looks up the address being confirmed; taggit finds each tag by name
# when tags are set; the importer finds the author, reviewer, references and section of
# each article; bulk moderation locks and re-reads each chosen item, so each one is checked
# and logged on its own.
ZEAL_ALLOWLIST = [
    {"model": "wagtailcore.Page", "field": "get()"},
    {"model": "wagtailcore.Revision", "field": "get()"},
    {"model": "articles.*Page", "field": "get()"},  # the specific page, on publish
    {"model": "articles.MechanismPageTag", "field": "tag"},  # a revision's tags, on publish
    {"model": "account.EmailAddress", "field": "get()"},
    {"model": "taggit.*", "field": "get()"},
    {"model": "articles.Person", "field": "get()"},
    {"model": "articles.Reference", "field": "get()"},
    {"model": "wagtailcore.Locale", "field": "get()"},
    {"model": "contenttypes.ContentType", "field": "get()"},
    *({"model": f"community.{name}", "field": "get()"} for name in MODERATED_MODELS),
]
