"""System checks that tell a host site what it still has to configure."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template

from caseclub_wagtail import conf
from caseclub_wagtail.core.private_files import has_private_storage

REQUIRED_APPS = [
    "wagtail",
    "wagtail.admin",
    "wagtail.documents",
    "wagtail.embeds",
    "wagtail.images",
    "wagtail.search",
    "wagtail.snippets",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
]


@register(Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    """Each app the package relies on must be in INSTALLED_APPS."""
    return [
        Error(
            f"caseclub_wagtail needs '{app}' in INSTALLED_APPS.",
            hint=f"Add '{app}' to INSTALLED_APPS (see the README's install steps).",
            id="caseclub_wagtail.E001",
        )
        for app in REQUIRED_APPS
        if not apps.is_installed(app)
    ]


@register(Tags.templates)
def check_base_template(app_configs, **kwargs):
    """The host's base template must exist, or every public page fails."""
    name = conf.get("BASE_TEMPLATE")
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            Error(
                f"The base template '{name}' set in CASECLUB_WAGTAIL['BASE_TEMPLATE'] "
                "cannot be found.",
                hint="Create it, or name the host site's own base template in "
                "CASECLUB_WAGTAIL['BASE_TEMPLATE'].",
                id="caseclub_wagtail.E002",
            )
        ]
    except TemplateSyntaxError as error:
        return [
            Error(
                f"The base template '{name}' has a syntax error: {error}",
                hint="Fix the template; every public page of caseclub_wagtail extends it.",
                id="caseclub_wagtail.E003",
            )
        ]
    return []


@register(Tags.security)
def check_private_storage(app_configs, **kwargs):
    """The files people send need a storage of their own, never served at a public URL."""
    if has_private_storage():
        return []
    return [
        Warning(
            f"STORAGES has no '{conf.get('PRIVATE_STORAGE')}' alias for the files sent with "
            "appeals; they are kept in a 'caseclub_private' folder beside MEDIA_ROOT.",
            hint="Add the alias to STORAGES, with a storage that no web server serves "
            "(see the README), or name yours in CASECLUB_WAGTAIL['PRIVATE_STORAGE'].",
            id="caseclub_wagtail.W010",
        )
    ]


# Caches that each process keeps to itself, or that keep nothing.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Deployed, the rate limit and the kept feeds need a cache every worker shares."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES or not conf.get("FORM_RATE_LIMIT"):
        return []
    return [
        Warning(
            f"The default cache is {backend.rsplit('.', 1)[-1]}: each worker process counts "
            "the public forms' rate limit (and keeps the built feeds) on its own, so "
            "several workers let through several times FORM_RATE_LIMIT.",
            hint="Use a cache the workers share (Django's RedisCache, Memcached or the "
            "database cache) as CACHES['default'].",
            id="caseclub_wagtail.W011",
        )
    ]
