"""Local development: debug on, console mail, background work run at once."""

from .base import *

DEBUG = True
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

TASKS["default"]["BACKEND"] = task_backend(env.str("TASKS_BACKEND", default="immediate"))

# Pages are built afresh on every request in development (PAGE_CACHE_SECONDS and
# MEMBER_PAGE_CACHE_SECONDS to try them).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
MEMBER_PAGE_CACHE_SECONDS = env.int("MEMBER_PAGE_CACHE_SECONDS", default=0)
