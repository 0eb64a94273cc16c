"""The event index's views: upcoming and past listings, and the month grid.

Listings and the grid read only the stored ``EventOccurrence`` rows, never a
repeat rule. Times are formatted here, in Python, in each event's own zone:
the template ``date`` filter would first convert them to the site's zone.
"""

import calendar
import datetime
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caseclub_wagtail import conf
from caseclub_wagtail.core.absolute_urls import absolute_url, webcal_url
from caseclub_wagtail.core.date_range import FIRST_YEAR, LAST_YEAR, stored_in_range
from caseclub_wagtail.events.forms import EventFilterForm
from caseclub_wagtail.events.models import EventIndexPage, EventPage
from caseclub_wagtail.events.occurrence_models import EventOccurrence
from caseclub_wagtail.events.spans import ONE_DAY, not_ended_q, occurrence_span, overlapping

# Listings

# A listing or the grid shows an event's title, dates, place and status, never its body
# or materials: their StreamFields are the costliest fields to load, one event per row.
UNLISTED_FIELDS = ("event__body", "event__materials")


def index_occurrences(events):
    """The stored occurrences of ``events``, with what a listing shows."""
    return (
        EventOccurrence.objects.filter(stored_in_range(), event__in=events)
        .select_related("event")
        .defer(*UNLISTED_FIELDS)
        .prefetch_related("event__topics")
    )


def _decorate(occurrences, request):
    """Give each occurrence its event's URL and its time as the event's zone reads it."""
    urls = {}  # the dates of a series share their event's URL
    for occurrence in occurrences:
        if occurrence.event_id not in urls:
            urls[occurrence.event_id] = occurrence.event.get_url(request)
        occurrence.url = urls[occurrence.event_id]
        occurrence.span = occurrence_span(occurrence)


def with_events(occurrences: list) -> list:
    """Give each occurrence its event, loaded once per event: a series has many dates."""
    events = EventPage.objects.defer_streamfields().in_bulk(
        {occurrence.event_id for occurrence in occurrences}
    )
    for occurrence in occurrences:
        occurrence.event = events[occurrence.event_id]
    return occurrences


def index_links(index: EventIndexPage, request, kind: str = "") -> dict:
    """The URLs of the index's views and of its iCalendar feed, for every index template."""
    base_url = index.get_url(request)
    feed_url = base_url + index.reverse_subpage("ical")
    if kind:
        feed_url += "?" + urlencode({"kind": kind})
    return {
        "upcoming_url": base_url,
        "past_url": base_url + index.reverse_subpage("past"),
        "calendar_url": base_url + index.reverse_subpage("calendar"),
        "ical_url": feed_url,
        "webcal_url": webcal_url(absolute_url(feed_url, request)),
    }


def occurrence_list(index: EventIndexPage, request, past: bool):
    """The upcoming occurrences (soonest first), or the past ones (latest first)."""
    now = timezone.now()
    events = index.events()
    form = EventFilterForm(request.GET, events=events)
    occurrences = form.filter(index_occurrences(events))
    if past:
        occurrences = occurrences.exclude(not_ended_q(now)).order_by("-start", "-pk")
    else:
        occurrences = occurrences.filter(not_ended_q(now)).order_by("start", "pk")
    paginator = Paginator(occurrences, conf.get("EVENTS_PER_PAGE"))
    page_obj = paginator.get_page(request.GET.get("page"))
    _decorate(page_obj, request)
    query = request.GET.copy()
    query.pop("page", None)
    kind = form.cleaned_data.get("kind", "")
    return index.render(
        request,
        context_overrides={
            "past": past,
            "filter_form": form,
            "occurrences": page_obj,
            "paginator": paginator,
            "filter_query": query.urlencode(),
            **index_links(index, request, kind=kind),
        },
    )


# The month grid


def month_url(index: EventIndexPage, request, day: datetime.date) -> str:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return ""
    return index.get_url(request) + index.reverse_subpage(
        "calendar_month", args=(day.year, day.month)
    )


def upcoming(index: EventIndexPage, request):
    """The index's default view: the occurrences that have not ended, soonest first."""
    return occurrence_list(index, request, past=False)


def past(index: EventIndexPage, request):
    """The occurrences that have ended, latest first."""
    return occurrence_list(index, request, past=True)


def month_grid(index: EventIndexPage, request, year: int | None = None, month: int | None = None):
    """One month as a table of weeks, Monday first, each day listing its occurrences."""
    today = timezone.localdate()
    if year is None or month is None:
        year, month = today.year, today.month
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404(_("There is no such month in the calendar."))
    first = datetime.date(year, month, 1)
    last = first.replace(day=calendar.monthrange(year, month)[1])
    # A day's margin either side: occurrences are placed by their own zone's dates.
    window_start = timezone.make_aware(datetime.datetime.combine(first - ONE_DAY, datetime.time()))
    window_end = timezone.make_aware(
        datetime.datetime.combine(last + 2 * ONE_DAY, datetime.time())
    )
    occurrences = with_events(
        list(
            EventOccurrence.objects.filter(stored_in_range(), event__in=index.events())
            .filter(overlapping(window_start, window_end))
            .order_by("start", "pk")
        )
    )
    _decorate(occurrences, request)
    by_day = {}
    for occurrence in occurrences:
        span = occurrence.span
        day = max(span.first_day, first)
        while day <= min(span.last_day, last):
            by_day.setdefault(day, []).append(occurrence)
            day += ONE_DAY
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "is_today": day == today,
                "weekday": WEEKDAYS[day.weekday()],
                "label": date_format(day, "DATE_FORMAT"),
                "occurrences": by_day.get(day, []) if day.month == month else [],
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    ]
    return index.render(
        request,
        context_overrides={
            "month": first,
            "month_label": date_format(first, "YEAR_MONTH_FORMAT"),
            "weekdays": [(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
            "weeks": weeks,
            "previous_month_url": month_url(index, request, first - ONE_DAY),
            "next_month_url": month_url(index, request, last + ONE_DAY),
            "this_month_url": month_url(index, request, today),
            "is_this_month": (year, month) == (today.year, today.month),
            **index_links(index, request),
        },
        template="caseclub_wagtail/event_calendar.html",
    )
