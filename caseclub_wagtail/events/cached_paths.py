"""The paths of the event pages that a frontend cache (a CDN) may hold, to purge them.

Each function is its page model's ``get_cached_paths``.
"""

import datetime

from django.utils import timezone

from caseclub_wagtail import conf
from caseclub_wagtail.events.choices import EventKind


def index_paths(index) -> list[str]:
    """The listings, the feed (whole and by kind) and the month grid of ``index``.

    The months are a bounded window: from this month to the occurrence horizon's
    (EVENT_HORIZON_DAYS), the months a change to a coming event can alter. Older months
    are left to the cache's own expiry.
    """
    feed = "/" + index.reverse_subpage("ical")
    paths = ["/", "/" + index.reverse_subpage("past"), "/" + index.reverse_subpage("calendar")]
    paths += [feed] + [f"{feed}?kind={kind}" for kind in EventKind.values]
    today = timezone.localdate()
    last = today + datetime.timedelta(days=conf.get("EVENT_HORIZON_DAYS"))
    year, month = today.year, today.month
    while (year, month) <= (last.year, last.month):
        paths.append("/" + index.reverse_subpage("calendar_month", args=(year, month)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return paths


def event_paths(event) -> list[str]:
    """The event's page, its iCalendar file and its registration form."""
    return ["/", "/" + event.reverse_subpage("ical"), "/" + event.reverse_subpage("register")]
