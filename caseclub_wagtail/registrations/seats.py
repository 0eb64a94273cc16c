"""The dates of an event a person may register for, and the seats taken on each.

The event is the page object the caller holds: this module reads its fields and its
stored occurrences (``event.occurrences``) and never imports the event pages.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from caseclub_wagtail.core.date_range import moment_in_range
from caseclub_wagtail.core.safe_urls import safe_url
from caseclub_wagtail.registrations.choices import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    RegistrationStatus,
)
from caseclub_wagtail.registrations.models import EventRegistration

# The stored values of EventPage.registration and of a cancelled date (events.choices),
# repeated here because this room sits below the events.
INTERNAL = "internal"
EXTERNAL = "external"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class RegistrableDate:
    """One date of an event as registration sees it: keyed by the date as planned."""

    date: datetime.date  # the occurrence's original date in the event's zone
    start: datetime.datetime  # when it takes place now (a moved date starts elsewhere)
    end: datetime.datetime
    status: str
    closes_at: datetime.datetime

    @property
    def is_cancelled(self) -> bool:
        return self.status == CANCELLED

    def is_open(self, now: datetime.datetime) -> bool:
        """Whether a person may still register for this date."""
        return not self.is_cancelled and now < self.closes_at


@dataclass(frozen=True)
class Counts:
    taken: int = 0
    waiting: int = 0


def is_in_range(occurrence) -> bool:
    """Whether a stored date is safe to read in a zone: code may have stored year 9999."""
    return moment_in_range(occurrence.start) and moment_in_range(occurrence.original_start)


def planned_date(event, occurrence) -> datetime.date:
    """The date an occurrence was planned for, as the event's zone reads it."""
    return occurrence.original_start.astimezone(event.zone).date()


def closes_at(event, start: datetime.datetime) -> datetime.datetime:
    """When registration for a date starting at ``start`` closes."""
    return start - datetime.timedelta(hours=event.registration_closes or 0)


def registrable_date(event, occurrence) -> RegistrableDate:
    """The registration view of one stored occurrence."""
    return RegistrableDate(
        date=planned_date(event, occurrence),
        start=occurrence.start,
        end=occurrence.end,
        status=occurrence.status,
        closes_at=closes_at(event, occurrence.start),
    )


def event_dates(event) -> list[RegistrableDate]:
    """Every stored date of a published event, in order (one query).

    A date stored outside the editor's years is left out: nobody registers for it.
    """
    occurrences = event.occurrences.order_by("start", "pk")
    return [registrable_date(event, item) for item in occurrences if is_in_range(item)]


def open_dates(event, now: datetime.datetime) -> list[RegistrableDate]:
    """The dates a person may register for now."""
    return [item for item in event_dates(event) if item.is_open(now)]


def find_date(event, date: datetime.date) -> RegistrableDate | None:
    """The date of ``event`` planned for ``date``, or None when the series has no such date."""
    for item in event_dates(event):
        if item.date == date:
            return item
    return None


def seat_counts(event_ids, dates=None) -> dict[tuple[int, datetime.date], Counts]:
    """Seats taken and places on the waitlist, per (event, date), in one query."""
    registrations = EventRegistration.objects.filter(
        event_id__in=list(event_ids), status__in=ACTIVE_STATUSES
    )
    if dates is not None:
        registrations = registrations.filter(date__in=list(dates))
    rows = (
        registrations.order_by()
        .values("event_id", "date")
        .annotate(
            taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        )
    )
    return {(row["event_id"], row["date"]): Counts(row["taken"], row["waiting"]) for row in rows}


def seats_left(event, counts: Counts) -> int | None:
    """Free seats on a date; None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - counts.taken, 0)


def register_path(event, item: RegistrableDate | None) -> str:
    """The form's sub-path under the event's URL: one per date for a series."""
    if item is None or not event.repeat:
        return "register/"
    return f"register/{item.date.isoformat()}/"


def registration_summary(
    event, item: RegistrableDate | None, counts: Counts | None, event_url: str, now
) -> dict:
    """What a visitor (or a front end) is told about registering for one date."""
    counts = counts or Counts()
    mode = event.registration
    summary = {
        "mode": mode,
        "capacity": event.capacity,
        "seats_left": None,
        "waitlist": 0,
        "url": None,
        "closes_at": None,
        "is_open": False,
    }
    if mode == EXTERNAL:
        summary["url"] = safe_url(event.registration_url) or None
        return summary
    if mode != INTERNAL or item is None:
        return summary
    summary.update(
        seats_left=seats_left(event, counts),
        waitlist=counts.waiting,
        closes_at=item.closes_at,
        is_open=item.is_open(now),
    )
    if summary["is_open"]:
        summary["url"] = event_url + register_path(event, item)
    return summary
