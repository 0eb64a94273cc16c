"""Settings for a deployed example site; secrets come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

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


SECRET_KEY = _require_env("DJANGO_SECRET_KEY", "a long random secret key")

_require_env("DJANGO_ALLOWED_HOSTS", "the comma-separated host names the site answers to")
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS holds no host name; list them separated by commas."
    )

CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

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
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))

# X_FRAME_OPTIONS is SAMEORIGIN on purpose: Wagtail's live preview frames the page.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
