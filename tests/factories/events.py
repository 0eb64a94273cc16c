"""Events and their index, published as an editor would, and the event form's POST data."""

import datetime
import itertools
import zoneinfo

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from caseclub_wagtail.models import EventIndexPage, EventOccurrenceChange, EventPage
from tests.factories.core import root_page

VOLGOGRAD = "Europe/Volgograd"
_slugs = itertools.count(1)


def make_event_index(slug="events", title="Мероприятия") -> EventIndexPage:
    """Add a published event index under the default site's root page."""
    index = EventIndexPage(title=title, slug=slug)
    root_page().add_child(instance=index)
    index.save_revision().publish()
    return EventIndexPage.objects.get(pk=index.pk)


def make_event(
    index,
    title,
    start,
    end=None,
    *,
    slug=None,
    time_zone=VOLGOGRAD,
    topics=(),
    hosts=(),
    cases=(),
    changes=(),
    live=True,
    **fields,
) -> EventPage:
    """Add an event under ``index``, published unless ``live`` is false, as an editor would.

    ``start`` and ``end`` are the wall times typed in ``time_zone`` (a time zone they carry
    is replaced by it); ``end`` is two hours after ``start`` unless given. ``changes`` are
    the keyword arguments of each cancelled or moved date.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    end = end or start + datetime.timedelta(hours=2)
    event = EventPage(
        title=title,
        slug=slug or f"event-{next(_slugs)}",
        start=start.replace(tzinfo=zone),
        end=end.replace(tzinfo=zone),
        time_zone=time_zone,
        live=live,
        **fields,
    )
    event.topics = list(topics)
    event.hosts = list(hosts)
    event.related_cases = list(cases)
    event.occurrence_changes = [EventOccurrenceChange(**row) for row in changes]
    index.add_child(instance=event)
    revision = event.save_revision()
    if live:
        revision.publish()
    return EventPage.objects.get(pk=event.pk)


def wall(days, hour=18, minute=0) -> datetime.datetime:
    """A naive wall time ``days`` from today, in the site's zone."""
    return datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=days), datetime.time(hour, minute)
    )


def change(original_date, action="cancel", **fields):
    """One row of the "cancelled and moved dates" inline."""
    return {
        "id": "",
        "original_date": original_date,
        "action": action,
        "new_date": "",
        "new_start_time": "",
        "new_end_time": "",
        "note": "",
        **fields,
    }


def chosen_rows(field: str, objects) -> list[dict]:
    """The rows a chooser panel posts for ``objects``, in their order."""
    return [
        {"id": "", field: str(obj.pk), "ORDER": str(position)}
        for position, obj in enumerate(objects)
    ]


def event_form_data(changes=(), weekdays=(), publish=True, hosts=(), cases=(), **fields):
    """POST data of the event form, as the editor's browser sends it.

    ``hosts`` and ``cases`` are the members and cases chosen, in their order.
    """
    data = {
        "title": "Заседание клуба",
        "slug": "zasedanie",
        "kind": "meeting",
        "audience": "open",
        "start": "2026-03-05 18:00",
        "end": "2026-03-05 20:00",
        "time_zone": "Europe/Berlin",
        "status": "scheduled",
        "status_note": "",
        "format": "in_person",
        "venue_name": "Торгово-промышленная палата",
        "address": "Волгоград, ул. Мира, 10",
        "online_url": "",
        "summary": "Очередное заседание",
        "body": streamfield([("paragraph", rich_text("<p>Повестка дня</p>"))]),
        "host_links": inline_formset(chosen_rows("member", hosts)),
        "case_links": inline_formset(chosen_rows("case", cases)),
        "registration": "none",
        "registration_url": "",
        "capacity": "",
        "registration_closes": "",
        "repeat": "",
        "repeat_interval": "1",
        "repeat_monthly_by": "day_of_month",
        "repeat_until": "",
        "repeat_count": "",
        "occurrence_changes": inline_formset(list(changes)),
        "report": rich_text(""),
        "materials": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    data = nested_form_data(data)
    if weekdays:
        data["repeat_weekdays"] = list(weekdays)
    if publish:
        data["action-publish"] = "action-publish"
    return data


def add_events(index, count, start, *, topics=(), hosts=(), **fields) -> list[EventPage]:
    """Publish ``count`` events under ``index`` as code would (no revisions), a day apart.

    For the tests that need many events: much faster than ``make_event``.
    """
    zone = zoneinfo.ZoneInfo(fields.pop("time_zone", VOLGOGRAD))
    events = []
    for number in range(count):
        first = (start + datetime.timedelta(days=number)).replace(tzinfo=zone)
        event = EventPage(
            title=fields.get("title", f"Заседание {number + 1}"),
            slug=f"event-{next(_slugs)}",
            start=first,
            end=first + datetime.timedelta(hours=2),
            time_zone=zone.key,
            **{name: value for name, value in fields.items() if name != "title"},
        )
        event.topics = list(topics)
        event.hosts = list(hosts)
        index.add_child(instance=event)
        events.append(event)
    return events
