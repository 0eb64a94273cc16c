"""Settings for running the example site on a developer's machine."""

from .base import *  # noqa: F403

DEBUG = True

# INSECURE: a fixed key for local development only. Production reads its own
# key from DJANGO_SECRET_KEY; never deploy with this one.
SECRET_KEY = "django-insecure-caseclub-example-site-dev-only-do-not-deploy"  # noqa: S105

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
