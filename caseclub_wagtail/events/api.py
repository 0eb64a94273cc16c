"""The events API: ``events/``, ``events/{id}/`` and ``occurrences/``.

It shows what a visitor of the request's site may see, and reads what the HTML pages
read: the stored occurrences, the day rules of ``spans``, the place of ``places`` (the
public online link only) and the public hosts. Each list and the detail run a fixed
number of queries, whatever the number of events, dates, topics and hosts.
"""

from typing import Annotated

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from caseclub_wagtail.core.absolute_urls import page_url
from caseclub_wagtail.core.api import MAX_ID, Paging, Problem, choice
from caseclub_wagtail.core.api_schemas import rich_text_html, stream_blocks, topic_out
from caseclub_wagtail.core.date_range import stored_in_range
from caseclub_wagtail.core.search import Ranked, search_pks
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.events.api_schemas import (
    EventCaseSummary,
    EventDetail,
    EventFilters,
    EventItem,
    EventList,
    EventOccurrenceItem,
    EventOccurrenceList,
    EventRepeat,
    EventSummary,
    EventTime,
    NextOccurrence,
    OccurrenceFilters,
    lower_bound,
    upper_bound,
)
from caseclub_wagtail.events.choices import (
    EventAudience,
    EventFormat,
    EventKind,
    EventStatus,
    MonthlyRepeatBy,
    RepeatFrequency,
)
from caseclub_wagtail.events.event_page import discussed_cases
from caseclub_wagtail.events.models import EventPage
from caseclub_wagtail.events.occurrence_models import EventOccurrence
from caseclub_wagtail.events.recurrence import WEEKDAYS
from caseclub_wagtail.events.seat_summaries import counts_for, registration_out
from caseclub_wagtail.events.spans import Span, not_ended_q, occurrence_span
from caseclub_wagtail.members.api_schemas import member_summaries, public_members_prefetch

router = Router(tags=["events"])

# The upcoming dates an event's detail lists.
DETAIL_OCCURRENCES = 50
EVENT_ORDERS = {"start": ("start", "pk"), "-start": ("-start", "-pk"), "title": ("title", "pk")}
OCCURRENCE_ORDERS = {
    "start": ("start", "pk"),
    "-start": ("-start", "-pk"),
    "title": ("event__title", "start", "pk"),
}
ERRORS = {400: Problem, 404: Problem}


# What is listed


def visible_events(request):
    """The events a visitor of the request's site may open, in their published version."""
    return EventPage.objects.visible_in(current_site(request))


def searched(filters: EventFilters) -> str:
    """The words searched for, or an empty text."""
    return (filters.search or "").strip()


def matching_pks(filters: EventFilters) -> list[int]:
    """The events whose title or summary holds every word searched, most relevant first.

    Asked of the site's search backend, which folds Russian word forms (core.search).
    """
    return search_pks(EventPage, searched(filters))


def filter_events(events, filters: EventFilters, matches: list | None = None):
    """``events`` narrowed by the filters that read the event itself.

    ``matches`` are the search's ``matching_pks`` when the caller has them already.
    """
    if filters.topic:
        # A slug no topic has lists nothing, as a topic without events does.
        events = events.filter(topics__slug=filters.topic)
    for name in ("kind", "format", "audience"):
        if getattr(filters, name):
            events = events.filter(**{name: getattr(filters, name)})
    if searched(filters):
        events = events.filter(pk__in=matching_pks(filters) if matches is None else matches)
    return events


def filter_dates(occurrences, filters: EventFilters, now):
    """``occurrences`` narrowed by ``starts_after``, ``starts_before`` and ``upcoming``."""
    if filters.starts_after is not None:
        occurrences = occurrences.filter(start__gte=lower_bound(filters.starts_after))
    if filters.starts_before is not None:
        occurrences = occurrences.filter(start__lt=upper_bound(filters.starts_before))
    if filters.upcoming is True:
        occurrences = occurrences.filter(not_ended_q(now))
    elif filters.upcoming is False:
        occurrences = occurrences.exclude(not_ended_q(now))
    return occurrences


def listed_events(request, filters: EventFilters, now):
    """The visible events the filters keep, in the order asked for.

    With a search and no order asked for, the most relevant first: a ``Ranked`` list.
    """
    matches = matching_pks(filters) if searched(filters) else None
    events = filter_events(visible_events(request), filters, matches)
    if filters.status:
        events = events.filter(status=filters.status)
    # A series is listed when one of its dates is: one date that meets every date filter.
    dated_filters = filters.model_copy(update={"upcoming": True if filters.upcoming else None})
    if filters.starts_after or filters.starts_before or dated_filters.upcoming:
        dated = filter_dates(EventOccurrence.objects.filter(stored_in_range()), dated_filters, now)
        events = events.filter(pk__in=dated.values("event_id"))
    if filters.upcoming is False:
        ongoing = EventOccurrence.objects.filter(stored_in_range(), not_ended_q(now))
        events = events.exclude(pk__in=ongoing.values("event_id"))
    order = filters.order or ("relevance" if searched(filters) else "start")
    if order == "relevance":
        if matches is not None:
            return Ranked(events, matches)
        order = "start"
    return events.order_by(*EVENT_ORDERS[order])


def listed_occurrences(request, filters: OccurrenceFilters, now):
    """The stored dates of the visible events the filters keep, in the order asked for."""
    events = filter_events(visible_events(request), filters)
    if filters.event is not None:
        events = events.filter(pk=filters.event)
    occurrences = EventOccurrence.objects.filter(stored_in_range(), event__in=events)
    if filters.status:
        occurrences = occurrences.filter(status=filters.status)
    occurrences = filter_dates(occurrences, filters, now)
    return occurrences.order_by(*OCCURRENCE_ORDERS[filters.order])


# How an item reads


def event_time(occurrence, counts: dict, event_url: str, now) -> dict:
    """The fields of one stored date, in its event's zone; its event must be loaded."""
    event = occurrence.event
    span = occurrence_span(occurrence)
    original = Span(
        occurrence.original_start, occurrence.original_start, event.time_zone, event.all_day
    )
    return {
        "start": span.start,
        "end": span.end,
        "all_day": event.all_day,
        "status": choice(EventStatus, occurrence.status),
        "note": occurrence.note,
        "is_moved": occurrence.is_moved,
        "original_start": original.start,
        "registration": registration_out(event, occurrence, counts, event_url, now),
    }


def next_occurrence(occurrence) -> NextOccurrence | None:
    """An event's next date, as its list item gives it; none when every date has ended."""
    if occurrence is None:
        return None
    span = occurrence_span(occurrence)
    return NextOccurrence(
        start=span.start,
        end=span.end,
        status=choice(EventStatus, occurrence.status),
        note=occurrence.note,
    )


def repeat(event: EventPage) -> EventRepeat | None:
    """How ``event`` repeats, as fields and in words; none for a single event."""
    rule = event.rule
    if not rule.repeats:
        return None
    weekdays = list(rule.weekdays)
    if rule.frequency == RepeatFrequency.WEEKLY and not weekdays:
        # A weekly rule without weekdays repeats on its start's: the front end is told which.
        weekdays = [WEEKDAYS[event.span.start.weekday()]]
    monthly = rule.frequency == RepeatFrequency.MONTHLY
    return EventRepeat(
        frequency=choice(RepeatFrequency, event.repeat),
        interval=rule.interval,
        weekdays=weekdays if rule.frequency == RepeatFrequency.WEEKLY else [],
        monthly_by=choice(MonthlyRepeatBy, event.repeat_monthly_by) if monthly else None,
        until=rule.until,
        count=rule.count,
        text=event.rule_text,
    )


def event_fields(event: EventPage, request, upcoming, counts: dict, now) -> dict:
    """The fields of an event's list item; ``upcoming`` is its next date, or none.

    ``counts`` are the seats taken (``counts_for``) of the dates the item reads.
    """
    span = event.span
    place = event.place(event.status)
    url = page_url(event, request)
    return {
        "id": event.pk,
        "title": event.title,
        "slug": event.slug,
        "url": url,
        "kind": choice(EventKind, event.kind),
        "status": choice(EventStatus, event.status),
        "status_note": event.status_note,
        "format": choice(EventFormat, event.format),
        "audience": choice(EventAudience, event.audience),
        "summary": event.summary,
        "time_zone": event.time_zone,
        "all_day": event.all_day,
        "start": span.start,
        "end": span.end,
        "repeat": repeat(event),
        "next_occurrence": next_occurrence(upcoming),
        "registration": registration_out(event, upcoming, counts, url, now),
        "venue_name": place.venue_name,
        "address": place.address,
        # Place reads public_online_url: a members-only event never gives its link.
        "online_url": place.online_url,
        "topics": [topic_out(topic) for topic in event.topics.all()],
        "hosts": member_summaries(event.hosts.all(), request),
        "ical_url": url + event.reverse_subpage("ical") if url else "",
    }


def with_listed_relations(events):
    """``events`` with their topics and public hosts, in a fixed number of queries."""
    # The hosts in the order the editor chose them.
    hosts = public_members_prefetch("hosts", order_by=(EventPage.hosts.order_by, "pk"))
    return events.prefetch_related("topics", hosts)


def event_items(events, request, now) -> list[EventItem]:
    """The list items of ``events`` (a sliced queryset), each with its next date."""
    next_pk = (
        EventOccurrence.objects.filter(stored_in_range(), not_ended_q(now), event=OuterRef("pk"))
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    events = list(
        with_listed_relations(events.defer_streamfields()).annotate(next_pk=Subquery(next_pk))
    )
    upcoming = EventOccurrence.objects.in_bulk(
        [event.next_pk for event in events if event.next_pk]
    )
    by_pk = {event.pk: event for event in events}
    for occurrence in upcoming.values():
        occurrence.event = by_pk[occurrence.event_id]
    counts = counts_for((event, upcoming.get(event.next_pk)) for event in events)
    return [
        EventItem(**event_fields(event, request, upcoming.get(event.next_pk), counts, now))
        for event in events
    ]


def occurrence_item(occurrence, request, counts: dict, now) -> EventOccurrenceItem:
    """One stored date with its event, as ``occurrences/`` lists it."""
    event = occurrence.event
    url = page_url(event, request)
    summary = EventSummary(
        id=event.pk,
        title=event.title,
        url=url,
        kind=choice(EventKind, event.kind),
        status=choice(EventStatus, event.status),
    )
    return EventOccurrenceItem(**event_time(occurrence, counts, url, now), event=summary)


def case_summaries(event: EventPage, request) -> list[EventCaseSummary]:
    """The cases the event discussed that a visitor of the request's site may open."""
    return [
        EventCaseSummary(
            id=case.pk, title=case.title, url=page_url(case, request), summary=case.summary
        )
        for case in discussed_cases(event, current_site(request))
    ]


# The endpoints


@router.get("events/", response={200: EventList, **ERRORS}, url_name="events")
def events(request, filters: Query[EventFilters], paging: Query[Paging]):
    """The events a visitor may see, filtered; a series once, with its next date."""
    now = timezone.now()
    listed = listed_events(request, filters, now)
    page = listed[paging.offset : paging.offset + paging.limit]
    return {"count": listed.count(), "items": event_items(page, request, now)}


def event_detail(page: EventPage, request, upcoming: list) -> EventDetail:
    """The detail of ``page`` with its ``upcoming`` dates; a preview passes a draft's own."""
    for occurrence in upcoming:
        occurrence.event = page
    next_date = upcoming[0] if upcoming else None
    now = timezone.now()
    counts = counts_for((page, occurrence) for occurrence in upcoming)
    url = page_url(page, request)
    return EventDetail(
        **event_fields(page, request, next_date, counts, now),
        body=stream_blocks(page.body, request),
        occurrences=[
            EventTime(**event_time(occurrence, counts, url, now)) for occurrence in upcoming
        ],
        report=rich_text_html(page.report),
        materials=stream_blocks(page.materials, request),
        related_cases=case_summaries(page, request),
    )


@router.get("events/{id}/", response={200: EventDetail, **ERRORS}, url_name="event")
def event(request, id: Annotated[int, Path(ge=1, le=MAX_ID)]):
    """One event: the list item, its text, its upcoming dates, report and cases discussed."""
    page = with_listed_relations(visible_events(request)).filter(pk=id).first()
    if page is None:
        raise Http404(_("There is no such event."))
    upcoming = EventOccurrence.objects.filter(
        stored_in_range(), not_ended_q(timezone.now()), event=page
    ).order_by("start", "pk")[:DETAIL_OCCURRENCES]
    return event_detail(page, request, list(upcoming))


@router.get("occurrences/", response={200: EventOccurrenceList, **ERRORS}, url_name="occurrences")
def occurrences(request, filters: Query[OccurrenceFilters], paging: Query[Paging]):
    """Every stored date of the events a visitor may see, for calendar front ends."""
    now = timezone.now()
    listed = listed_occurrences(request, filters, now)
    page = list(
        listed.select_related("event").defer("event__body", "event__materials", "event__report")[
            paging.offset : paging.offset + paging.limit
        ]
    )
    counts = counts_for((occurrence.event, occurrence) for occurrence in page)
    return {
        "count": listed.count(),
        "items": [occurrence_item(occurrence, request, counts, now) for occurrence in page],
    }
