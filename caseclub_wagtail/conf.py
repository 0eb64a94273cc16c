"""The package's settings: one ``CASECLUB_WAGTAIL`` dict, read with defaults."""

from django.conf import settings as django_settings
from django.core.signals import setting_changed

SETTING_NAME = "CASECLUB_WAGTAIL"

DEFAULTS = {
    # The host site's template that every public page of the package extends.
    "BASE_TEMPLATE": "base.html",
    # The class of the element that holds every public page of the package, besides
    # "caseclub". The default is the package's own container: a readable width, centred,
    # with side padding only where the host's layout gives none. A host names its own
    # container class here (for example "container") to lay the pages out exactly as its
    # own pages, or "" for no container at all.
    "CONTAINER_CLASS": "caseclub-container",
    # Members shown on one page of the public directory.
    "MEMBERS_PER_PAGE": 24,
    # Rendition filter for member photos in the directory and on profiles.
    "MEMBER_PHOTO_FILTER": "fill-160x160",
    # How long a front end or a proxy may keep an API answer, in seconds.
    "API_CACHE_SECONDS": 60,
    # A decoupled front end's preview URL, with {token} in it; None keeps Wagtail's own
    # server-rendered preview of the package's pages.
    "PREVIEW_URL": None,
    # How long a preview token stays valid, in seconds.
    "PREVIEW_TOKEN_SECONDS": 3600,
    # The time zone new events start in; None means the site's TIME_ZONE.
    "DEFAULT_TIME_ZONE": None,
    # How far ahead a repeating event's occurrences are stored, in days.
    "EVENT_HORIZON_DAYS": 730,
    # The most occurrences one repeating event may have within the horizon.
    "EVENT_MAX_OCCURRENCES": 500,
    # How many days back the index's iCalendar feed reaches: it holds the events that take
    # place from then up to EVENT_HORIZON_DAYS ahead. A subscriber asks for more with
    # ?past=<days> (at most ten years).
    "FEED_PAST_DAYS": 90,
    # How long a built feed (the iCalendar files, the case library's RSS) is kept in
    # Django's cache, in seconds. It is built again sooner when an event or case it shows
    # is published, unpublished, moved or deleted, and each day as the dates move on.
    # 0: never cached.
    "FEED_CACHE_SECONDS": 6 * 60 * 60,
    # Occurrences on one page of the event listings.
    "EVENTS_PER_PAGE": 12,
    # Cases on one page of the case library.
    "CASES_PER_PAGE": 12,
    # Organisations' public phone numbers (hotlines), in any format, that published case texts
    # may name; any other phone number in them is refused as a resident's contact.
    "PUBLIC_PHONE_NUMBERS": [],
    # Organisations' e-mail domains (e.g. "gzhi.volganet.ru"; subdomains included) whose
    # addresses published case texts may name; any other address is refused.
    "PUBLIC_EMAIL_DOMAINS": [],
    # How many submissions of the public forms one address (IP) may send, as django-ratelimit
    # spells a rate ("10/h", "30/d"); None: no limit. Counted on Django's cache, so a site
    # run by several processes needs a shared cache (Redis, Memcached, the database).
    "FORM_RATE_LIMIT": "10/h",
    # A public form sent sooner than this many seconds after it was shown is refused as a
    # program's; 0: no minimum. A person never takes less than a few seconds.
    "FORM_MIN_SECONDS": 3,
    # How many days after its date a registration's personal data is removed by
    # `manage.py caseclub_purge_personal_data` (152-ФЗ: kept no longer than needed).
    "PERSONAL_DATA_DAYS": 365,
    # The largest file an appeal may carry, in megabytes (at most three files, images or PDF).
    "APPEAL_ATTACHMENT_MB": 10,
    # The alias in STORAGES of the private storage of the files people send (appeals'
    # attachments): never served at a public URL. Without the alias, a folder
    # "caseclub_private" beside MEDIA_ROOT is used (and `manage.py check` warns).
    "PRIVATE_STORAGE": "caseclub_private",
}

_settings = None


def get(name: str):
    """Return the value of one package setting, falling back to its default."""
    global _settings
    if name not in DEFAULTS:
        raise KeyError(f"Unknown {SETTING_NAME} setting: {name}")
    if _settings is None:
        # Built whole, then stored in one step, so another thread never sees half of it.
        _settings = {**DEFAULTS, **getattr(django_settings, SETTING_NAME, {})}
    return _settings[name]


def _reload(*, setting, **kwargs):
    global _settings
    if setting == SETTING_NAME:
        _settings = None


setting_changed.connect(_reload)
