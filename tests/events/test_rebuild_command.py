"""The daily command keeps repeating events' dates stored up to the horizon."""

import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from caseclub_wagtail.models import EventOccurrence, EventPage
from tests.factories import make_event, make_event_index

# The stored dates reach a horizon counted from now.
pytestmark = pytest.mark.clock


def test_rebuild_command_extends_an_open_ended_series(db, settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 30}
    index = make_event_index(title="События")
    zone = zoneinfo.ZoneInfo("Europe/Volgograd")
    start = timezone.now().astimezone(zone).replace(hour=18, minute=0, second=0, microsecond=0)
    event = make_event(index, "Заседание", start, slug="meeting", repeat="weekly")
    stored = EventOccurrence.objects.filter(event=event).count()
    assert 4 <= stored <= 5

    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 90}
    call_command("rebuild_event_occurrences", verbosity=0)

    assert EventOccurrence.objects.filter(event=event).count() >= 12
    assert EventPage.objects.get(pk=event.pk).sequence == 0  # the times did not change
