"""VTIMEZONE components for the events' iCalendar files, written as calendar apps write them."""

import calendar as calendar_module
import datetime
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from caseclub_wagtail.events.recurrence import WEEKDAYS as WEEKDAY_CODES
from caseclub_wagtail.events.time_zones import known_zone

# --- VTIMEZONE -------------------------------------------------------------------------
#
# icalendar's own VTIMEZONE lists every change as an RDATE value, with onsets given in the
# new offset. Outlook is known to misread RDATE lists, vobject (and the servers built on it)
# keeps only their first value, and RFC 5545 wants the onset in the offset before the
# change. So zones are written here as calendar apps themselves write them: a yearly rule
# for each recurring change (RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU), a plain onset for a
# one-off change, and only the observances that the file's dates need.


@dataclass(frozen=True)
class Transition:
    """A change of a zone's offset, daylight flag or abbreviation."""

    instant: datetime.datetime  # UTC
    before: tuple  # (utcoffset, dst, tzname)
    after: tuple

    @property
    def onset(self) -> datetime.datetime:
        """The local wall time of the change, in the offset before it (RFC 5545, 3.8.3.3)."""
        return (self.instant + self.before[0]).replace(tzinfo=None)

    @property
    def pattern(self) -> tuple:
        """What makes this the same yearly change as another: month, nth weekday, time."""
        onset = self.onset
        days_in_month = calendar_module.monthrange(onset.year, onset.month)[1]
        nth = -1 if onset.day > days_in_month - 7 else (onset.day - 1) // 7 + 1
        offset_to, dst, name = self.after
        return (
            bool(dst),
            self.before[0],
            offset_to,
            name,
            onset.month,
            nth,
            onset.weekday(),
            onset.time(),
        )


def zone_state(zone: ZoneInfo, timestamp: int) -> tuple:
    local = datetime.datetime.fromtimestamp(timestamp, zone)
    return local.utcoffset(), local.dst(), local.tzname()


@functools.lru_cache(maxsize=128)
def zone_transitions(tzid: str, first_year: int, last_year: int) -> tuple[Transition, ...]:
    """The zone's changes from 1 January ``first_year`` to 1 January ``last_year`` (UTC)."""
    zone = ZoneInfo(tzid)
    moment = int(datetime.datetime(first_year, 1, 1, tzinfo=datetime.UTC).timestamp())
    end = int(datetime.datetime(last_year, 1, 1, tzinfo=datetime.UTC).timestamp())
    day = 24 * 3600
    found = []
    before = zone_state(zone, moment)
    while moment < end:
        if zone_state(zone, moment + day) == before:
            moment += day
            continue
        low, high = moment, moment + day  # the change is in (low, high]
        while high - low > 1:
            middle = (low + high) // 2
            if zone_state(zone, middle) == before:
                low = middle
            else:
                high = middle
        after = zone_state(zone, high)
        instant = datetime.datetime.fromtimestamp(high, datetime.UTC)
        found.append(Transition(instant, before, after))
        before, moment = after, high
    return tuple(found)


def vtimezone(tzid: str, since: datetime.datetime, until_year: int) -> icalendar.Timezone | None:
    """A VTIMEZONE for ``tzid``, right from ``since`` on; None for a zone not known here."""
    zone = known_zone(tzid)
    if zone is None:
        return None
    first_year = since.year - 1
    transitions = zone_transitions(tzid, first_year, until_year)

    groups: list[list[Transition]] = []  # the same change in consecutive years
    latest: dict[tuple, list[Transition]] = {}
    for transition in transitions:
        group = latest.get(transition.pattern)
        if group and group[-1].onset.year == transition.onset.year - 1:
            group.append(transition)
        else:
            group = [transition]
            groups.append(group)
            latest[transition.pattern] = group

    earlier = [t for t in transitions if t.instant <= since]
    in_effect = earlier[-1] if earlier else None
    component = icalendar.Timezone()
    component.add("tzid", tzid)
    if in_effect is None:
        # No change in the year before the file's first date: say what held then.
        start = datetime.datetime(first_year, 1, 1, tzinfo=datetime.UTC)
        offset, dst, name = zone_state(zone, int(start.timestamp()))
        component.add_component(
            observance(bool(dst), offset, offset, name, (start + offset).replace(tzinfo=None))
        )
    for group in groups:
        if group[-1].instant < since and in_effect not in group:
            continue
        first = group[0]
        offset_to, dst, name = first.after
        part = observance(bool(dst), first.before[0], offset_to, name, first.onset)
        if len(group) > 1:
            rule = {
                "FREQ": "YEARLY",
                "BYMONTH": first.onset.month,
                "BYDAY": f"{first.pattern[5]}{WEEKDAY_CODES[first.onset.weekday()]}",
            }
            if group[-1].onset.year < until_year - 1:
                # In UTC, as RFC 5545 wants; a day late, because some readers compare it
                # with the onset's wall time and would lose the last change.
                rule["UNTIL"] = group[-1].instant + datetime.timedelta(days=1)
            part.add("rrule", rule)
        component.add_component(part)
    return component


def observance(dst: bool, offset_from, offset_to, name, onset: datetime.datetime):
    part = icalendar.TimezoneDaylight() if dst else icalendar.TimezoneStandard()
    part.add("dtstart", onset)
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    if name:
        part.add("tzname", name)
    return part
