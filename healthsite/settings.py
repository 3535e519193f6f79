"""
healthsite settings: one module, driven by the environment.

Every name read from the environment is documented in the README with its default. Defaults
suit local development; production sets DEBUG off and supplies the secrets.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from healthsite.environment import env_addresses, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set the SECRET_KEY environment variable (or DEBUG=1 for "
            "local development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # comments is listed before articles so its seed_demo (which extends the articles one
    # with a discussion) is the command that runs.
    "comments.apps.CommentsConfig",
    "articles.apps.ArticlesConfig",
    "wordpress.apps.WordPressConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "healthsite.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "healthsite.middleware.RequestGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "healthsite.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Old WordPress addresses: permalinks (a 404 here) and "/?p=12" answer with a 301.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    "wordpress.redirects.OldPostIdMiddleware",
    # Last, as django-axes asks: it turns a refused admin login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "healthsite.urls"
WSGI_APPLICATION = "healthsite.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

# Database: SQLite by default, tuned so concurrent writers wait instead of failing with
# "database is locked"; PostgreSQL (or any backend) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept (DB_CONN_MAX_AGE) as on PostgreSQL: opening one and running the
    # PRAGMAs on every request cost an anonymous page a third of its time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; Redis through REDIS_URL, shared by every app server, so
# rate limits and cached settings hold across the whole site. A Redis that does not answer is
# a cache miss, never an error page (healthsite/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "healthsite.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "healthsite",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "healthsite",
        }
    }

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Translations of our own strings (`manage.py makemessages -l fr` writes locale/fr/...), and
# the site's own date formats (healthsite/formats/<language>/formats.py).
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["healthsite.formats"]

# How long a medical review stays current; due 30 days before, overdue after (articles.signoff).
REVIEW_VALID_MONTHS = env_int("REVIEW_VALID_MONTHS", 12)
if not 1 <= REVIEW_VALID_MONTHS <= 120:
    raise ImproperlyConfigured(
        f"REVIEW_VALID_MONTHS must be from 1 to 120 (ten years), not {REVIEW_VALID_MONTHS}."
    )

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded media are served by Django itself when SERVE_MEDIA is on (the default with DEBUG);
# in production the reverse proxy serves MEDIA_ROOT at /media/ instead.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "healthsite.staticfiles.StaticFilesStorage"},
}
# Several app servers share uploaded media through S3-compatible storage (the optional
# dependency `pip install -e ".[s3]"`), switched on by naming the bucket. Public URLs by
# default: pages that may be cached must not hold signed links that expire.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "file_overwrite": False,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH"),
            **{
                option: os.environ[name]
                for option, name in (
                    ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
                    ("region_name", "AWS_S3_REGION_NAME"),
                    ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
                    ("location", "AWS_LOCATION"),
                    # Without keys, boto3 looks further (an instance role, ~/.aws).
                    ("access_key", "AWS_ACCESS_KEY_ID"),
                    ("secret_key", "AWS_SECRET_ACCESS_KEY"),
                )
                if os.environ.get(name)
            },
        },
    }
# WordPress exports uploaded in the admin wait here for their import task, then are deleted.
# Private (it holds commenters' emails and IPs): never under MEDIA_ROOT, never served; shared
# by the app servers and the task worker.
WORDPRESS_IMPORT_ROOT = Path(os.environ.get("WORDPRESS_IMPORT_ROOT", BASE_DIR / "imports"))
# Uploads above this size go to a temporary file instead of memory; the image validator
# refuses anything over 10 MB on its own.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Email: EMAIL_URL (e.g. submission://user:password@host:587) or the individual EMAIL_* names.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    globals().update(dj_email_url.parse(EMAIL_URL))
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend",
    )
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "healthsite <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who is emailed a report of every server error (500) when DEBUG is off; nobody when empty.
ADMINS = env_addresses("ADMINS")
EMAIL_SUBJECT_PREFIX = "[healthsite] "
DEFAULT_EXCEPTION_REPORTER_FILTER = "healthsite.error_reports.ReportFilter"

# Background work (emails) through the Tasks API: immediate in development and tests, the
# database backend with `manage.py db_worker` in production.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Database sessions, whose new keys are not looked up before their insert (healthsite/sessions.py).
SESSION_ENGINE = "healthsite.sessions"

# Security. Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=1 so the
# X-Forwarded-Proto header (set by that proxy) tells Django the request was HTTPS.
BEHIND_PROXY = env_bool("SECURE_PROXY_SSL_HEADER")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours append to X-Forwarded-For before a request reaches Django (e.g. 2
# for a load balancer and nginx): the commenter's address, for rate limits and blocks, is the
# entry that many places from the end. 0 trusts no header and uses REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT cannot be negative.")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts, styles, fonts and everything else from our
# own origin only; no inline script, style attribute or eval anywhere, the admin included.
# Images may also be data: URLs: Bootstrap's CSS draws its tick, select-arrow and form
# error icons as data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of ours uses, switched off for every page and any frame in it
# (healthsite.headers.PermissionsPolicyMiddleware writes the header).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Admin login throttling (django-axes), kept in the database so every app server sees it:
# five failures for one username from one client address (the address the comment rate
# limits use) lock that pair out for 15 minutes from the last failure; attempts while locked
# out neither count nor extend it. The count is forgotten after 15 minutes without a failure
# (so five within 15 minutes always lock, and so do five each less than 15 minutes after the
# one before). A successful login clears the count; deleting the access attempt in the admin
# unlocks at once.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "comments.ratelimit.client_network_address"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "healthsite.lockout.lockout_response"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Each record is written once: Django's default logging gives its "django" logger a console
# handler of its own under DEBUG, on top of the root's, so every line came out twice; here
# "django" only adds the email to ADMINS and hands its records on to the root's console.
# Requests have their own one-line log on stdout (healthsite/request_log.py).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").strip().upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "without_server_request_lines": {"()": "healthsite.request_log.WithoutServerRequestLines"},
    },
    "formatters": {
        "console": {"format": "%(levelname)s %(name)s: %(message)s"},
        "request": {"format": "%(asctime)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "console"},
        "requests": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "request",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL, "propagate": True},
        # runserver's own line per request is dropped: the request log has it.
        "django.server": {
            "handlers": ["console"],
            "filters": ["without_server_request_lines"],
            "level": "INFO",
            "propagate": False,
        },
        "healthsite.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        # Requests for hosts we do not serve are answered 400; scanners send many, so no
        # traceback and no email.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}
