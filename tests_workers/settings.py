"""The production settings, as the multi-worker tests run them (`make test-workers`).

Only what a test needs is added: the worker's pid in a header, a rate limit small enough
to reach, a database of its own, static files not compressed, and e-mails kept, not sent.
The environment gives the rest, as in production (DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY, …).
"""

import os
import secrets

# One secret and one cache prefix for the test process and both workers, new each run:
# the workers inherit this process's environment.
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DJANGO_CACHE_KEY_PREFIX", f"caseclub-workers-{secrets.token_hex(6)}")

from example_site.settings.production import *  # noqa: E402, F403
from example_site.settings.production import DATABASES, MIDDLEWARE, STORAGES  # noqa: E402

MIDDLEWARE = ["tests_workers.middleware.worker_pid", *MIDDLEWARE]

# pytest-django builds this database afresh; another run on the same server keeps apart.
DATABASES["default"]["TEST"] = {"NAME": "caseclub_workers_test"}

CASECLUB_WAGTAIL = {
    "BASE_TEMPLATE": "base.html",
    "FORM_RATE_LIMIT": "5/h",
    "FORM_MIN_SECONDS": 1,
}

# The same hashed names as production's storage, without compressing every file (minutes of
# collectstatic on a small machine); WhiteNoise serves them as it would the compressed ones.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
