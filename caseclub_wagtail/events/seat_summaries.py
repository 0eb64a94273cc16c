"""What the events API says about registering for a date: how, and the seats; never who.

The seats of a whole page of items are counted in one query (``seats.seat_counts``).
"""

from caseclub_wagtail.core.api import choice
from caseclub_wagtail.core.api_schemas import web_url
from caseclub_wagtail.events.api_schemas import RegistrationSummary
from caseclub_wagtail.events.choices import RegistrationMode
from caseclub_wagtail.registrations.seats import (
    registrable_date,
    registration_summary,
    seat_counts,
)


def counts_for(dated) -> dict:
    """The seats of each ``(event, occurrence)`` pair whose event registers on the site."""
    dated = [
        (event, registrable_date(event, occurrence).date)
        for event, occurrence in dated
        if occurrence is not None and event.registration == RegistrationMode.INTERNAL
    ]
    if not dated:
        return {}
    return seat_counts({event.pk for event, _ in dated}, {date for _, date in dated})


def registration_out(event, occurrence, counts: dict, event_url: str, now) -> RegistrationSummary:
    """Registering for ``occurrence`` of ``event`` (none: the event has no date left)."""
    item = registrable_date(event, occurrence) if occurrence is not None else None
    found = counts.get((event.pk, item.date)) if item is not None else None
    summary = registration_summary(event, item, found, event_url, now)
    if summary["mode"] == RegistrationMode.EXTERNAL:
        # The API publishes no contact details: a mailto: link is one.
        summary["url"] = web_url(summary["url"]) or None
    elif not event_url:  # a draft that was never published has no form to link to
        summary["url"] = None
    if summary["closes_at"] is not None:  # in the event's zone, as its dates are
        summary["closes_at"] = summary["closes_at"].astimezone(event.zone)
    summary["mode"] = choice(RegistrationMode, summary["mode"])
    return RegistrationSummary(**summary)
