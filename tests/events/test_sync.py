"""A live event's stored occurrences never disagree with the page, whatever path saved it.

Listings, the month grid and the feeds read only the stored occurrences: if a save of the
page could return without them, a visitor would see the old date.
"""

import datetime
import zoneinfo

import pytest

from caseclub_wagtail.events import occurrences
from caseclub_wagtail.models import EventOccurrence, EventPage
from tests.factories import make_event, make_event_index

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")
FIRST = datetime.datetime(2026, 12, 10, 18, 0)
MOVED = datetime.datetime(2026, 12, 17, 19, 30)


def stored_starts(event) -> list[datetime.datetime]:
    rows = EventOccurrence.objects.filter(event=event).order_by("start")
    return [row.start.astimezone(VOLGOGRAD).replace(tzinfo=None) for row in rows]


@pytest.fixture
def event():
    return make_event(make_event_index(), "Заседание клуба", FIRST)


def test_publishing_a_new_time_stores_it_with_a_higher_sequence(event):
    draft = event.get_latest_revision_as_object()
    draft.start = MOVED.replace(tzinfo=VOLGOGRAD)
    draft.end = (MOVED + datetime.timedelta(hours=2)).replace(tzinfo=VOLGOGRAD)
    draft.save_revision().publish()

    assert stored_starts(event) == [MOVED]
    assert EventPage.objects.get(pk=event.pk).sequence == event.sequence + 1


def test_a_plain_save_of_a_live_event_stores_its_new_time(event):
    event.start = MOVED.replace(tzinfo=VOLGOGRAD)
    event.end = (MOVED + datetime.timedelta(hours=2)).replace(tzinfo=VOLGOGRAD)
    event.save()

    assert stored_starts(event) == [MOVED]


def test_a_crash_while_storing_the_dates_leaves_page_and_dates_as_they_were(event, monkeypatch):
    draft = event.get_latest_revision_as_object()
    draft.start = MOVED.replace(tzinfo=VOLGOGRAD)
    draft.end = (MOVED + datetime.timedelta(hours=2)).replace(tzinfo=VOLGOGRAD)
    revision = draft.save_revision()

    def crash(event):
        raise RuntimeError("the worker died while storing the dates")

    monkeypatch.setattr(occurrences, "build_occurrences", crash)
    with pytest.raises(RuntimeError):
        revision.publish()

    live = EventPage.objects.get(pk=event.pk)
    assert live.start.astimezone(VOLGOGRAD).replace(tzinfo=None) == FIRST
    assert live.live_revision_id == event.live_revision_id
    assert stored_starts(event) == [FIRST]


def test_saving_a_draft_keeps_the_live_dates(event):
    draft = event.get_latest_revision_as_object()
    draft.start = MOVED.replace(tzinfo=VOLGOGRAD)
    draft.end = (MOVED + datetime.timedelta(hours=2)).replace(tzinfo=VOLGOGRAD)
    draft.save_revision()

    assert stored_starts(event) == [FIRST]


def test_unpublishing_removes_the_dates_and_republishing_restores_them(event):
    event.unpublish()
    assert stored_starts(event) == []

    EventPage.objects.get(pk=event.pk).get_latest_revision().publish()
    assert stored_starts(event) == [FIRST]


def test_a_live_copy_has_dates_of_its_own(event):
    copy = event.copy(update_attrs={"slug": "copy", "title": "Копия"}, keep_live=True)

    assert stored_starts(copy) == [FIRST]
    assert stored_starts(event) == [FIRST]
