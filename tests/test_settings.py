"""The settings module read in-process under a given environment (so coverage sees it).

The command-line behaviour (one-line refusals, `check --deploy`) is tested in test_site.py
through real subprocesses.
"""

import importlib.util

import pytest
from django.core.exceptions import ImproperlyConfigured

from .test_site import PRODUCTION_SECRET, REPO_ROOT, SETTINGS_VARIABLES

SETTINGS_FILE = REPO_ROOT / "healthsite" / "settings.py"
EXTRA_VARIABLES = (
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "DB_CONN_MAX_AGE",
    "SERVE_MEDIA",
    "MEDIA_ROOT",
    "CSRF_TRUSTED_ORIGINS",
    "TRUSTED_PROXY_COUNT",
)


def settings_module(monkeypatch, **environment):
    """Execute healthsite/settings.py afresh with only the given variables set."""
    for name in (*SETTINGS_VARIABLES, *EXTRA_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def load_settings(monkeypatch):
    return lambda **environment: settings_module(monkeypatch, **environment)


def production(**extra):
    return {"SECRET_KEY": PRODUCTION_SECRET, "ALLOWED_HOSTS": "example.com", **extra}


def test_production_values_are_secure_by_default(load_settings):
    settings = load_settings(**production())

    assert settings.DEBUG is False
    assert settings.ALLOWED_HOSTS == ["example.com"]
    assert settings.SECURE_SSL_REDIRECT is True
    assert settings.SECURE_HSTS_SECONDS == 31_536_000
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SERVE_MEDIA is False
    assert not hasattr(settings, "SECURE_PROXY_SSL_HEADER")
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"


def test_debug_gives_a_development_key_and_local_hosts(load_settings):
    settings = load_settings(DEBUG="1")

    assert settings.SECRET_KEY.startswith("django-insecure-")
    assert "127.0.0.1" in settings.ALLOWED_HOSTS
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_without_debug_or_secret_key_the_site_refuses_to_start(load_settings):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(DEBUG="0")


def test_a_number_that_is_not_one_names_its_variable(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE must be a whole number"):
        load_settings(DEBUG="1", DB_CONN_MAX_AGE="soon")


@pytest.mark.parametrize("months", ["0", "121", "99999999999"])
def test_a_review_span_out_of_range_refuses_to_start(load_settings, months):
    """A span of years beyond the calendar crashed every review-due page and the reminder."""
    with pytest.raises(ImproperlyConfigured, match="REVIEW_VALID_MONTHS must be from 1 to 120"):
        load_settings(DEBUG="1", REVIEW_VALID_MONTHS=months)


def test_default_database_is_sqlite_tuned_for_concurrent_writers(load_settings):
    database = load_settings(DEBUG="1").DATABASES["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert str(database["NAME"]) == str(REPO_ROOT / "db.sqlite3")
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5


def test_database_url_selects_postgresql(load_settings):
    database = load_settings(
        DEBUG="1", DATABASE_URL="postgres://user:pw@db.example.com:5432/health"
    ).DATABASES["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"]) == ("db.example.com", "health")
    assert database["CONN_MAX_AGE"] == 60
    assert "transaction_mode" not in database.get("OPTIONS", {})


def test_cache_is_local_memory_unless_redis_url_is_set(load_settings):
    assert (
        load_settings(DEBUG="1").CACHES["default"]["BACKEND"]
        == "django.core.cache.backends.locmem.LocMemCache"
    )
    cache = load_settings(DEBUG="1", REDIS_URL="redis://cache.example.com:6379/1").CACHES[
        "default"
    ]
    assert cache["BACKEND"] == "healthsite.cache.ResilientRedisCache"
    assert cache["LOCATION"] == "redis://cache.example.com:6379/1"


def test_tasks_backend_is_chosen_by_name(load_settings):
    assert load_settings(DEBUG="1").TASKS["default"]["BACKEND"] == (
        "django_tasks.backends.immediate.ImmediateBackend"
    )
    assert (
        load_settings(DEBUG="1", TASKS_BACKEND="database")
        .TASKS["default"]["BACKEND"]
        .startswith("django_tasks_db.")
    )
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND must be one of"):
        load_settings(DEBUG="1", TASKS_BACKEND="carrier-pigeon")


def test_email_url_configures_smtp(load_settings):
    settings = load_settings(
        **production(EMAIL_URL="submission://mailer:secret@smtp.example.org:587")
    )

    assert settings.EMAIL_HOST == "smtp.example.org"
    assert settings.EMAIL_PORT == 587
    assert settings.EMAIL_HOST_USER == "mailer"
    assert settings.EMAIL_USE_TLS is True


def test_email_settings_one_by_one(load_settings):
    settings = load_settings(
        **production(EMAIL_HOST="mail.example.org", EMAIL_PORT="2525", EMAIL_USE_TLS="yes")
    )

    assert (settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS) == (
        "mail.example.org",
        2525,
        True,
    )


def test_behind_a_proxy_its_https_header_is_trusted(load_settings):
    settings = load_settings(
        **production(
            SECURE_PROXY_SSL_HEADER="1",
            CSRF_TRUSTED_ORIGINS="https://a.example, https://b.example",
        )
    )

    assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings.BEHIND_PROXY is True
    assert settings.TRUSTED_PROXY_COUNT == 1
    assert settings.CSRF_TRUSTED_ORIGINS == ["https://a.example", "https://b.example"]


def test_a_negative_proxy_count_refuses_to_start(load_settings):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT cannot be negative"):
        load_settings(DEBUG="1", TRUSTED_PROXY_COUNT="-1")


def test_admins_are_read_as_names_and_addresses(load_settings):
    settings = load_settings(
        **production(
            ADMINS='Ops <ops@example.org>, "Night, Desk" <night@example.org>, , x@ex.org,'
        )
    )

    assert settings.ADMINS == [
        ("Ops", "ops@example.org"),
        ("Night, Desk", "night@example.org"),
        ("", "x@ex.org"),
    ]
    assert load_settings(**production()).ADMINS == []


def test_an_admin_that_is_not_an_address_names_the_variable(load_settings):
    with pytest.raises(ImproperlyConfigured, match="ADMINS must be email addresses"):
        load_settings(**production(ADMINS="Ops <ops@example.org>, the night desk"))


def test_an_unknown_log_level_names_the_variable(load_settings):
    assert load_settings(DEBUG="1", LOG_LEVEL="info").LOG_LEVEL == "INFO"
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be DEBUG, INFO"):
        load_settings(DEBUG="1", LOG_LEVEL="chatty")


S3_ENVIRONMENT = {
    "AWS_STORAGE_BUCKET_NAME": "healthsite-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEKEY",
    "AWS_SECRET_ACCESS_KEY": "example-secret-access-key",
}


def test_media_stay_on_the_file_system_without_a_bucket(load_settings):
    storage = load_settings(**production()).STORAGES["default"]

    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_name_puts_media_on_s3_compatible_storage(load_settings):
    storage = load_settings(**production(**S3_ENVIRONMENT)).STORAGES["default"]

    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "healthsite-media",
            "file_overwrite": False,
            "querystring_auth": False,
            "endpoint_url": "https://objects.example.net",
            "region_name": "eu-central-1",
            "access_key": "AKIAEXAMPLEKEY",
            "secret_key": "example-secret-access-key",
        },
    }
