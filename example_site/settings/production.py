"""Settings for a deployed example site: several workers, PostgreSQL and one shared Redis.

Everything secret or particular to a deployment comes from the environment, and start-up
stops with a message naming the variable when a required one is missing (README, "Running
in production"). Nothing here keeps state in one worker's memory: the cache, which holds
the public forms' rate limit and the built feeds, is Redis, shared by every worker; the
sessions are in the database; form tokens are signed with the one SECRET_KEY.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES

DEBUG = False


def _require_env(name: str, meaning: str) -> str:
    """Return an environment variable, or stop start-up saying what is missing."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable to {meaning}.")
    return value


def _env_list(name: str) -> list[str]:
    """Split a comma-separated environment variable, dropping empty items."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


SECRET_KEY = _require_env("DJANGO_SECRET_KEY", "a long random secret key")

_require_env("DJANGO_ALLOWED_HOSTS", "the comma-separated host names the site answers to")
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS holds no host name; list them separated by commas."
    )

# The origins (scheme and host) a form may be posted from, when they are not the site's own
# host over HTTPS, e.g. "https://club.example" behind a proxy that rewrites the host.
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


# The database: PostgreSQL, which several workers can write to at once (SQLite cannot).

DATABASES = {
    "default": dj_database_url.parse(
        _require_env(
            "DATABASE_URL",
            "the PostgreSQL database, e.g. postgres://user:password@host:5432/name",
        ),
        conn_max_age=_env_int("DJANGO_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    ),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "DATABASE_URL must name a PostgreSQL database (postgres://…): the production "
        "settings run several workers, which SQLite cannot serve."
    )


# The cache, shared by every worker: the forms' rate limit and the built feeds live here,
# so one Redis is what lets several workers (or servers) count and purge as one.

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _require_env("REDIS_URL", "the shared cache, e.g. redis://127.0.0.1:6379/0"),
        # Sites sharing one Redis keep apart by their prefix.
        "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "caseclub"),
    },
}


# Static files: collected into STATIC_ROOT (`manage.py collectstatic`) and served by
# WhiteNoise from each worker, with far-future caching of their hashed names; a proxy or
# CDN in front may keep them too. Uploads (MEDIA_ROOT) are served by the web server.

MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("DJANGO_STATIC_ROOT"):
    STATIC_ROOT = os.environ["DJANGO_STATIC_ROOT"]
if os.environ.get("DJANGO_MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["DJANGO_MEDIA_ROOT"]


# Security

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# HTTPS redirects, HSTS and trust in a proxy's X-Forwarded-Proto are switched on by
# the deployment, which knows whether TLS ends here or at a proxy in front.
if _env_flag("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_flag("DJANGO_SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = _env_int("DJANGO_SECURE_HSTS_SECONDS", 0)

# The forms' rate limit counts per address. Behind a proxy every request comes from the
# proxy's address; name the header the proxy sets instead (django-ratelimit's setting),
# e.g. DJANGO_RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP.
if os.environ.get("DJANGO_RATELIMIT_IP_META_KEY"):
    RATELIMIT_IP_META_KEY = os.environ["DJANGO_RATELIMIT_IP_META_KEY"]

# X_FRAME_OPTIONS is SAMEORIGIN on purpose: Wagtail's live preview frames the page.
SILENCED_SYSTEM_CHECKS = ["security.W019"]


# E-mail (the registrations' and forms' messages, sent through the outbox)

EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("DJANGO_EMAIL_USE_TLS")
if os.environ.get("DJANGO_DEFAULT_FROM_EMAIL"):
    DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ["DJANGO_DEFAULT_FROM_EMAIL"]


# Logging: everything to standard output, where gunicorn, systemd or a container keeps it.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers mail errors to ADMINS; here they go to stdout like the rest.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
