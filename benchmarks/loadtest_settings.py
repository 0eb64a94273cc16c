"""The production settings as `make loadtest` runs them on 127.0.0.1.

What differs from production, and why:
- FORM_RATE_LIMIT is 1,000,000 an hour: every POST still counts in Redis, as in
  production, but the limit is never reached, so what is measured is the registration,
  not a stream of 429s (all the load comes from one address);
- FORM_MIN_SECONDS is 0: locust's users send the form as soon as they have read it;
- cookies are not Secure-only: the load test speaks plain HTTP, and a client keeps a
  Secure cookie (the CSRF cookie among them) only for HTTPS;
- e-mails are dropped (a dummy backend) instead of sent to an SMTP server;
- static files are hashed but not compressed: the load test requests none, and
  compressing every file takes minutes of collectstatic on a small machine.
"""

from example_site.settings.production import *  # noqa: F403
from example_site.settings.production import STORAGES

CASECLUB_WAGTAIL = {
    "BASE_TEMPLATE": "base.html",
    "FORM_RATE_LIMIT": "1000000/h",
    "FORM_MIN_SECONDS": 0,
}

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# The access log of every request would be the loudest thing measured; errors still show.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["stdout"], "level": "WARNING"},
}
