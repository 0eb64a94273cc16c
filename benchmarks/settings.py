"""The benchmark's settings: the example site's, on a database of its own.

SQLite in a temporary file by default; DATABASE_URL for PostgreSQL (the benchmark then
works in a database of its own, ``<name>_bench``, created and dropped as tests do).
"""

import os
import tempfile

import dj_database_url

from example_site.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "benchmarks.urls"
TEMPLATES[0]["DIRS"].append(os.path.join(os.path.dirname(__file__), "templates"))  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILADMIN_BASE_URL = "http://localhost"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(tempfile.gettempdir(), "caseclub_bench.sqlite3"),
        }
    }
DATABASES["default"]["TEST"] = {
    "NAME": (
        os.path.join(tempfile.gettempdir(), f"caseclub_bench_{os.getpid()}.sqlite3")
        if DATABASES["default"]["ENGINE"].endswith("sqlite3")
        else f"{DATABASES['default']['NAME']}_bench"
    )
}

# Django's local memory cache: what a single-server host has without configuring one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
