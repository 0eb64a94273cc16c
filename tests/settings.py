"""Test settings: the example site's, as a host site would have them."""

import os
import tempfile

import dj_database_url

# The example site allows this front end's origin, as a host sets it in its environment.
os.environ.setdefault("CASECLUB_CORS_ORIGINS", "https://front.example")

from example_site.settings.base import *  # noqa: F403
from example_site.settings.base import BASE_DIR

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    # A file, not memory: the registry's concurrency test needs real connections.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "db.sqlite3"),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            "TEST": {
                "NAME": os.path.join(
                    tempfile.gettempdir(), f"caseclub_wagtail_test_{os.getpid()}.sqlite3"
                )
            },
        }
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Appeals' attachments go to a folder of this test run, never the example site's.
    "caseclub_private": {
        "BACKEND": "caseclub_wagtail.core.private_files.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": os.path.join(tempfile.gettempdir(), f"caseclub_private_{os.getpid()}")
        },
    },
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# CASECLUB_TEST_SEARCH_CONFIG=russian runs the suite as a host on PostgreSQL with the
# Russian text search configuration would (README, "Search").
if os.environ.get("CASECLUB_TEST_SEARCH_CONFIG"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": os.environ["CASECLUB_TEST_SEARCH_CONFIG"],
        }
    }

# Tasks run at once, as Wagtail 8's django-tasks runs them: on Wagtail 7.0 the search
# index would otherwise be updated only after a commit that a test never makes.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}
