"""The package's settings: one ``CASECLUB_WAGTAIL`` dict, read with defaults."""

from django.conf import settings as django_settings
from django.core.signals import setting_changed

SETTING_NAME = "CASECLUB_WAGTAIL"

DEFAULTS = {
    # The host site's template that every public page of the package extends.
    "BASE_TEMPLATE": "base.html",
    # Members shown on one page of the public directory.
    "MEMBERS_PER_PAGE": 24,
    # Rendition filter for member photos in the directory and on profiles.
    "MEMBER_PHOTO_FILTER": "fill-160x160",
}

_cache = {}


def get(name: str):
    """Return the value of one package setting, falling back to its default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown {SETTING_NAME} setting: {name}")
    if not _cache:
        _cache.update(DEFAULTS)
        _cache.update(getattr(django_settings, SETTING_NAME, {}))
    return _cache[name]


def _reload(*, setting, **kwargs):
    if setting == SETTING_NAME:
        _cache.clear()


setting_changed.connect(_reload)
