"""Configuration comes only from the environment, and production refuses unsafe defaults."""

import secrets

from tests.running import run_manage, run_python

PRODUCTION = "portal.settings.production"
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "fibro.example.org",
}


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_python("", PRODUCTION, DJANGO_ALLOWED_HOSTS="fibro.example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = run_python("", PRODUCTION, DJANGO_SECRET_KEY=PRODUCTION_ENV["DJANGO_SECRET_KEY"])

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, **PRODUCTION_ENV
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_settings_pass_the_deploy_check_with_redirect_turned_off():
    result = run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        PRODUCTION,
        DJANGO_SECURE_SSL_REDIRECT="false",
        **PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr + result.stdout


def test_production_settings_harden_cookies_and_https(settings_values):
    values = settings_values(
        PRODUCTION,
        [
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_HSTS_SECONDS",
            "ALLOWED_HOSTS",
            "STORAGES",
        ],
        **PRODUCTION_ENV,
    )

    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["ALLOWED_HOSTS"] == ["fibro.example.org"]
    assert "whitenoise" in values["STORAGES"]["staticfiles"]["BACKEND"]


def test_ssl_redirect_setting_false_turns_the_redirect_off(settings_values):
    values = settings_values(
        PRODUCTION, ["SECURE_SSL_REDIRECT"], DJANGO_SECURE_SSL_REDIRECT="false", **PRODUCTION_ENV
    )

    assert values["SECURE_SSL_REDIRECT"] is False


def test_database_url_selects_postgresql(settings_values):
    values = settings_values(
        "portal.settings.dev",
        ["DATABASES"],
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal",
    )

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("127.0.0.1", 5432, "portal")


def test_database_defaults_to_sqlite_file_in_the_project(settings_values):
    values = settings_values("portal.settings.dev", ["DATABASES", "BASE_DIR"])

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == f"{values['BASE_DIR']}/db.sqlite3"


def test_redis_url_turns_on_the_redis_cache(settings_values):
    with_redis = settings_values(
        "portal.settings.dev", ["CACHES"], REDIS_URL="redis://127.0.0.1:6379/1"
    )
    without = settings_values("portal.settings.dev", ["CACHES"])

    assert with_redis["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert with_redis["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"
    # Without Redis the cache is still shared by every worker: a database table.
    assert without["CACHES"]["default"]["BACKEND"].endswith("DatabaseCache")


def test_email_url_configures_smtp_and_dev_defaults_to_console(settings_values):
    smtp = settings_values(
        "portal.settings.dev",
        ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS"],
        EMAIL_URL="smtp+tls://mailer:pw@mail.example.org:587",
    )
    console = settings_values("portal.settings.dev", ["EMAIL_BACKEND"])

    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example.org",
        587,
        True,
    )
    assert console["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_unknown_tasks_backend_is_refused_with_a_clear_message():
    result = run_python("", "portal.settings.dev", TASKS_BACKEND="celery")

    assert result.returncode != 0
    assert "TASKS_BACKEND='celery' is not known; use one of database, immediate" in result.stderr


def test_custom_user_model_is_used_by_django_and_wagtail(settings_values):
    values = settings_values("portal.settings.test", ["AUTH_USER_MODEL"])
    result = run_python(
        "from wagtail.users.forms import UserCreationForm\n"
        "print(UserCreationForm._meta.model._meta.label)",
        "portal.settings.test",
    )

    assert values["AUTH_USER_MODEL"] == "accounts.User"
    assert result.stdout.strip().splitlines()[-1] == "accounts.User"


def test_mail_links_use_the_configured_address_or_the_first_allowed_host(settings_values):
    names = ["SITE_URL", "WAGTAILADMIN_BASE_URL"]
    configured = settings_values(PRODUCTION, names, **PRODUCTION_ENV, SITE_URL="https://x.org/")
    derived = settings_values(PRODUCTION, names, **PRODUCTION_ENV)

    assert configured == {"SITE_URL": "https://x.org", "WAGTAILADMIN_BASE_URL": "https://x.org"}
    host = PRODUCTION_ENV["DJANGO_ALLOWED_HOSTS"].split(",")[0]
    assert derived == {"SITE_URL": f"https://{host}", "WAGTAILADMIN_BASE_URL": f"https://{host}"}
