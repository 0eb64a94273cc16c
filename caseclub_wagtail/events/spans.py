"""When an event happens, as its own time zone reads it: the one home of the day rules.

An all-day event's ``end`` is the start of its last day, so it lasts through that day;
a timed event that ends at midnight does not take place on the new day. Every listing,
feed, filter and stored ``first_day``/``last_day`` reads these rules here.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from caseclub_wagtail.core.date_range import clamp

ONE_DAY = datetime.timedelta(days=1)


def local_days(
    start: datetime.datetime, end: datetime.datetime, all_day: bool
) -> tuple[datetime.date, datetime.date]:
    """The first and last day a span takes place on, read in the zone of ``start``."""
    end = end.astimezone(start.tzinfo)
    if all_day or end <= start:
        return start.date(), max(end.date(), start.date())
    return start.date(), max((end - datetime.timedelta(microseconds=1)).date(), start.date())


def takes_place_until(end: datetime.datetime, all_day: bool, now: datetime.datetime) -> bool:
    """Whether something that ends at ``end`` has not ended by ``now``."""
    return end > now - ONE_DAY if all_day else end >= now


def not_ended_q(now: datetime.datetime) -> Q:
    """Occurrences that have not ended by ``now``: ``takes_place_until`` in SQL."""
    return Q(end__gte=now) | Q(event__all_day=True, end__gt=now - ONE_DAY)


def overlapping(first: datetime.datetime, after: datetime.datetime) -> Q:
    """Occurrences that take place at some time from ``first`` up to, not including, ``after``."""
    return Q(start__lt=after) & (
        Q(end__gt=first) | Q(event__all_day=True, end__gt=first - ONE_DAY)
    )


class Span:
    """When one event or occurrence happens, as its own time zone reads it."""

    def __init__(self, start, end, time_zone: str, all_day: bool, what: object = ""):
        zone = zoneinfo.ZoneInfo(time_zone)
        self.time_zone = time_zone
        self.all_day = all_day
        # Clamped: a date written out of range by code would overflow in its zone.
        self.start = clamp(start, what).astimezone(zone)
        self.end = clamp(end, what).astimezone(zone)

    @property
    def first_day(self) -> datetime.date:
        return local_days(self.start, self.end, self.all_day)[0]

    @property
    def last_day(self) -> datetime.date:
        """The last day the event takes place on."""
        return local_days(self.start, self.end, self.all_day)[1]

    @property
    def day_after(self) -> datetime.date:
        """The day after the last: the exclusive end that calendar apps read for whole days."""
        return self.last_day + ONE_DAY

    def is_over(self, now: datetime.datetime) -> bool:
        """Whether the event has ended by ``now`` (an all-day one lasts through its last day)."""
        return not takes_place_until(self.end, self.all_day, now)

    @property
    def zone_differs(self) -> bool:
        return self.time_zone != settings.TIME_ZONE

    @property
    def zone_label(self) -> str:
        offset = self.start.strftime("%z")
        return f"{self.time_zone}, UTC{offset[:3]}:{offset[3:]}"

    @property
    def start_iso(self) -> str:
        return self.first_day.isoformat() if self.all_day else self.start.isoformat()

    @property
    def end_iso(self) -> str:
        return self.last_day.isoformat() if self.all_day else self.end.isoformat()

    @property
    def time(self) -> str:
        """The start time alone, for the month grid; empty for all-day events."""
        return "" if self.all_day else date_format(self.start, "TIME_FORMAT")

    def __str__(self):
        text = self.all_day_text() if self.all_day else self.timed_text()
        if self.zone_differs and not self.all_day:
            return _("%(when)s (%(zone)s time)") % {"when": text, "zone": self.zone_label}
        return text

    def all_day_text(self) -> str:
        first, last = self.first_day, self.last_day
        if first == last:
            return date_format(first, "DATE_FORMAT")
        if (first.year, first.month) == (last.year, last.month):
            first_format = pgettext("first day of a date range within a month", "F j")
            last_format = pgettext("last day of a date range within a month", "j, Y")
        elif first.year == last.year:
            first_format = pgettext("first day of a date range within a year", "F j")
            last_format = pgettext("last day of a date range within a year", "F j, Y")
        else:
            first_format = last_format = "DATE_FORMAT"
        joiner = "–" if first.month == last.month and first.year == last.year else " – "
        return date_format(first, first_format) + joiner + date_format(last, last_format)

    def timed_text(self) -> str:
        start_time = date_format(self.start, "TIME_FORMAT")
        if self.end <= self.start:
            return _("%(date)s, %(start)s") % {
                "date": date_format(self.start, "DATE_FORMAT"),
                "start": start_time,
            }
        if self.first_day == self.last_day:
            return _("%(date)s, %(start)s–%(end)s") % {
                "date": date_format(self.start, "DATE_FORMAT"),
                "start": start_time,
                "end": date_format(self.end, "TIME_FORMAT"),
            }
        return _("%(start)s – %(end)s") % {
            "start": date_format(self.start, "DATETIME_FORMAT"),
            "end": date_format(self.end, "DATETIME_FORMAT"),
        }


def occurrence_span(occurrence) -> Span:
    """When one stored (or previewed) occurrence happens, as its event's zone reads it."""
    event = occurrence.event
    return Span(occurrence.start, occurrence.end, event.time_zone, event.all_day, event)


def is_upcoming(occurrence, now: datetime.datetime) -> bool:
    """``not_ended_q`` for one occurrence in memory."""
    return takes_place_until(occurrence.end, occurrence.event.all_day, now)
