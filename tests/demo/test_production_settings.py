"""The example site's production settings: what they read from the environment, and refuse."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = {
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-this-test-only",
    "DJANGO_ALLOWED_HOSTS": "club.example, www.club.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://club.example",
    "DATABASE_URL": "postgres://club:secret@db.internal:5432/club",
    "REDIS_URL": "redis://cache.internal:6379/2",
}
READ = """
import json
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "origins": settings.CSRF_TRUSTED_ORIGINS,
    "database": settings.DATABASES["default"],
    "cache": settings.CACHES["default"],
    "middleware": settings.MIDDLEWARE,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "root_handlers": settings.LOGGING["root"]["handlers"],
}, default=str))
"""


def load(env: dict) -> subprocess.CompletedProcess:
    """Start Django with the production settings in a clean environment."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + READ],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "example_site.settings.production",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_everything_particular_to_a_deployment_comes_from_the_environment():
    result = load(COMPLETE)

    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["debug"] is False
    assert settings["hosts"] == ["club.example", "www.club.example"]
    assert settings["origins"] == ["https://club.example"]
    assert settings["database"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings["database"]["HOST"] == "db.internal"
    assert settings["database"]["NAME"] == "club"
    assert settings["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["cache"]["LOCATION"] == "redis://cache.internal:6379/2"
    # WhiteNoise serves the collected files right after the security middleware.
    assert settings["middleware"][:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert settings["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["secure_cookies"] == [True, True]
    assert settings["root_handlers"] == ["stdout"]


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
)
def test_a_missing_variable_stops_start_up_naming_it(missing):
    env = {name: value for name, value in COMPLETE.items() if name != missing}

    result = load(env)

    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_sqlite_is_refused_for_several_workers():
    result = load({**COMPLETE, "DATABASE_URL": "sqlite:////tmp/club.sqlite3"})

    assert result.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL database" in result.stderr
