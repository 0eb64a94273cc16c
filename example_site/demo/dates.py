"""Dates in the demo's data files that are counted from the day the loader runs.

A date in a TOML file is either a TOML date (``2023-03-14``), used as it is, or an inline
table counted from today, read in this order:

``months`` and ``weekday`` with ``nth``
    the ``nth`` given weekday of the month ``months`` after (or before) this month:
    ``{ months = -4, weekday = "thursday", nth = 2 }`` is the second Thursday four
    months ago;
``days``
    that many days later (earlier if negative);
``weekday`` without ``nth``
    the first such weekday on or after that day;
``skip_new_year_holidays = true``
    if the week from that day would touch the New Year holidays (25 December to
    10 January), the first Monday on or after 11 January instead;
``from``
    count from another field of the same record rather than from today:
    ``end = { from = "start", time = "20:00" }``;
``time``
    a wall-clock time (``"18:30"``), for fields that hold a date and a time.

For a field that holds a date and a time, a date without ``time`` is midnight.
"""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Spelled out: calendar.day_name follows the locale.
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
KEYS = {"months", "weekday", "nth", "days", "skip_new_year_holidays", "from", "time"}


def month_shift(day: date, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` given weekday of a month, e.g. its second Thursday."""
    first_weekday, _days = calendar.monthrange(year, month)
    first = 1 + (weekday - first_weekday) % 7
    return date(year, month, first + 7 * (nth - 1))


def next_weekday(day: date, weekday: int) -> date:
    """The first ``weekday`` on or after ``day``."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def after_new_year_holidays(day: date) -> date:
    """``day``, or the first Monday after the New Year holidays if its week would touch them."""
    if (day.month == 12 and day.day > 24) or (day.month == 1 and day.day < 11):
        year = day.year + 1 if day.month == 12 else day.year
        return next_weekday(date(year, 1, 11), calendar.MONDAY)
    return day


def relative_date(spec: dict, start: date) -> date:
    """The date ``spec`` names, counted from ``start`` (see the module's docstring)."""
    unknown = set(spec) - KEYS
    if unknown:
        raise ValueError(f"unknown keys in a relative date: {', '.join(sorted(unknown))}")
    day = start
    if "nth" in spec:
        year, month = month_shift(day, spec.get("months", 0))
        day = nth_weekday(year, month, weekday_number(spec["weekday"]), spec["nth"])
    elif "months" in spec:
        raise ValueError("a relative date with «months» also needs «weekday» and «nth»")
    day += timedelta(days=spec.get("days", 0))
    if "weekday" in spec and "nth" not in spec:
        day = next_weekday(day, weekday_number(spec["weekday"]))
    if spec.get("skip_new_year_holidays"):
        day = after_new_year_holidays(day)
    return day


def weekday_number(name: str) -> int:
    """0 for ``"monday"`` to 6 for ``"sunday"``."""
    try:
        return WEEKDAYS.index(name.lower())
    except ValueError:
        raise ValueError(f"unknown weekday «{name}»; use one of {', '.join(WEEKDAYS)}") from None


def resolve(value, today: date, known: dict, zone: ZoneInfo | None = None):
    """A field's value: a relative date resolved, anything else as it is.

    ``known`` holds the record's fields resolved so far, for ``from``; ``zone`` is given for
    a field that holds a date and a time, which then becomes an aware datetime.
    """
    if not isinstance(value, dict):
        return value
    start = today
    if "from" in value:
        if value["from"] not in known:
            raise ValueError(f"«from» names «{value['from']}», which is not set before it")
        start = known[value["from"]]
        start = start.date() if isinstance(start, datetime) else start
    day = relative_date(value, start)
    if zone is None:
        if "time" in value:
            raise ValueError("«time» is only for a field that holds a date and a time")
        return day
    wall_clock = time.fromisoformat(value["time"]) if "time" in value else time()
    return datetime.combine(day, wall_clock, tzinfo=zone)
