"""The events' iCalendar files (RFC 5545), built from the stored occurrences.

A feed is made in a fixed number of queries: one for the events (only the columns
it needs, no revisions, no StreamFields) and one for the occurrences that differ
from their series. Rules are not expanded here: a repeating event is written as
one VEVENT with RRULE, EXDATE for cancelled dates and a RECURRENCE-ID VEVENT for
each moved one, which is what calendar apps expect.
"""

import copy
import datetime
from collections import defaultdict

import icalendar
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from caseclub_wagtail import __version__, conf
from caseclub_wagtail.core.absolute_urls import page_url
from caseclub_wagtail.core.conditional import conditional_response, feed_etag
from caseclub_wagtail.core.date_range import FIRST_YEAR, LAST_YEAR, logger, moment_in_range
from caseclub_wagtail.core.feed_text import ical_line, ical_text
from caseclub_wagtail.events.choices import EventFormat, EventKind, EventStatus
from caseclub_wagtail.events.models import EventPage
from caseclub_wagtail.events.occurrence_models import EventOccurrence
from caseclub_wagtail.events.occurrences import has_dates_in_range
from caseclub_wagtail.events.recurrence import to_ical_rrule
from caseclub_wagtail.events.vtimezone import vtimezone

PRODID = f"-//caseclub-wagtail//{__version__}//RU"
# The right-hand part of every UID. A constant: a UID must never change for the life of
# an event, and the site's hostname does (from ``localhost`` after set-up to the real one).
UID_DOMAIN = "caseclub-wagtail"
# Subscribed calendars are refreshed about this often by the apps that honour it.
REFRESH_INTERVAL = datetime.timedelta(hours=6)
# Every column an event's entry is written from; the rest of the page stays unloaded.
EVENT_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "first_published_at",
    "last_published_at",
    "uid",
    "sequence",
    "kind",
    "start",
    "end",
    "time_zone",
    "all_day",
    "status",
    "status_note",
    "format",
    "venue_name",
    "address",
    "online_url",
    "audience",
    "summary",
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_monthly_by",
    "repeat_until",
    "repeat_count",
)
OCCURRENCE_FIELDS = ("event_id", "start", "end", "original_start", "status", "note", "is_moved")
# The event's texts that go into its entries: one-line ones, and the summary.
LINE_FIELDS = ("title", "status_note", "venue_name", "address", "online_url")
# What a feed's ETag is worked out from, for each event.
ETAG_FIELDS = ("pk", "live_revision_id", "last_published_at", "url_path", "sequence")
# The same for the index's feed, in one row however many events it holds. A publication
# gives the event a new live revision, whose id is higher than every other: the largest
# and the sum move. An unpublication, a deletion, a move to another index or out of the
# window changes which events are in (the count, the sum of ids). A new schedule raises
# SEQUENCE. The URLs move only with the index, whose own path is part of the ETag.
HELD_AGGREGATES = {
    "events": Count("pk"),
    "ids": Sum("pk"),
    "revisions": Sum("live_revision_id"),
    "latest_revision": Max("live_revision_id"),
    "published": Max("last_published_at"),
    "sequences": Sum("sequence"),
}
# The most days back a subscriber may ask the feed to reach with ?past=.
MAX_PAST_DAYS = 3660


def past_days(request) -> int | None:
    """The days back the feed reaches: ``?past=``, capped, or FEED_PAST_DAYS; None if invalid."""
    value = request.GET.get("past", "").strip()
    if not value:
        return conf.get("FEED_PAST_DAYS")
    if not value.isascii() or not value.isdigit():
        return None
    return min(int(value), MAX_PAST_DAYS)


def index_response(index, request) -> HttpResponse:
    """The feed of the published, public events under ``index`` within the feed's window.

    The window runs from ``?past=`` (FEED_PAST_DAYS) days ago to the occurrence horizon:
    an event is in it if one of its stored occurrences is. ``?kind=`` narrows the feed.
    """
    days = past_days(request)
    if days is None:
        return HttpResponseBadRequest(
            _("“past” is a number of days, such as past=365."),
            content_type="text/plain; charset=utf-8",
        )
    now = timezone.now()
    in_window = EventOccurrence.objects.filter(
        event=OuterRef("pk"),
        end__gte=now - datetime.timedelta(days=days),
        # A day's margin: each event's horizon is counted in its own zone.
        start__lte=now + datetime.timedelta(days=conf.get("EVENT_HORIZON_DAYS") + 1),
    )
    events = index.events().filter(Exists(in_window))
    kind = request.GET.get("kind")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    else:
        kind = ""
    etag = feed_etag(
        request,
        "events",
        index.pk,
        index.title,
        index.last_published_at,
        index.url_path,
        kind,
        days,
        # The horizon moves on with the day (part of every ETag) and with its setting.
        conf.get("EVENT_HORIZON_DAYS"),
        events.order_by().aggregate(**HELD_AGGREGATES),
    )

    def build():
        loaded = events.only(*EVENT_FIELDS).order_by("start", "pk")
        calendar = build_calendar(
            list(loaded), loaded.values("pk"), request, name=index.title, feed=True
        )
        return calendar_response(calendar, "calendar.ics")

    private = index.get_view_restrictions().exists()
    return conditional_response(request, etag, build, private=private)


def event_response(event: EventPage, request) -> HttpResponse:
    """The iCalendar file of one event, with all of its series."""
    etag = feed_etag(request, "event", *(getattr(event, name) for name in ETAG_FIELDS))

    def build():
        # A copy: build_calendar cleans the text of the events it is given.
        calendar = build_calendar([copy.copy(event)], [event.pk], request, name=event.title)
        return calendar_response(calendar, f"{event.slug}.ics")

    private = event.get_view_restrictions().exists()
    return conditional_response(request, etag, build, private=private)


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def build_calendar(
    events: list[EventPage], event_ids, request=None, name: str = "", feed: bool = False
) -> bytes:
    """The VCALENDAR file holding ``events``, their exceptions and the time zones they use.

    ``event_ids`` selects the same events in the database: a list, or a queryset of
    primary keys, so that a long feed needs no list of thousands of parameters. Each
    event's entries are written out as soon as they are made and then dropped: a feed of
    thousands of events never holds their components all at once.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = ical_line(name)
    # Dates written out of range by code would overflow; such events are left out, logged.
    events = [clean_text(event) for event in events if has_dates_in_range(event)]
    if name:
        # Without an explicit type these are written unescaped; they are TEXT.
        calendar.add("name", icalendar.vText(name))
        calendar.add("x-wr-calname", icalendar.vText(name))
    if feed:
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))

    by_event = exceptional_occurrences(event_ids) if events else {}
    kept = {event.pk for event in events}
    by_event = {pk: rows for pk, rows in by_event.items() if pk in kept}
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    entries = []
    tzids = set()
    for event in events:
        rows = by_event.get(event.pk, [])
        for component in event_components(event, rows, request, stamp):
            tzids |= used_tzids(component)
            entries.append(component.to_ical())
    add_time_zones(calendar, tzids - {"UTC"}, events, by_event)
    # The calendar's own lines and its VTIMEZONEs, then the events, then its end.
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return b"".join([head.removesuffix(end), *entries, end])


def used_tzids(component) -> set[str]:
    """The TZIDs that ``component``'s dates and times name."""
    return {
        value.params["TZID"]
        for _name, value in component.property_items(sorted=False)
        if getattr(value, "params", None) and value.params.get("TZID")
    }


def exceptional_occurrences(event_ids) -> dict[int, list]:
    """The stored occurrences that a feed must spell out, grouped by event, in one query.

    A repeating series needs only its cancelled and moved dates (its RRULE gives the
    rest); a single event needs its one occurrence, which may have been moved or
    cancelled on its own.
    """
    wanted = (
        Q(event__repeat="")
        | Q(is_moved=True)
        | (Q(status=EventStatus.CANCELLED) & ~Q(event__status=EventStatus.CANCELLED))
    )
    rows = (
        EventOccurrence.objects.filter(wanted, event_id__in=event_ids)
        .order_by("event_id", "original_start", "pk")
        .values_list(*OCCURRENCE_FIELDS, named=True)
    )
    grouped = defaultdict(list)
    for row in rows:
        if not all(moment_in_range(moment) for moment in (row.start, row.end, row.original_start)):
            logger.warning(
                "Event %s: a stored occurrence at %s is outside %s to %s; left out of the feed.",
                row.event_id,
                row.start,
                FIRST_YEAR,
                LAST_YEAR,
            )
            continue
        grouped[row.event_id].append(row._replace(note=ical_line(row.note)))
    return grouped


def clean_text(event: EventPage) -> EventPage:
    """``event`` with the texts a feed writes cleaned of the controls iCalendar forbids."""
    for name in LINE_FIELDS:
        setattr(event, name, ical_line(getattr(event, name)))
    event.summary = ical_text(event.summary)
    return event


def event_components(event: EventPage, occurrences: list, request, stamp):
    """The VEVENTs of one event: the event or series, then one per moved date."""
    zone = event.zone
    all_day = event.all_day
    url = page_url(event, request)
    uid = calendar_uid(event)
    series = event.rule.repeats

    main = new_vevent(event, uid, url, stamp)
    if series:
        start, end = event.start, event.end
        status, note = event.status, event.status_note
        main.add("rrule", to_ical_rrule(event.rule, local_wall(start, zone), zone, all_day))
        exdates = [
            when(row.original_start, zone, all_day)
            for row in occurrences
            if row.status == EventStatus.CANCELLED and not row.is_moved
        ]
        if exdates:
            main.add("exdate", exdates)
    elif occurrences:
        # The stored occurrence is what happens: it may have been moved or cancelled alone.
        row = occurrences[0]
        start, end, status, note = row.start, row.end, row.status, row.note
        if event.is_cancelled:
            status = EventStatus.CANCELLED
    else:
        start, end = event.start, event.end
        status, note = event.status, event.status_note
    add_times(main, start, end, zone, all_day)
    add_status(main, event, url, status, note)
    yield main

    if not series:
        return
    for row in occurrences:
        if not row.is_moved:
            continue
        moved = new_vevent(event, uid, url, stamp)
        moved.add("recurrence-id", when(row.original_start, zone, all_day))
        add_times(moved, row.start, row.end, zone, all_day)
        status = EventStatus.CANCELLED if event.is_cancelled else row.status
        add_status(moved, event, url, status, row.note)
        yield moved


def calendar_uid(event: EventPage) -> str:
    """The event's UID in calendars: its own UUID, never its slug, place or host."""
    return f"{event.uid}@{UID_DOMAIN}"


def new_vevent(event: EventPage, uid: str, url: str, stamp) -> icalendar.Event:
    """A VEVENT with what every entry of ``event`` shares."""
    vevent = icalendar.Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", stamp)
    if event.first_published_at:
        vevent.add("created", utc(event.first_published_at))
    if event.last_published_at:
        vevent.add("last-modified", utc(event.last_published_at))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    vevent.add("categories", [capfirst(event.get_kind_display())])
    location = event.place().calendar_location()
    if location:
        vevent.add("location", location)
    if url:
        vevent.add("url", url)
    return vevent


def add_times(vevent, start, end, zone, all_day: bool) -> None:
    """DTSTART and DTEND: dates for whole days (the end exclusive), else times with TZID."""
    if all_day:
        first_day = start.astimezone(zone).date()
        last_day = max(end.astimezone(zone).date(), first_day)
        vevent.add("dtstart", first_day)
        vevent.add("dtend", last_day + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", start.astimezone(zone))
        vevent.add("dtend", max(end, start).astimezone(zone))


def add_status(vevent, event: EventPage, url: str, status: str, note: str) -> None:
    """STATUS, and a DESCRIPTION of the event that says what happened to it and why."""
    vevent.add("status", "CANCELLED" if status == EventStatus.CANCELLED else "CONFIRMED")
    parts = [event.summary.strip()]
    if status != EventStatus.SCHEDULED:
        label = capfirst(dict(EventStatus.choices).get(status, status))
        parts.append(f"{label}: {note}" if note else f"{label}.")
    elif note:
        parts.append(note)
    if event.format == EventFormat.HYBRID and event.public_online_url:
        parts.append(_("Online: %(url)s") % {"url": event.public_online_url})
    if event.format_on() != EventFormat.IN_PERSON and event.online_url_is_private:
        parts.append(_("Registered club members will receive the link to join."))
    if url:
        # Several calendar apps show the description but not URL.
        parts.append(url)
    text = "\n\n".join(part for part in parts if part)
    if text:
        vevent.add("description", text)


def add_time_zones(calendar: icalendar.Calendar, tzids, events: list[EventPage], by_event) -> None:
    """A VTIMEZONE for each zone in ``tzids``, covering every date the file writes."""
    moments = [
        moment for event in events if not event.all_day for moment in (event.start, event.end)
    ]
    moments += [
        moment
        for rows in by_event.values()
        for row in rows
        for moment in (row.start, row.original_start, row.end)
    ]
    if not moments or not tzids:
        return
    since = min(moments) - datetime.timedelta(days=7)
    # A series without an end goes on past its stored dates: look some years further.
    until_year = max(max(moments).year + 2, icalendar.Timezone.DEFAULT_LAST_DATE.year)
    zones = [vtimezone(tzid, since, until_year) for tzid in sorted(tzids)]
    # Before the events, so that readers that resolve a TZID as they go can.
    calendar.subcomponents.extend(zone for zone in zones if zone is not None)


def when(moment: datetime.datetime, zone, all_day: bool):
    """A stored instant as the event writes it: a local date, or a time in its zone."""
    local = moment.astimezone(zone)
    return local.date() if all_day else local


def local_wall(moment: datetime.datetime, zone) -> datetime.datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(microsecond=0)
