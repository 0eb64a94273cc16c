"""Expanding an event's repeat rule into occurrences, with python-dateutil's rrule.

Rules are expanded in the event's own time zone on naive wall-clock times, and
each occurrence is made aware afterwards, so a weekly 18:00 meeting stays at
18:00 local time across a daylight-saving change.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import rrule

from caseclub_wagtail.events.choices import MonthlyRepeatBy

FREQUENCIES = {
    "daily": rrule.DAILY,
    "weekly": rrule.WEEKLY,
    "monthly": rrule.MONTHLY,
    "yearly": rrule.YEARLY,
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_OBJECTS = dict(zip(WEEKDAYS, rrule.weekdays, strict=True))


@dataclass(frozen=True)
class Rule:
    """An event's repeat rule, independent of the database."""

    frequency: str  # "" for no repetition, or a key of FREQUENCIES
    interval: int = 1
    weekdays: tuple[str, ...] = ()  # for weekly rules: "MO" … "SU"
    monthly_by_weekday: bool = False  # "second Thursday" rather than "the 12th"
    # "the last Thursday" even when the start is also the fourth one
    monthly_by_last_weekday: bool = False
    until: datetime.date | None = None
    count: int | None = None

    @property
    def repeats(self) -> bool:
        return bool(self.frequency)


def nth_weekday(day: datetime.date) -> int:
    """Which occurrence of its weekday ``day`` is in its month: 1…4, or -1 for a fifth."""
    nth = (day.day - 1) // 7 + 1
    # Not every month has a fifth Thursday: like Google Calendar and Outlook, a series
    # from one repeats on the last. A fourth stays the fourth even when it is the last.
    return -1 if nth == 5 else nth


def is_last_weekday(day: datetime.date) -> bool:
    """Whether ``day`` is the last of its weekday in its month."""
    return (day + datetime.timedelta(days=7)).month != day.month


def monthly_position(rule: Rule, day: datetime.date) -> int:
    """The position of the weekday a monthly series from ``day`` repeats on: 1…4, or -1."""
    return -1 if rule.monthly_by_last_weekday else nth_weekday(day)


def build_rrule(rule: Rule, first_start: datetime.datetime) -> rrule.rrule:
    """The dateutil rule for ``rule``, starting at the naive wall time ``first_start``."""
    kwargs = {"dtstart": first_start, "interval": max(rule.interval, 1)}
    if rule.frequency == "weekly" and rule.weekdays:
        kwargs["byweekday"] = [WEEKDAY_OBJECTS[code] for code in rule.weekdays]
    if rule.frequency == "monthly" and rule.monthly_by_weekday:
        weekday = rrule.weekdays[first_start.weekday()]
        kwargs["byweekday"] = [weekday(monthly_position(rule, first_start.date()))]
    if rule.until:
        kwargs["until"] = datetime.datetime.combine(rule.until, datetime.time.max)
    if rule.count:
        kwargs["count"] = rule.count
    return rrule.rrule(FREQUENCIES[rule.frequency], **kwargs)


def wall_starts(
    rule: Rule, first_start: datetime.datetime, horizon: datetime.datetime, limit: int
) -> list[datetime.datetime]:
    """Naive wall-clock starts of the series, up to ``horizon``, at most ``limit`` + 1."""
    if not rule.repeats:
        return [first_start]
    starts = []
    for start in build_rrule(rule, first_start):
        if start > horizon or len(starts) > limit:
            break
        starts.append(start)
    return starts


def make_aware(wall: datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    """Attach ``zone`` to a wall time; a time skipped by a clock change moves forward."""
    aware = wall.replace(tzinfo=zone)
    # Round-trip through UTC: a non-existent local time (spring forward) comes back shifted.
    return aware.astimezone(datetime.UTC).astimezone(zone)


def to_ical_rrule(
    rule: Rule, first_start: datetime.datetime, zone: ZoneInfo, all_day: bool = False
) -> dict:
    """The rule as the ``icalendar`` library's RRULE value (RFC 5545, 3.3.10)."""
    value = {"FREQ": rule.frequency.upper()}
    if rule.interval > 1:
        value["INTERVAL"] = rule.interval
    if rule.frequency == "weekly" and rule.weekdays:
        value["BYDAY"] = list(rule.weekdays)
    if rule.frequency == "monthly" and rule.monthly_by_weekday:
        code = WEEKDAYS[first_start.weekday()]
        value["BYDAY"] = [f"{monthly_position(rule, first_start.date())}{code}"]
    if rule.count:
        value["COUNT"] = rule.count
    elif rule.until and all_day:
        value["UNTIL"] = rule.until
    elif rule.until:
        # With a TZID start, UNTIL must be given in UTC.
        last = make_aware(datetime.datetime.combine(rule.until, datetime.time(23, 59, 59)), zone)
        value["UNTIL"] = last.astimezone(datetime.UTC)
    return value


# The event fields a rule is built from, in ``EventPage`` and in its edit form alike.
RULE_FIELDS = (
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_monthly_by",
    "repeat_until",
    "repeat_count",
)


def rule_from_fields(fields: Mapping) -> Rule:
    """The rule an event's repeat fields describe: a page's own, or an edit form's data."""
    monthly_by = fields.get("repeat_monthly_by")
    weekdays = fields.get("repeat_weekdays") or ""
    return Rule(
        frequency=fields.get("repeat") or "",
        interval=fields.get("repeat_interval") or 1,
        weekdays=tuple(code for code in weekdays.split(",") if code in WEEKDAYS),
        monthly_by_weekday=monthly_by in (MonthlyRepeatBy.WEEKDAY, MonthlyRepeatBy.LAST_WEEKDAY),
        monthly_by_last_weekday=monthly_by == MonthlyRepeatBy.LAST_WEEKDAY,
        until=fields.get("repeat_until"),
        count=fields.get("repeat_count"),
    )
