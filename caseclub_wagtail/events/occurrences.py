"""Storing the occurrences of published events, so no request expands a rule.

Each function takes an ``EventPage``; this module sits below the page model, which
calls ``sync_occurrences`` from its ``save()``, so it does not import the page.
"""

import datetime
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from caseclub_wagtail import conf
from caseclub_wagtail.core.date_range import (
    FIRST_YEAR,
    LAST_YEAR,
    logger,
    moment_in_range,
    year_in_range,
)
from caseclub_wagtail.events.choices import EventStatus, OccurrenceAction
from caseclub_wagtail.events.occurrence_models import EventOccurrence
from caseclub_wagtail.events.recurrence import make_aware, wall_starts
from caseclub_wagtail.events.spans import local_days
from caseclub_wagtail.registrations.notices import schedule, tell_registrants


def horizon_for(event) -> datetime.datetime:
    """The naive wall time, in the event's zone, up to which occurrences are stored."""
    now = timezone.now().astimezone(event.zone).replace(tzinfo=None)
    return now + datetime.timedelta(days=conf.get("EVENT_HORIZON_DAYS"))


def series_wall_starts(event) -> list[datetime.datetime]:
    """The naive wall-clock starts of the series, before any change to single dates."""
    first = event.local_start.replace(tzinfo=None)
    horizon = max(horizon_for(event), first)
    return wall_starts(event.rule, first, horizon, conf.get("EVENT_MAX_OCCURRENCES"))


def has_dates_in_range(event) -> bool:
    """Whether the event's dates are safe to expand; if not, say so in the log."""
    if (
        moment_in_range(event.start)
        and moment_in_range(event.end)
        and year_in_range(event.repeat_until)
    ):
        return True
    logger.warning(
        "Event %s (%s) has dates outside %s to %s (start %s, end %s, until %s): it is left "
        "out of listings and feeds until its dates are corrected.",
        event.pk,
        event.title,
        FIRST_YEAR,
        LAST_YEAR,
        event.start,
        event.end,
        event.repeat_until,
    )
    return False


def build_occurrences(event) -> list[EventOccurrence]:
    """The unsaved occurrences of ``event``, with cancelled and moved dates applied.

    An event whose dates are out of range has none, and a date moved out of range is left
    out: only code can write such dates, and they would overflow here.
    """
    if not has_dates_in_range(event):
        return []
    zone = event.zone
    wall_duration = event.local_end.replace(tzinfo=None) - event.local_start.replace(tzinfo=None)
    changes = {change.original_date: change for change in event.occurrence_changes.all()}
    occurrences = []
    for wall in series_wall_starts(event)[: conf.get("EVENT_MAX_OCCURRENCES")]:
        original_start = make_aware(wall, zone)
        occurrence = EventOccurrence(
            event=event,
            start=original_start,
            end=make_aware(wall + wall_duration, zone),
            original_start=original_start,
            status=event.status,
            note=event.status_note,
        )
        change = changes.get(wall.date())
        if change is not None and change.action == OccurrenceAction.CANCEL:
            occurrence.status = EventStatus.CANCELLED
            occurrence.note = change.note
        elif change is not None and change.action == OccurrenceAction.MOVE:
            if not year_in_range(change.new_date):
                logger.warning(
                    "Event %s (%s): the date %s is moved to %s, outside %s to %s; left out.",
                    event.pk,
                    event.title,
                    change.original_date,
                    change.new_date,
                    FIRST_YEAR,
                    LAST_YEAR,
                )
                continue
            new_time = change.new_start_time or wall.time()
            new_wall = datetime.datetime.combine(change.new_date, new_time)
            if change.new_end_time:
                new_end = datetime.datetime.combine(change.new_date, change.new_end_time)
            else:
                new_end = new_wall + wall_duration
            occurrence.start = make_aware(new_wall, zone)
            occurrence.end = make_aware(new_end, zone)
            occurrence.status = EventStatus.RESCHEDULED
            occurrence.note = change.note
            occurrence.is_moved = True
        occurrence.first_day, occurrence.last_day = local_days(
            occurrence.start.astimezone(zone), occurrence.end, event.all_day
        )
        occurrences.append(occurrence)
    return occurrences


def schedule_fingerprint(event) -> str:
    """A digest of everything that decides when the event happens."""
    changes = sorted(
        [
            str(c.original_date),
            c.action,
            str(c.new_date),
            str(c.new_start_time),
            str(c.new_end_time),
        ]
        for c in event.occurrence_changes.all()
    )
    rule = event.rule
    data = [
        # In UTC: the same instant loaded from a revision or the database prints alike.
        event.start.astimezone(datetime.UTC).isoformat(),
        event.end.astimezone(datetime.UTC).isoformat(),
        event.time_zone,
        event.all_day,
        event.status,
        [
            rule.frequency,
            rule.interval,
            rule.weekdays,
            rule.monthly_by_weekday,
            rule.monthly_by_last_weekday,
        ],
        [str(rule.until), rule.count],
        changes,
    ]
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


@transaction.atomic
def rebuild_occurrences(event) -> int:
    """Replace the stored occurrences of a published event; return how many there are."""
    fingerprint = schedule_fingerprint(event)
    if event.schedule_fingerprint and event.schedule_fingerprint != fingerprint:
        # Calendar apps take an update only when SEQUENCE grows (RFC 5545, 3.8.7.4).
        event.sequence += 1
    if event.schedule_fingerprint != fingerprint:
        event.schedule_fingerprint = fingerprint
        type(event).objects.filter(pk=event.pk).update(
            sequence=event.sequence, schedule_fingerprint=fingerprint
        )
    stored = EventOccurrence.objects.filter(event=event)
    before = schedule(event, stored)
    stored.delete()
    occurrences = EventOccurrence.objects.bulk_create(build_occurrences(event))
    # After the new dates are written: the e-mails leave only if the page's save commits.
    tell_registrants(event, before, schedule(event, occurrences))
    return len(occurrences)


def sync_occurrences(event) -> None:
    """Store the occurrences of a live event, or none for one that is not live."""
    if event.live:
        rebuild_occurrences(event)
    else:
        remove_occurrences(event)


def remove_occurrences(event) -> None:
    """An unpublished event has no occurrences."""
    EventOccurrence.objects.filter(event=event).delete()
