"""Settings shared by every environment.

Everything that differs between machines comes from environment variables (read with
django-environ); the dev, test and production modules only choose defaults and harden.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# --- Core -----------------------------------------------------------------------------------

DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Our apps first so their templates and static files win.
    "caching",
    "accounts",
    "articles",
    "community",
    "readers",
    "portal",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "django_ratelimit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost, so a visitor's cached page is stored with every header the others add and a
    # hit is the same answer as a miss: caching/pagecache.py.
    "caching.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "portal.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stores members' shared pages with every header added inside it: community/shells.py.
    "community.shells.StorePageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Members' pages are Cache-Control: private (stored shared pages too).
    "caching.pagecache.PrivateMemberPagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading the signed-in member from the shared cache: accounts/middleware.py.
    "accounts.middleware.MemberAuthenticationMiddleware",
    # Fills each page's personal parts for the member (before the CSRF middleware's response
    # step, which sends the token cookie): community/shells.py.
    "community.shells.PersonalPartsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSecurityMiddleware",
    # Copies a member's saved reading preferences into their browser's cookie.
    "accounts.reading_preferences.ReadingPreferencesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

# Rate limits (common.ratelimits): per member, or per IP address for visitors.
RATE_LIMITS = {
    "post": env.str("RATE_LIMIT_POST", default="10/m"),  # threads, replies, questions, answers
    "report": env.str("RATE_LIMIT_REPORT", default="20/h"),
    "search": env.str("RATE_LIMIT_SEARCH", default="60/m"),
    "similar": env.str("RATE_LIMIT_SIMILAR", default="120/m"),  # suggestions while typing
}
RATELIMIT_VIEW = "portal.views.rate_limited"
# A count the cache lost between django-ratelimit's add() and incr() (a database cache culls
# entries when full; Redis may evict) lets the request through instead of refusing a member
# who did nothing wrong: the same choice as while the cache is down (caching/backends.py).
RATELIMIT_FAIL_OPEN = True
# The database cache (used when REDIS_URL is unset) does not increment atomically, so under a
# race a limit may let one or two extra requests through; good enough against abuse, and
# Redis (atomic INCR) is what production uses. The test cache is per process, as tests are.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Permissions-Policy: the site uses none of these browser features.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Content-Security-Policy (django-csp): the public site runs no inline script and loads
# nothing from other origins. JSON-LD blocks are data, not script, so they need no exception.
# Wagtail's and Django's admins use inline scripts and styles of their own, so they are left
# out; they are for signed-in staff with two-factor sign-in only.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "caching.fragments.cache_generation",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------

# SQLite file in the project by default; postgres://user@host:port/name for PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Whole pages for visitors without a session, from the shared cache (caching/pagecache.py);
# any content change clears them. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Pages each worker also keeps in its own memory (visitors' and members' shared pages), at
# most this many and this many megabytes of them, checked against the shared generation on
# every request: caching/pagecache.py.
PAGE_CACHE_LOCAL_PAGES = env.int("PAGE_CACHE_LOCAL_PAGES", default=200)
PAGE_CACHE_LOCAL_MB = env.int("PAGE_CACHE_LOCAL_MB", default=4)
# With Redis, each worker keeps its own copies of what every page reads (that generation, a
# member's session and cached entries), and Redis's client tracking tells it of every
# change to them (caching.backends.TrackedEntries): a cached page then needs no round trip at
# all. False reads them from Redis on every request.
CACHE_TRACKING = env.bool("CACHE_TRACKING", default=True)
# Navigation, footer, tag cloud, discussion lists: shared parts of pages, cached for everyone
# until content changes (caching/fragments.py). 0 turns fragment caching off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=300)
# How long the cached member (their row, staff, moderator, may post, unread count, followed
# topics) lives at most; every change that affects it replaces it at once (accounts/members.py).
MEMBER_FACTS_SECONDS = env.int("MEMBER_FACTS_SECONDS", default=300)
# Community pages and search for plain members: one shared page, cached until content
# changes, with each member's own parts filled in as it is served (community/shells.py).
# 0 turns it off.
MEMBER_PAGE_CACHE_SECONDS = env.int("MEMBER_PAGE_CACHE_SECONDS", default=300)

# App server workers leave their long-lived heap out of garbage collection once loaded and
# warmed up (portal/heap.py); full collections then pause a worker for milliseconds, not
# hundreds of them.
GC_FREEZE = env.bool("GC_FREEZE", default=True)

# A read replica: reads go to it, writes (and reads just after a member's own write) to the
# primary. See portal/routers.py.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    # Tests use the primary's test database for both, as a replica would mirror it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "portal.routers.PrimaryPinMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every worker process: Redis when REDIS_URL is set, otherwise a database
# table (created by `manage.py createcachetable`). Never per-process memory, because rate
# limits and page caches must agree across gunicorn workers.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Carries on without a cache (and logs it) while Redis is down: caching/backends.py.
            "BACKEND": "caching.backends.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # Give up quickly on a Redis that hangs, rather than holding the page.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Sessions read from Redis and are written through to the database, so several app
    # servers share them and a Redis outage signs nobody out: Django's cached_db, which
    # can also take a session read with its member in one round trip (accounts/sessions.py).
    SESSION_ENGINE = "accounts.sessions"
else:
    CACHES = {
        "default": {
            # Django's DatabaseCache, turning a failed cache query into a miss: caching/backends.py.
            "BACKEND": "caching.backends.FallbackDatabaseCache",
            "LOCATION": "portal_cache",
            "KEY_PREFIX": "portal",
            # Django's default (300) is far below what pages, fragments, sessions and rate
            # limits need; when full, a third of the entries are dropped at random.
            "OPTIONS": {"MAX_ENTRIES": env.int("DATABASE_CACHE_MAX_ENTRIES", default=20000)},
        }
    }

# Background work goes through django-tasks. "database" queues jobs in the database for a
# `manage.py db_worker` process; "immediate" runs them inside the request (dev and tests).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def task_backend(name):
    """The django-tasks backend path for TASKS_BACKEND, with a clear error for a typo."""
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND={name!r} is not known; use one of {', '.join(TASK_BACKENDS)}."
        )
    return TASK_BACKENDS[name]


TASKS = {"default": {"BACKEND": task_backend(env.str("TASKS_BACKEND", default="database"))}}

# --- Accounts -------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# One login for the site and the Wagtail admin, so there is one set of rate limits.
WAGTAILADMIN_LOGIN_URL = "account_login"

# Members sign in with their email address; `username` is their public, pseudonymous
# display name. Email must be verified before anyone can take part.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True  # one address per member, changed in one step
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # password again before changing email or password
# Reauthenticating is by password, or an authenticator app for those who have one; not by a
# code sent by email (allauth 65.22's default), which whoever reads the member's mail could use.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_USERNAME_MIN_LENGTH = 3
# Signing up with an address that is already registered shows the same neutral message and
# emails the owner instead of saying so on screen: whether someone's address is registered on
# a fibromyalgia site is health information.
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's rate limits stay on (its defaults); they count in the shared cache above.
STAFF_IDLE_TIMEOUT = env.int("STAFF_IDLE_TIMEOUT", default=30 * 60)
# "Download my data": accounts with more items than this are exported in the background.
DATA_EXPORT_INLINE_LIMIT = env.int("DATA_EXPORT_INLINE_LIMIT", default=500)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Fibromyalgia Mechanisms] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Fibromyalgia Mechanisms"

# --- Community ------------------------------------------------------------------------------

# New members (joined less than this many days ago) have posting limits, to slow spam down.
COMMUNITY_NEW_MEMBER_DAYS = env.int("COMMUNITY_NEW_MEMBER_DAYS", default=1)
COMMUNITY_NEW_MEMBER_LIMITS = {"thread": 3, "reply": 10}  # per day
COMMUNITY_NEW_MEMBER_INTERVAL = env.int("COMMUNITY_NEW_MEMBER_INTERVAL", default=30)  # seconds
# A member's answers are held for review until this many of their posts are published.
COMMUNITY_TRUST_THRESHOLD = env.int("COMMUNITY_TRUST_THRESHOLD", default=3)
COMMUNITY_THREADS_PER_PAGE = 20
COMMUNITY_REPLIES_PER_PAGE = 20

# --- Mail -----------------------------------------------------------------------------------

# EMAIL_URL, for example smtp+tls://user:password@mail.example.org:587 ; console in dev.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Fibromyalgia Mechanisms <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible storage (AWS, MinIO, Ceph…) with django-storages, so app servers
# keep no local state: set AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL for non-AWS).
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the instance's role.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
        },
    }

# Wagtail's page editor can post many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Fibromyalgia Mechanisms"
# No Gravatar: the admin shows uploaded avatars or Wagtail's own (the CSP allows only this
# site's images, and a hash of each staff member's email would go to a third party).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The site's public address: every link in every email is built on it (common.links), the
# sign-up and password mails included, whatever host a request came in on. SITE_URL, or the
# older WAGTAILADMIN_BASE_URL; production falls back to https:// and the first allowed host.
SITE_URL = env.str("SITE_URL", default="") or env.str("WAGTAILADMIN_BASE_URL", default="")
if not SITE_URL:
    SITE_URL = "http://127.0.0.1:8000"
SITE_URL = SITE_URL.rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Search: PostgreSQL full-text (or SQLite FTS5) through Wagtail's database backend; with
# SEARCH_URL, OpenSearch (default) or Elasticsearch through Wagtail's own backends. Run
# `manage.py update_index` after switching.
SEARCH_URL = env.str("SEARCH_URL", default="")
SEARCH_BACKENDS = {
    "opensearch": "wagtail.search.backends.opensearch3",
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
}
if SEARCH_URL:
    _engine = env.str("SEARCH_ENGINE", default="opensearch")
    if _engine not in SEARCH_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_ENGINE={_engine!r} is not known; use one of {', '.join(SEARCH_BACKENDS)}."
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKENDS[_engine],
            "URLS": [SEARCH_URL],
            "INDEX": env.str("SEARCH_INDEX", default="portal"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"},
    }
# An optional caching front (deploy/varnish/portal.vcl). With VARNISH_URL, Wagtail PURGEs a
# page's URLs when it is published, moved or unpublished, and any other change that pages
# show (a discussion, a snippet, the settings) BANs every cached page (caching/pagecache.py).
VARNISH_URL = env.str("VARNISH_URL", default="")
WAGTAILFRONTENDCACHE = (
    {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": VARNISH_URL,
        }
    }
    if VARNISH_URL
    else {}
)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Images: editors only (members cannot upload anything). Raster formats only, no SVG (it
# can carry script); size and pixel limits stop decompression bombs. Pages show renditions,
# which Willow re-encodes, never the uploaded file itself.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Logging --------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task is noise; failures still log at WARNING and above.
        "django_tasks": {"level": "WARNING"},
    },
}
