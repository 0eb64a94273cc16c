"""The one check of an event's time zone: an IANA name this machine's zone database knows."""

import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail import conf

# Read once: the list comes from walking the zone database on disk.
available_zones = functools.cache(zoneinfo.available_timezones)


def known_zone(name) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name``; none when it is not a known IANA name."""
    if isinstance(name, str) and name in available_zones():
        return zoneinfo.ZoneInfo(name)
    return None


def default_time_zone() -> str:
    """The zone a new event gets: the package's setting, else the site's ``TIME_ZONE``."""
    return conf.get("DEFAULT_TIME_ZONE") or settings.TIME_ZONE


def validate_time_zone(value: str):
    """Refuse a name that is not a known IANA time zone, with a translated message."""
    if known_zone(value) is None:
        raise ValidationError(
            _("“%(zone)s” is not a known time zone. Use an IANA name such as Europe/Volgograd."),
            params={"zone": value},
            code="unknown_time_zone",
        )
