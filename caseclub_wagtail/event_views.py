"""The public event pages: upcoming and past listings, the month grid and the event page.

Listings and the grid read only the stored ``EventOccurrence`` rows, never a
repeat rule. Times are formatted here, in Python, in each event's own zone:
the template ``date`` filter would first convert them to the site's zone.
"""

import calendar
import datetime
import zoneinfo
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.images.models import SourceImageIOError

from caseclub_wagtail import conf, json_ld
from caseclub_wagtail.absolute_urls import absolute_url, page_url, webcal_url
from caseclub_wagtail.date_range import clamp, stored_in_range
from caseclub_wagtail.forms import FIRST_YEAR, LAST_YEAR, EventFilterForm, overlapping
from caseclub_wagtail.models.cases import CaseStudyPage
from caseclub_wagtail.models.directory import MemberDirectoryPage
from caseclub_wagtail.models.events import (
    EventFormat,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    EventStatus,
)
from caseclub_wagtail.models.members import MemberKind
from caseclub_wagtail.occurrences import build_occurrences
from caseclub_wagtail.sites import current_site, visible_pages

ONE_DAY = datetime.timedelta(days=1)
NEXT_OCCURRENCES = 10
JSON_LD_IMAGE_FILTER = "max-1200x1200"

SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}
SCHEMA_ATTENDANCE = {
    EventFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


# Times, in the event's own zone


class Span:
    """When one event or occurrence happens, as its own time zone reads it."""

    def __init__(self, start, end, time_zone: str, all_day: bool, what: object = ""):
        zone = zoneinfo.ZoneInfo(time_zone)
        self.time_zone = time_zone
        self.all_day = all_day
        # Clamped: a date written out of range by code would overflow in its zone.
        self.start = clamp(start, what).astimezone(zone)
        self.end = clamp(end, what).astimezone(zone)

    @property
    def first_day(self) -> datetime.date:
        return self.start.date()

    @property
    def last_day(self) -> datetime.date:
        """The last day the event takes place on (an all-day end is its last day)."""
        if self.all_day or self.end <= self.start:
            return max(self.end.date(), self.first_day)
        # An event that ends at midnight does not take place on the new day.
        return max((self.end - datetime.timedelta(microseconds=1)).date(), self.first_day)

    @property
    def zone_differs(self) -> bool:
        return self.time_zone != settings.TIME_ZONE

    @property
    def zone_label(self) -> str:
        offset = self.start.strftime("%z")
        return f"{self.time_zone}, UTC{offset[:3]}:{offset[3:]}"

    @property
    def start_iso(self) -> str:
        return self.first_day.isoformat() if self.all_day else self.start.isoformat()

    @property
    def end_iso(self) -> str:
        return self.last_day.isoformat() if self.all_day else self.end.isoformat()

    @property
    def time(self) -> str:
        """The start time alone, for the month grid; empty for all-day events."""
        return "" if self.all_day else date_format(self.start, "TIME_FORMAT")

    def __str__(self):
        text = self.all_day_text() if self.all_day else self.timed_text()
        if self.zone_differs and not self.all_day:
            return _("%(when)s (%(zone)s time)") % {"when": text, "zone": self.zone_label}
        return text

    def all_day_text(self) -> str:
        first, last = self.first_day, self.last_day
        if first == last:
            return date_format(first, "DATE_FORMAT")
        if (first.year, first.month) == (last.year, last.month):
            first_format = pgettext("first day of a date range within a month", "F j")
            last_format = pgettext("last day of a date range within a month", "j, Y")
        elif first.year == last.year:
            first_format = pgettext("first day of a date range within a year", "F j")
            last_format = pgettext("last day of a date range within a year", "F j, Y")
        else:
            first_format = last_format = "DATE_FORMAT"
        joiner = "–" if first.month == last.month and first.year == last.year else " – "
        return date_format(first, first_format) + joiner + date_format(last, last_format)

    def timed_text(self) -> str:
        start_time = date_format(self.start, "TIME_FORMAT")
        if self.end <= self.start:
            return _("%(date)s, %(start)s") % {
                "date": date_format(self.start, "DATE_FORMAT"),
                "start": start_time,
            }
        if self.first_day == self.last_day:
            return _("%(date)s, %(start)s–%(end)s") % {
                "date": date_format(self.start, "DATE_FORMAT"),
                "start": start_time,
                "end": date_format(self.end, "TIME_FORMAT"),
            }
        return _("%(start)s – %(end)s") % {
            "start": date_format(self.start, "DATETIME_FORMAT"),
            "end": date_format(self.end, "DATETIME_FORMAT"),
        }


def occurrence_span(occurrence: EventOccurrence) -> Span:
    event = occurrence.event
    return Span(occurrence.start, occurrence.end, event.time_zone, event.all_day, event)


def event_span(event: EventPage) -> Span:
    return Span(event.start, event.end, event.time_zone, event.all_day, event)


def upcoming_q(now: datetime.datetime) -> Q:
    """Occurrences that have not ended by ``now`` (all-day ones last through their last day)."""
    return Q(end__gte=now) | Q(event__all_day=True, end__gt=now - ONE_DAY)


def is_upcoming(occurrence: EventOccurrence, now: datetime.datetime) -> bool:
    """``upcoming_q`` for one occurrence in memory."""
    if occurrence.event.all_day:
        return occurrence.end > now - ONE_DAY
    return occurrence.end >= now


# Listings


def index_occurrences(events):
    """The stored occurrences of ``events``, with what a listing shows."""
    return (
        EventOccurrence.objects.filter(stored_in_range(), event__in=events)
        .select_related("event")
        .prefetch_related("event__topics")
    )


def _decorate(occurrences, request):
    """Give each occurrence its event's URL and its time as the event's zone reads it."""
    for occurrence in occurrences:
        occurrence.url = occurrence.event.get_url(request)
        occurrence.span = occurrence_span(occurrence)


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
        occurrences = occurrences.exclude(upcoming_q(now)).order_by("-start", "-pk")
    else:
        occurrences = occurrences.filter(upcoming_q(now)).order_by("start", "pk")
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


def month_grid(index: EventIndexPage, request, year: int | None, month: int | None):
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
    occurrences = list(
        EventOccurrence.objects.filter(stored_in_range(), event__in=index.events())
        .filter(overlapping(window_start, window_end))
        .select_related("event")
        .order_by("start", "pk")
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


# The event page


def public_hosts(event: EventPage) -> list:
    """The hosts a visitor may see named: active members who consented to a public profile."""
    return [member for member in event.hosts.all() if member.is_public]


def profile_urls(hosts, request) -> None:
    """Link each public host to their profile in this site's member directory, if it has one."""
    if hosts:
        directory = visible_pages(MemberDirectoryPage, current_site(request)).first()
    else:
        directory = None
    base_url = directory.get_url(request) if directory else None
    for member in hosts:
        member.profile_url = f"{base_url}{member.registry_number}/" if base_url else ""


def discussed_cases(event: EventPage, site) -> list:
    """The cases the event discussed that a visitor of ``site`` may open, by title."""
    pks = [case.pk for case in event.related_cases.all()]
    if not pks:
        return []
    return list(
        visible_pages(CaseStudyPage, site)
        .filter(pk__in=pks)
        .defer_streamfields()
        .order_by("title")
    )


def event_occurrences(event: EventPage, request, now: datetime.datetime):
    """The occurrence the page is about (the next one, else the latest) and the next ones."""
    if getattr(request, "is_preview", False):
        # An editor's preview shows the draft's own dates, which are not stored yet.
        occurrences = build_occurrences(event)
        upcoming = [item for item in occurrences if is_upcoming(item, now)]
        current = upcoming[0] if upcoming else (occurrences[-1] if occurrences else None)
        return current, upcoming[:NEXT_OCCURRENCES]
    stored = EventOccurrence.objects.filter(stored_in_range(), event=event).select_related(
        "event"
    )
    upcoming = list(stored.filter(upcoming_q(now)).order_by("start", "pk")[:NEXT_OCCURRENCES])
    if upcoming:
        return upcoming[0], upcoming
    return stored.order_by("-start", "-pk").first(), []


def first_image_url(event: EventPage, request) -> str:
    """The absolute URL of a rendition of the body's first image; empty if it has none."""
    for block in event.body:
        if block.block_type == "image" and block.value:
            try:
                rendition = block.value.get_rendition(JSON_LD_IMAGE_FILTER)
            except SourceImageIOError:
                return ""
            return absolute_url(rendition.url, request)
    return ""


def location_text(event: EventPage, fmt: str) -> str:
    """Where the event takes place, as one line (for calendar apps)."""
    parts = []
    if fmt in (EventFormat.IN_PERSON, EventFormat.HYBRID):
        parts += [part for part in (event.venue_name, event.address) if part]
    if fmt in (EventFormat.ONLINE, EventFormat.HYBRID):
        # A members-only event's link is withheld: "Online" says where it happens.
        if event.public_online_url:
            parts.append(event.public_online_url)
        elif event.online_url_is_private:
            parts.append(_("Online"))
    return ", ".join(parts)


def google_calendar_url(event: EventPage, span: Span, page_url: str, fmt: str) -> str:
    """A link that opens Google Calendar's form for a new event, filled in with this one."""
    if span.all_day:
        # Google Calendar reads all-day end dates as exclusive.
        dates = f"{span.first_day:%Y%m%d}/{span.last_day + ONE_DAY:%Y%m%d}"
    else:
        utc_start = span.start.astimezone(datetime.UTC)
        utc_end = max(span.end, span.start).astimezone(datetime.UTC)
        dates = f"{utc_start:%Y%m%dT%H%M%SZ}/{utc_end:%Y%m%dT%H%M%SZ}"
    details = "\n\n".join(part for part in (event.summary, page_url) if part)
    params = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": details}
    location = location_text(event, fmt)
    if location:
        params["location"] = location
    params["ctz"] = span.time_zone
    return "https://calendar.google.com/calendar/render?" + urlencode(params, quote_via=quote)


def event_json_ld(
    event: EventPage,
    request,
    *,
    span: Span,
    status: str,
    occurrence,
    hosts: list,
    page_url: str,
) -> dict:
    """The schema.org Event that describes this event (or its next date, for a series)."""
    fmt = event.format_on(status)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": span.start_iso,
        "endDate": span.end_iso,
        "eventStatus": SCHEMA_STATUS.get(status, SCHEMA_STATUS[EventStatus.SCHEDULED]),
        "eventAttendanceMode": SCHEMA_ATTENDANCE[fmt],
        "url": page_url,
    }
    if occurrence is not None and occurrence.is_moved:
        previous = Span(
            occurrence.original_start, occurrence.original_start, event.time_zone, event.all_day
        )
        data["previousStartDate"] = previous.start_iso
    locations = []
    if fmt in (EventFormat.IN_PERSON, EventFormat.HYBRID) and (event.venue_name or event.address):
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name or event.address,
                "address": event.address or event.venue_name,
            }
        )
    if fmt in (EventFormat.ONLINE, EventFormat.HYBRID):
        locations.append({"@type": "VirtualLocation", "url": event.public_online_url or page_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.summary:
        data["description"] = event.summary
    image = first_image_url(event, request)
    if image:
        data["image"] = [image]
    data["organizer"] = json_ld.site_organization(request)
    if hosts:
        data["performer"] = [
            {
                "@type": "Organization" if member.kind == MemberKind.ORGANIZATION else "Person",
                "name": member.name,
            }
            for member in hosts
        ]
    return data


def event_detail(event: EventPage, request):
    """The event page: when and where, status, hosts, report, calendar links and JSON-LD."""
    now = timezone.now()
    occurrence, next_occurrences = event_occurrences(event, request, now)
    if occurrence is not None:
        span = occurrence_span(occurrence)
        status, note = occurrence.status, occurrence.note
    else:
        span = event_span(event)
        status, note = event.status, event.status_note
    series = event.rule.repeats
    next_occurrences = next_occurrences if series else []
    for item in next_occurrences:
        item.span = occurrence_span(item)
    is_over = span.end < now and not (span.all_day and span.end + ONE_DAY > now)
    hosts = public_hosts(event)
    profile_urls(hosts, request)
    # An unsaved page in an editor's preview has no URL yet: the preview's own stands in.
    event_url = page_url(event, request) or absolute_url(request.path, request)
    fmt = event.format_on(status)
    return event.render(
        request,
        context_overrides={
            "span": span,
            "status": status,
            "status_note": note,
            "occurrence": occurrence,
            "is_series": series,
            "next_occurrences": next_occurrences,
            "is_over": is_over,
            "hosts": hosts,
            "topics": list(event.topics.all()),
            "cases": discussed_cases(event, current_site(request)),
            "show_venue": fmt in (EventFormat.IN_PERSON, EventFormat.HYBRID),
            "show_online": fmt in (EventFormat.ONLINE, EventFormat.HYBRID),
            "ical_url": (event.get_url(request) or "") + event.reverse_subpage("ical"),
            "google_calendar_url": google_calendar_url(event, span, event_url, fmt),
            "json_ld": json_ld.script(
                event_json_ld(
                    event,
                    request,
                    span=span,
                    status=status,
                    occurrence=occurrence,
                    hosts=hosts,
                    page_url=event_url,
                )
            ),
            "index": event.get_parent().specific,
        },
    )
