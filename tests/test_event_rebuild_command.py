"""The daily command keeps repeating events' dates stored up to the horizon."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from caseclub_wagtail.models import EventIndexPage, EventOccurrence, EventPage

# The stored dates reach a horizon counted from now.
pytestmark = pytest.mark.clock


def test_rebuild_command_extends_an_open_ended_series(db, settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 30}
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=EventIndexPage(title="События", slug="events"))
    zone = zoneinfo.ZoneInfo("Europe/Volgograd")
    start = timezone.now().astimezone(zone).replace(hour=18, minute=0, second=0, microsecond=0)
    event = EventPage(
        title="Заседание",
        slug="meeting",
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="Europe/Volgograd",
        repeat="weekly",
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    stored = EventOccurrence.objects.filter(event=event).count()
    assert 4 <= stored <= 5

    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 90}
    call_command("rebuild_event_occurrences", verbosity=0)

    assert EventOccurrence.objects.filter(event=event).count() >= 12
    assert EventPage.objects.get(pk=event.pk).sequence == 0  # the times did not change
