"""The range of dates events may have, and guards for dates stored outside it.

Python's dates end at the years 1 and 9999: moving an instant near either end into
another zone, or adding a week to it, overflows. Editors may only type dates from
FIRST_YEAR to LAST_YEAR. A date written outside them by code (a script, an import) is
left out of the stored occurrences, the listings and the feeds, and clamped where a
page must still show it, each time with a warning in the log.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("caseclub_wagtail")

FIRST_YEAR = 1900
LAST_YEAR = 2200
# Stored instants are checked with a day's slack either side: a wall time within the years
# above is at most 15 hours away in UTC, and far enough from Python's limits for any zone
# conversion or week-long arithmetic.
EARLIEST = datetime.datetime(FIRST_YEAR - 1, 12, 31, tzinfo=datetime.UTC)
LATEST = datetime.datetime(LAST_YEAR + 1, 1, 2, tzinfo=datetime.UTC)


def year_in_range(value: datetime.date | None) -> bool:
    """Whether a typed date or wall time is within FIRST_YEAR to LAST_YEAR; None passes."""
    return value is None or FIRST_YEAR <= value.year <= LAST_YEAR


def moment_in_range(value: datetime.datetime | None) -> bool:
    """Whether an aware instant is safe to convert and to compute with; None passes."""
    if value is None:
        return True
    if value.tzinfo is None:
        return year_in_range(value)
    return EARLIEST <= value <= LATEST


def out_of_range_error() -> ValidationError:
    """The editor's error for a date outside FIRST_YEAR to LAST_YEAR."""
    return ValidationError(
        _("Enter a date from %(first)s to %(last)s."),
        params={"first": FIRST_YEAR, "last": LAST_YEAR},
        code="date_out_of_range",
    )


def check_year(value: datetime.date | None) -> None:
    """Raise the editor's error for a typed date outside FIRST_YEAR to LAST_YEAR."""
    if not year_in_range(value):
        raise out_of_range_error()


def clamp(value: datetime.datetime, what: object = "") -> datetime.datetime:
    """``value`` moved into the safe range, with a warning if it had to be moved."""
    if moment_in_range(value):
        return value
    logger.warning(
        "%s has a date outside %s to %s (%s): shown as the nearest date in the range.",
        what or "An event",
        FIRST_YEAR,
        LAST_YEAR,
        value.isoformat(),
    )
    return min(max(value, EARLIEST), LATEST)


def stored_in_range() -> Q:
    """Stored occurrences (or events) whose start and end are both safe to show."""
    return Q(start__gte=EARLIEST, start__lte=LATEST, end__gte=EARLIEST, end__lte=LATEST)
