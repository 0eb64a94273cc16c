"""Publishing events as an editor would, for the event tests."""

import datetime
import itertools
import zoneinfo

from wagtail.models import Site

from caseclub_wagtail.models import EventIndexPage, EventOccurrenceChange, EventPage

_slugs = itertools.count(1)


def publish_index(slug="events", title="Мероприятия") -> EventIndexPage:
    """Add a published event index under the default site's root page."""
    root = Site.objects.get(is_default_site=True).root_page
    index = EventIndexPage(title=title, slug=slug)
    root.add_child(instance=index)
    index.save_revision().publish()
    return EventIndexPage.objects.get(pk=index.pk)


def publish_event(
    index, title, start, end=None, *, time_zone="Europe/Volgograd", changes=(), **fields
) -> EventPage:
    """Publish an event under ``index``; ``start`` and ``end`` are wall times in its zone."""
    zone = zoneinfo.ZoneInfo(time_zone)
    end = end or start + datetime.timedelta(hours=2)
    event = EventPage(
        title=title,
        slug=f"event-{next(_slugs)}",
        start=start.replace(tzinfo=zone),
        end=end.replace(tzinfo=zone),
        time_zone=time_zone,
        **fields,
    )
    event.occurrence_changes = [EventOccurrenceChange(**change) for change in changes]
    index.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)
