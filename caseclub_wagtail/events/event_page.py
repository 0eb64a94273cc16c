"""The event page: when and where, its status, hosts, calendar links and JSON-LD."""

import datetime
from urllib.parse import quote, urlencode

from django.utils import timezone
from wagtail.images.models import SourceImageIOError

from caseclub_wagtail.cases.models import CaseStudyPage
from caseclub_wagtail.core import json_ld
from caseclub_wagtail.core.absolute_urls import absolute_url, page_url
from caseclub_wagtail.core.date_range import stored_in_range
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.events.choices import EventFormat, EventStatus, RegistrationMode
from caseclub_wagtail.events.models import EventPage
from caseclub_wagtail.events.occurrence_models import EventOccurrence
from caseclub_wagtail.events.occurrences import build_occurrences
from caseclub_wagtail.events.places import Place
from caseclub_wagtail.events.spans import Span, is_upcoming, not_ended_q, occurrence_span
from caseclub_wagtail.members.choices import MemberKind
from caseclub_wagtail.members.profiles import link_profiles
from caseclub_wagtail.registrations.seats import (
    planned_date,
    registrable_date,
    registration_summary,
    seat_counts,
)

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


def public_hosts(event: EventPage) -> list:
    """The hosts a visitor may see named: active members who consented to a public profile."""
    return [member for member in event.hosts.all() if member.is_public]


def discussed_cases(event: EventPage, site) -> list:
    """The cases the event discussed that a visitor of ``site`` may open, by title."""
    pks = [case.pk for case in event.related_cases.all()]
    if not pks:
        return []
    return list(
        CaseStudyPage.objects.visible_in(site)
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
    stored = EventOccurrence.objects.filter(stored_in_range(), event=event).select_related("event")
    upcoming = list(stored.filter(not_ended_q(now)).order_by("start", "pk")[:NEXT_OCCURRENCES])
    if upcoming:
        return upcoming[0], upcoming
    return stored.order_by("-start", "-pk").first(), []


def registration_state(event: EventPage, occurrences: list, event_url: str, now) -> None:
    """Give each listed date its ``registration`` summary (seats left, the form's link).

    Only for the site's own form; the seats of every date come from one query.
    """
    if event.registration != RegistrationMode.INTERNAL or not occurrences:
        return
    counts = seat_counts([event.pk], {planned_date(event, item) for item in occurrences})
    for occurrence in occurrences:
        item = registrable_date(event, occurrence)
        occurrence.registration = registration_summary(
            event, item, counts.get((event.pk, item.date)), event_url, now
        )


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


def google_calendar_url(event: EventPage, span: Span, page_url: str, place: Place) -> str:
    """A link that opens Google Calendar's form for a new event, filled in with this one."""
    if span.all_day:
        # Google Calendar reads all-day end dates as exclusive.
        dates = f"{span.first_day:%Y%m%d}/{span.day_after:%Y%m%d}"
    else:
        utc_start = span.start.astimezone(datetime.UTC)
        utc_end = max(span.end, span.start).astimezone(datetime.UTC)
        dates = f"{utc_start:%Y%m%dT%H%M%SZ}/{utc_end:%Y%m%dT%H%M%SZ}"
    details = "\n\n".join(part for part in (event.summary, page_url) if part)
    params = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": details}
    location = place.one_line()
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
    place = event.place(status)
    locations = []
    if place.in_person and place.venue_line:
        locations.append(
            {
                "@type": "Place",
                "name": place.venue_name or place.address,
                "address": place.address or place.venue_name,
            }
        )
    if place.online:
        locations.append({"@type": "VirtualLocation", "url": place.online_url or page_url})
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
        span = event.span
        status, note = event.status, event.status_note
    series = event.rule.repeats
    next_occurrences = next_occurrences if series else []
    for item in next_occurrences:
        item.span = occurrence_span(item)
    is_over = span.is_over(now)
    hosts = public_hosts(event)
    link_profiles(hosts, request)
    # An unsaved page in an editor's preview has no URL yet: the preview's own stands in.
    event_url = page_url(event, request) or absolute_url(request.path, request)
    place = event.place(status)
    listed = [item for item in (occurrence, *next_occurrences) if item is not None]
    registration_state(event, listed, event.get_url(request) or event_url, now)
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
            "show_venue": place.in_person,
            "show_online": place.online,
            "ical_url": (event.get_url(request) or "") + event.reverse_subpage("ical"),
            "google_calendar_url": google_calendar_url(event, span, event_url, place),
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
            "registration": getattr(occurrence, "registration", None),
        },
    )
