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

WAGTAILADMIN_BASE_URL = "http://testserver"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

# Serve static files straight from static/ (as dev does), without running collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Keep test output to what failed: Wagtail logs every page created and published at INFO.
LOGGING["root"]["level"] = "WARNING"
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}

# Pages are built afresh on every request here; tests of the page cache turn it on.
PAGE_CACHE_SECONDS = 0
