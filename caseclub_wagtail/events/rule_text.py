"""An event's repeat rule in words: "every second Thursday of the month at 18:00".

Russian words agree with the weekday (каждый четверг, каждую среду, каждое
воскресенье) and with the number (2 недели, 5 недель), so each phrase is one
whole translatable message, chosen from the tables below, and numbers go
through ngettext.
"""

import datetime

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from caseclub_wagtail.events.recurrence import WEEKDAYS, Rule, monthly_position

# "every Monday": in Russian the accusative, whose ending follows the weekday's gender.
EVERY_WEEKDAY = {
    "MO": gettext_lazy("every Monday"),
    "TU": gettext_lazy("every Tuesday"),
    "WE": gettext_lazy("every Wednesday"),
    "TH": gettext_lazy("every Thursday"),
    "FR": gettext_lazy("every Friday"),
    "SA": gettext_lazy("every Saturday"),
    "SU": gettext_lazy("every Sunday"),
}

# "every week on Mondays and Thursdays": in Russian the dative plural, after «по».
ON_WEEKDAYS = {
    "MO": pgettext_lazy("every week on …", "Mondays"),
    "TU": pgettext_lazy("every week on …", "Tuesdays"),
    "WE": pgettext_lazy("every week on …", "Wednesdays"),
    "TH": pgettext_lazy("every week on …", "Thursdays"),
    "FR": pgettext_lazy("every week on …", "Fridays"),
    "SA": pgettext_lazy("every week on …", "Saturdays"),
    "SU": pgettext_lazy("every week on …", "Sundays"),
}

# Keyed by the position of the weekday in its month (1…4, or -1 for the last) and the weekday.
EVERY_NTH_WEEKDAY = {
    (1, "MO"): gettext_lazy("every first Monday of the month"),
    (1, "TU"): gettext_lazy("every first Tuesday of the month"),
    (1, "WE"): gettext_lazy("every first Wednesday of the month"),
    (1, "TH"): gettext_lazy("every first Thursday of the month"),
    (1, "FR"): gettext_lazy("every first Friday of the month"),
    (1, "SA"): gettext_lazy("every first Saturday of the month"),
    (1, "SU"): gettext_lazy("every first Sunday of the month"),
    (2, "MO"): gettext_lazy("every second Monday of the month"),
    (2, "TU"): gettext_lazy("every second Tuesday of the month"),
    (2, "WE"): gettext_lazy("every second Wednesday of the month"),
    (2, "TH"): gettext_lazy("every second Thursday of the month"),
    (2, "FR"): gettext_lazy("every second Friday of the month"),
    (2, "SA"): gettext_lazy("every second Saturday of the month"),
    (2, "SU"): gettext_lazy("every second Sunday of the month"),
    (3, "MO"): gettext_lazy("every third Monday of the month"),
    (3, "TU"): gettext_lazy("every third Tuesday of the month"),
    (3, "WE"): gettext_lazy("every third Wednesday of the month"),
    (3, "TH"): gettext_lazy("every third Thursday of the month"),
    (3, "FR"): gettext_lazy("every third Friday of the month"),
    (3, "SA"): gettext_lazy("every third Saturday of the month"),
    (3, "SU"): gettext_lazy("every third Sunday of the month"),
    (4, "MO"): gettext_lazy("every fourth Monday of the month"),
    (4, "TU"): gettext_lazy("every fourth Tuesday of the month"),
    (4, "WE"): gettext_lazy("every fourth Wednesday of the month"),
    (4, "TH"): gettext_lazy("every fourth Thursday of the month"),
    (4, "FR"): gettext_lazy("every fourth Friday of the month"),
    (4, "SA"): gettext_lazy("every fourth Saturday of the month"),
    (4, "SU"): gettext_lazy("every fourth Sunday of the month"),
    (-1, "MO"): gettext_lazy("every last Monday of the month"),
    (-1, "TU"): gettext_lazy("every last Tuesday of the month"),
    (-1, "WE"): gettext_lazy("every last Wednesday of the month"),
    (-1, "TH"): gettext_lazy("every last Thursday of the month"),
    (-1, "FR"): gettext_lazy("every last Friday of the month"),
    (-1, "SA"): gettext_lazy("every last Saturday of the month"),
    (-1, "SU"): gettext_lazy("every last Sunday of the month"),
}


def weekday_list(codes) -> str:
    """The weekdays as "Mondays, Wednesdays and Fridays", in the week's order."""
    names = [str(ON_WEEKDAYS[code]) for code in WEEKDAYS if code in codes]
    if len(names) == 1:
        return names[0]
    return pgettext("joins the last two items of a list", "%(items)s and %(last)s") % {
        "items": ", ".join(names[:-1]),
        "last": names[-1],
    }


def daily(interval: int) -> str:
    if interval == 1:
        return _("every day")
    return ngettext("every %(count)s day", "every %(count)s days", interval) % {"count": interval}


def weekly(interval: int, codes: tuple[str, ...]) -> str:
    if interval == 1 and len(codes) == 1:
        return str(EVERY_WEEKDAY[codes[0]])
    weekdays = weekday_list(codes)
    if interval == 1:
        return _("every week on %(weekdays)s") % {"weekdays": weekdays}
    return ngettext(
        "every %(count)s week on %(weekdays)s", "every %(count)s weeks on %(weekdays)s", interval
    ) % {"count": interval, "weekdays": weekdays}


def day_of_month(day: int) -> str:
    """A day of the month as "the 12th" (English) or «12-го числа» (Russian)."""
    if day in (11, 12, 13):
        text = pgettext("day of the month: the 11th, 12th, 13th", "the %(day)sth")
    elif day % 10 == 1:
        text = pgettext("day of the month: the 1st, 21st, 31st", "the %(day)sst")
    elif day % 10 == 2:
        text = pgettext("day of the month: the 2nd, 22nd", "the %(day)snd")
    elif day % 10 == 3:
        text = pgettext("day of the month: the 3rd, 23rd", "the %(day)srd")
    else:
        text = pgettext("day of the month: the 4th … 30th", "the %(day)sth")
    return text % {"day": day}


def monthly_by_day(interval: int, day: int) -> str:
    params = {"count": interval, "day": day_of_month(day)}
    if interval == 1:
        return _("every month on %(day)s") % params
    return (
        ngettext("every %(count)s month on %(day)s", "every %(count)s months on %(day)s", interval)
        % params
    )


def every_nth_month(text: str, interval: int) -> str:
    """Add "…, every 2 months", after the time, so the weekday and its time stay together."""
    if interval == 1:
        return text
    return ngettext(
        "%(rule)s, every %(count)s month", "%(rule)s, every %(count)s months", interval
    ) % {"rule": text, "count": interval}


def yearly(interval: int, day: datetime.date) -> str:
    params = {
        "count": interval,
        "date": date_format(day, pgettext("day and month of a yearly repeat rule", "F j")),
    }
    if interval == 1:
        return _("every year on %(date)s") % params
    return (
        ngettext("every %(count)s year on %(date)s", "every %(count)s years on %(date)s", interval)
        % params
    )


def describe(rule: Rule, first_start: datetime.datetime, all_day: bool = False) -> str:
    """The repeat rule in words, in the active language; empty if the event does not repeat.

    ``first_start`` is the first start as the event's own zone reads it.
    """
    if not rule.repeats:
        return ""
    interval = max(rule.interval, 1)
    day = first_start.date()
    code = WEEKDAYS[day.weekday()]
    if rule.frequency == "daily":
        text = daily(interval)
    elif rule.frequency == "weekly":
        text = weekly(interval, rule.weekdays or (code,))
    elif rule.frequency == "monthly" and rule.monthly_by_weekday:
        text = str(EVERY_NTH_WEEKDAY[monthly_position(rule, day), code])
    elif rule.frequency == "monthly":
        text = monthly_by_day(interval, day.day)
    else:
        text = yearly(interval, day)
    if not all_day:
        text = _("%(rule)s at %(time)s") % {
            "rule": text,
            "time": time_format(first_start.time(), "TIME_FORMAT"),
        }
    if rule.frequency == "monthly" and rule.monthly_by_weekday:
        text = every_nth_month(text, interval)
    if rule.count:
        text = ngettext("%(rule)s, %(count)s time", "%(rule)s, %(count)s times", rule.count) % {
            "rule": text,
            "count": rule.count,
        }
    elif rule.until:
        text = _("%(rule)s until %(date)s") % {
            "rule": text,
            "date": date_format(rule.until, "DATE_FORMAT"),
        }
    return text
