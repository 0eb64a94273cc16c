"""Dates outside 1900-2200: an editor's error beside the field, and nothing that fails.

Python's dates end at the years 1 and 9999, and converting an instant near either end to
another zone, or adding a week to it, overflows. The editor refuses such dates; a date
written by code past the editor is left out of the stored occurrences, the listings and
the feeds, and clamped where the event's own page must show it.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Revision

from caseclub_wagtail.events.occurrences import rebuild_occurrences
from caseclub_wagtail.models import (
    EventOccurrence,
    EventOccurrenceChange,
    EventPage,
)
from tests.factories import (
    change,
    event_form_data,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
)
from tests.support.event_admin import add_url, edit_url, field_errors, inline_errors
from tests.support.translation import in_russian

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=UTC)
OUT_OF_RANGE = "Enter a date from %(first)s to %(last)s."


def out_of_range() -> str:
    return in_russian(OUT_OF_RANGE, first=1900, last=2200)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def index():
    return make_event_index()


# --- The editor -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        pytest.param({"start": "0001-01-01 10:00", "end": "2026-03-05 20:00"}, "start", id="y1"),
        pytest.param(
            {
                "start": "0001-01-01 00:00",
                "end": "2026-03-05 20:00",
                "time_zone": "Europe/Volgograd",
            },
            "start",
            id="y1-midnight-volgograd",
        ),
        pytest.param(
            {"start": "9999-12-31 10:00", "end": "9999-12-31 12:00"}, "start", id="y9999"
        ),
        pytest.param({"start": "1899-12-31 23:00"}, "start", id="y1899"),
        pytest.param({"end": "2201-01-01 10:00"}, "end", id="end-y2201"),
        pytest.param({"end": "9999-12-31 23:59"}, "end", id="end-y9999"),
        pytest.param(
            {"repeat": "weekly", "repeat_until": "9999-12-31"}, "repeat_until", id="until"
        ),
        pytest.param(
            {"repeat": "weekly", "repeat_until": "0001-01-01"}, "repeat_until", id="until1"
        ),
    ],
)
def test_a_date_out_of_range_is_an_error_beside_its_field(admin_client, index, fields, field):
    revisions = Revision.objects.count()

    response = admin_client.post(add_url(index), event_form_data(**fields))

    assert out_of_range() in field_errors(response, field)
    assert not EventPage.objects.exists()
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize(
    ("row", "field"),
    [
        pytest.param(change("2026-03-12", "move", new_date="9999-12-31"), "new_date", id="new"),
        pytest.param(
            change("2026-03-12", "move", new_date="1899-12-31"), "new_date", id="new1899"
        ),
        pytest.param(change("0001-01-01", "cancel"), "original_date", id="original"),
    ],
)
def test_a_changed_date_out_of_range_is_an_error_beside_it(admin_client, index, row, field):
    response = admin_client.post(
        add_url(index), event_form_data(repeat="weekly", repeat_count="4", changes=[row])
    )

    assert inline_errors(response, field) == [[out_of_range()]]
    assert not EventPage.objects.exists()
    assert not EventOccurrence.objects.exists()


def test_an_edit_to_a_date_out_of_range_keeps_the_event_as_it_was(admin_client, index):
    admin_client.post(add_url(index), event_form_data())
    event = EventPage.objects.get()

    response = admin_client.post(
        edit_url(event), event_form_data(start="9999-12-31 10:00", end="9999-12-31 12:00")
    )

    assert out_of_range() in field_errors(response, "start")
    event.refresh_from_db()
    assert event.start == datetime.datetime(2026, 3, 5, 17, tzinfo=UTC)
    assert EventOccurrence.objects.filter(event=event).count() == 1


def test_the_first_and_last_years_are_accepted(admin_client, index, client):
    first = admin_client.post(
        add_url(index),
        event_form_data(start="1900-01-01 00:00", end="1900-01-01 02:00", time_zone="Asia/Tokyo"),
    )
    last = admin_client.post(
        add_url(index),
        event_form_data(
            slug="last", start="2200-12-31 22:00", end="2200-12-31 23:59", time_zone="Etc/GMT+12"
        ),
    )

    assert first.status_code == last.status_code == 302
    assert EventOccurrence.objects.count() == 2
    for event in EventPage.objects.all():
        assert client.get(event.url).status_code == 200
        body = client.get(event.url + "ical/").content
        (vevent,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
        assert vevent.decoded("dtstart").year in (1900, 2200)


def test_the_range_is_translated():
    assert out_of_range() != OUT_OF_RANGE % {"first": 1900, "last": 2200}
    assert "1900" in out_of_range() and "2200" in out_of_range()


def test_the_models_clean_refuses_dates_out_of_range_for_code_that_calls_it(index):
    event = EventPage(
        title="Импорт",
        slug="import",
        start=datetime.datetime(1, 1, 1, 10, tzinfo=UTC),
        end=datetime.datetime(9999, 12, 31, 23, tzinfo=UTC),
        time_zone="Europe/Volgograd",
        repeat="weekly",
        repeat_until=datetime.date(9999, 12, 31),
    )

    with pytest.raises(ValidationError) as raised:
        event.full_clean(exclude=["path", "depth", "content_type"])

    errors = raised.value.message_dict
    assert errors["start"] == errors["end"] == errors["repeat_until"] == [out_of_range()]


def test_the_clean_of_a_changed_date_refuses_dates_out_of_range():
    row = EventOccurrenceChange(
        original_date=datetime.date(1, 1, 1), action="move", new_date=datetime.date(9999, 1, 1)
    )

    with pytest.raises(ValidationError) as raised:
        row.clean()

    assert raised.value.message_dict == {
        "original_date": [out_of_range()],
        "new_date": [out_of_range()],
    }


# --- Dates written by code, past the editor ---------------------------------------------

HOSTILE = [
    # Converting any of these to the event's zone, or a week before it, overflows.
    pytest.param((datetime.datetime(1, 1, 1, 0, 0, tzinfo=UTC), "America/New_York"), id="y1"),
    pytest.param((datetime.datetime(1, 1, 1, 10, 0, tzinfo=UTC), "Europe/Volgograd"), id="y1-10h"),
    pytest.param(
        (datetime.datetime(9999, 12, 31, 21, 0, tzinfo=UTC), "Europe/Volgograd"), id="y9999"
    ),
]


@pytest.fixture(params=HOSTILE)
def hostile(request, index, django_capture_on_commit_callbacks):
    """A live event whose dates code has set out of range, beside an ordinary one.

    Stored occurrences out of range are written too, as code might: one of each kind for
    both events, and ones that reach from out of range into this month.
    """
    start, zone = request.param
    ordinary = make_event(
        index, "Обычное заседание", datetime.datetime(2026, 12, 10, 18), venue_name="Палата"
    )
    event = make_event(
        index,
        "Заседание из импорта",
        datetime.datetime(2026, 12, 15, 18),
        repeat="weekly",
        repeat_count=4,
    )
    end = start + datetime.timedelta(hours=2)
    EventPage.objects.filter(pk=event.pk).update(start=start, end=end, time_zone=zone)
    EventOccurrence.objects.filter(event=event).delete()
    this_month = datetime.datetime(2026, 12, 5, 12, tzinfo=UTC)
    for owner in (ordinary, event):
        for row_start, row_end in (
            (start, end),
            (datetime.datetime(1, 1, 1, 3, tzinfo=UTC), this_month),
            (this_month, datetime.datetime(9999, 12, 31, 23, tzinfo=UTC)),
        ):
            EventOccurrence.objects.create(
                event_id=owner.pk,
                start=row_start,
                end=row_end,
                original_start=row_start,
                first_day=row_start.date(),
                last_day=row_end.date(),
                status="scheduled",
                is_moved=True,
            )
    return EventPage.objects.get(pk=event.pk), ordinary


def test_the_rebuild_leaves_the_event_out_with_a_warning(hostile, caplog):
    event, ordinary = hostile

    with caplog.at_level(logging.WARNING, logger="caseclub_wagtail"):
        stored = rebuild_occurrences(event)

    assert stored == 0
    assert not EventOccurrence.objects.filter(event=event).exists()
    assert any(
        record.levelno == logging.WARNING and "Заседание из импорта" in record.getMessage()
        for record in caplog.records
    )


def test_the_rebuild_command_rebuilds_the_others(hostile, capsys):
    event, ordinary = hostile

    call_command("rebuild_event_occurrences")

    assert not EventOccurrence.objects.filter(event=event).exists()
    assert list(
        EventOccurrence.objects.filter(event=ordinary).values_list("start", flat=True)
    ) == [datetime.datetime(2026, 12, 10, 15, tzinfo=UTC)]
    assert "2 events, 1 occurrences stored." in capsys.readouterr().out


def test_publishing_a_date_moved_out_of_range_by_code_leaves_that_date_out(index, caplog):
    event = make_event(
        index, "Четверги", datetime.datetime(2026, 12, 3, 18), repeat="weekly", repeat_count=3
    )
    # The editor's form refuses this move; code may still write it into a revision.
    event.occurrence_changes = [
        EventOccurrenceChange(
            original_date=datetime.date(2026, 12, 10),
            action="move",
            new_date=datetime.date(9999, 12, 31),
            new_start_time=datetime.time(23),
        )
    ]
    event.time_zone = "America/New_York"

    with caplog.at_level(logging.WARNING, logger="caseclub_wagtail"):
        event.save_revision().publish()

    starts = EventOccurrence.objects.filter(event=event).values_list("start", flat=True)
    assert [start.date() for start in starts] == [
        datetime.date(2026, 12, 3),
        datetime.date(2026, 12, 17),
    ]
    assert "9999-12-31" in caplog.text


def feed_summaries(body: bytes) -> list[str]:
    return [str(vevent["summary"]) for vevent in icalendar.Calendar.from_ical(body).walk("VEVENT")]


@pytest.mark.parametrize("query", ["", "?past=3660"])
def test_the_index_feed_holds_the_other_events(client, hostile, index, query):
    response = client.get(index.url + "ical/" + query)

    assert response.status_code == 200
    assert feed_summaries(response.content) == ["Обычное заседание"]


def test_the_events_own_calendar_file_answers_without_it(client, hostile, caplog):
    event, ordinary = hostile

    with caplog.at_level(logging.WARNING, logger="caseclub_wagtail"):
        response = client.get(event.url + "ical/")
    good = client.get(ordinary.url + "ical/")

    assert response.status_code == 200
    assert feed_summaries(response.content) == []
    assert "Заседание из импорта" in caplog.text
    assert feed_summaries(good.content) == ["Обычное заседание"]
    (vevent,) = icalendar.Calendar.from_ical(good.content).walk("VEVENT")
    assert vevent.decoded("dtstart") == datetime.datetime(
        2026, 12, 10, 18, tzinfo=ZoneInfo("Europe/Volgograd")
    )


def test_the_event_page_answers_with_its_date_clamped(client, hostile, caplog):
    event, ordinary = hostile

    with caplog.at_level(logging.WARNING, logger="caseclub_wagtail"):
        response = client.get(event.url)

    assert response.status_code == 200
    assert "Заседание из импорта" in response.content.decode()
    assert "outside 1900 to 2200" in caplog.text
    assert client.get(ordinary.url).status_code == 200


@pytest.mark.parametrize("path", ["", "past/", "calendar/", "calendar/2026/12/", "?month=2026-12"])
def test_listings_and_the_month_grid_leave_the_dates_out(client, hostile, index, path):
    response = client.get(index.url + path)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Заседание из импорта" not in html
    if path != "past/":
        assert "Обычное заседание" in html


def test_a_case_that_names_the_event_answers(client, hostile):
    event, ordinary = hostile
    library = make_case_library()
    case = make_case(library, "Кейс о кровле")
    page = EventPage.objects.get(pk=event.pk)
    page.related_cases = [case]
    page.save(clean=False)

    response = client.get(case.url)

    assert response.status_code == 200
    assert "Заседание из импорта" in response.content.decode()


def test_the_admin_edit_page_of_the_event_answers(admin_client, hostile):
    event, ordinary = hostile

    response = admin_client.get(edit_url(event))

    assert response.status_code == 200
