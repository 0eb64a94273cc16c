"""The paths with arguments below an event index that a frontend cache (a CDN) may hold."""

import datetime

from django.utils import timezone

from caseclub_wagtail import conf
from caseclub_wagtail.events.choices import EventKind


def index_months_and_kinds(index) -> list[str]:
    """The feed of each kind, and the month grid from this month to the horizon's.

    The months are a bounded window: from this month to the occurrence horizon's
    (EVENT_HORIZON_DAYS), the months a change to a coming event can alter. Older months
    are left to the cache's own expiry.
    """
    feed = "/" + index.reverse_subpage("ical")
    paths = [f"{feed}?kind={kind}" for kind in EventKind.values]
    today = timezone.localdate()
    last = today + datetime.timedelta(days=conf.get("EVENT_HORIZON_DAYS"))
    year, month = today.year, today.month
    while (year, month) <= (last.year, last.month):
        paths.append("/" + index.reverse_subpage("calendar_month", args=(year, month)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return paths
