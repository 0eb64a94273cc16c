"""Settings shared by every environment of the example site."""

import os
from pathlib import Path

import dj_database_url

# The ``example_site`` folder: templates, static files, media and the SQLite file live here.
BASE_DIR = Path(__file__).resolve().parent.parent


INSTALLED_APPS = [
    "example_site.home",
    "example_site.demo",
    "caseclub_wagtail",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # Wagtail's own API (v2) at /api/v2/, beside the package's.
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    # The API's interactive documentation, from django-ninja's bundled Swagger UI.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# No LocaleMiddleware: the public site is in Russian, and each editor picks the
# admin language in their own account settings.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

# Wagtail's live preview shows the page in an iframe of the admin, on the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"


# Database: DATABASE_URL when set (e.g. postgres://user:pass@host/db), SQLite otherwise.

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
    ),
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts and wait for it, instead of
    # failing with "database is locked" when two requests write at once.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Internationalisation

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_I18N = True
TIME_ZONE = "Europe/Volgograd"
USE_TZ = True


# Static files and uploads

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"

MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # The files people send with appeals: outside MEDIA_ROOT, served only by the admin.
    "caseclub_private": {
        "BACKEND": "caseclub_wagtail.core.private_files.PrivateFileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "private_media"},
    },
}

# Complex pages in the Wagtail editor can exceed Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Wagtail

WAGTAIL_SITE_NAME = "Кейс-клуб ЖКХ"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Neither the update check nor Gravatar may call out to the internet: members'
# e-mail addresses are personal data.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]


# A decoupled front end on another origin may read the API: CASECLUB_CORS_ORIGINS names
# its origins, separated by commas (e.g. "https://club.example,http://localhost:5173").
# Unset, no CORS header is sent and browsers keep other origins out (django-cors-headers).

CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CASECLUB_CORS_ORIGINS", "").split(",")
    if origin.strip()
]
if CORS_ALLOWED_ORIGINS:
    INSTALLED_APPS.append("corsheaders")
    # Before CommonMiddleware, which may answer (a redirect) before CORS headers are added.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
        "corsheaders.middleware.CorsMiddleware",
    )
    # The APIs only: the site's pages and its admin stay same-origin.
    CORS_URLS_REGEX = r"^/api/"


# caseclub-wagtail

CASECLUB_WAGTAIL = {
    "BASE_TEMPLATE": "base.html",
}
