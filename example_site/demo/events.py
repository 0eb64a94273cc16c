"""The demo's events, from ``events.toml``, with dates counted from the day it runs."""

from datetime import date
from zoneinfo import ZoneInfo

from django.db import models

from caseclub_wagtail.models import CaseStudyPage, EventIndexPage, EventOccurrenceChange, EventPage
from example_site.demo.datafiles import DataFile, Record, clean_streams, full_clean_rows, stream
from example_site.demo.dates import resolve
from example_site.demo.members import members_by_name, topics_by_slug

# Keys of an event in events.toml that are not fields of EventPage.
RELATIONS = {"hosts", "topics", "changes", "body", "related_cases"}


def resolve_dates(record: Record, model, data: dict, today: date, zone: ZoneInfo) -> dict:
    """The record's fields with each relative date turned into a date or an aware datetime."""
    fields = {}
    for key, value in data.items():
        with record.checked(key):
            field = model._meta.get_field(key)
            with_time = isinstance(field, models.DateTimeField)
            fields[key] = resolve(value, today, fields, zone if with_time else None)
    return fields


def ensure_events(index: EventIndexPage, events: DataFile, today: date) -> int:
    """Publish the demo events that the events page does not hold yet."""
    zone = ZoneInfo(events.data["time_zone"])
    existing = set(index.get_children().values_list("slug", flat=True))
    topics, members = topics_by_slug(), members_by_name()
    created_count = 0
    for record, data in events.records("events", "event", "slug"):
        if data["slug"] in existing:
            continue
        create_event(index, record, data, today, zone, topics, members)
        created_count += 1
    return created_count


def create_event(index, record, data, today, zone, topics, members) -> EventPage:
    """Add one event with its hosts, topics and changed dates, then publish it.

    Publishing stores the event's occurrences.
    """
    fields = {key: value for key, value in data.items() if key not in RELATIONS}
    fields = resolve_dates(record, EventPage, fields, today, zone)
    with record.checked():
        event = EventPage(time_zone=zone.key, **fields)
    event.body = stream(record, EventPage, "body", data.get("body", []))
    event.topics.set(record.lookup(topics, data.get("topics", []), "topic"))
    event.hosts.set(record.lookup(members, data.get("hosts", []), "member"))
    for order, change in enumerate(data.get("changes", [])):
        change = resolve_dates(record, EventOccurrenceChange, change, today, zone)
        with record.checked("changes"):
            event.occurrence_changes.add(EventOccurrenceChange(sort_order=order, **change))
    full_clean_rows(record, event.occurrence_changes.all(), "event", "changed date")
    clean_streams(record, event)
    with record.checked():
        index.add_child(instance=event)  # saving runs the page's full_clean
    event.save_revision().publish()
    return event


def link_events(index: EventIndexPage, events: DataFile, new_cases: dict) -> int:
    """Name the new cases on the events where they were discussed; count the links.

    A case created in an earlier run is left as an editor may have left it.
    """
    known = {case.slug: case for case in CaseStudyPage.objects.all()}
    linked_count = 0
    for record, data in events.records("events", "event", "slug"):
        slugs = data.get("related_cases", [])
        record.lookup(known, slugs, "case")
        added = [new_cases[slug] for slug in slugs if slug in new_cases]
        page = index.get_children().filter(slug=data["slug"]).first()
        if page is None or not added or not isinstance(page.specific, EventPage):
            continue
        event = page.specific
        event.related_cases = [*event.related_cases.all(), *added]
        with record.checked("related_cases"):
            event.save_revision().publish()
        linked_count += len(added)
    return linked_count
