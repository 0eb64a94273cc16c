"""The events' iCalendar feed and files, read back with parsers other than the generator's.

The files are written with ``icalendar``; here they are read with ``vobject`` (which
turns each VTIMEZONE into a tzinfo of its own) and rules are expanded with
python-dateutil's ``rrulestr``, so an error in how we call ``icalendar`` cannot hide.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
import vobject
from dateutil.rrule import rrulestr
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseclub_wagtail.models import (
    EventOccurrence,
    EventPage,
)
from tests.factories import make_event, make_event_index

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
BERLIN = ZoneInfo("Europe/Berlin")
VOLGOGRAD = ZoneInfo("Europe/Volgograd")


def add_event(index, slug, start, end, *, zone="Europe/Volgograd", **fields):
    """Publish an event whose start and end are the wall times an editor typed in ``zone``."""
    title = fields.pop("title", slug)
    return make_event(index, title, start, end, slug=slug, time_zone=zone, **fields)


def ical_url(page) -> str:
    return page.url + "ical/"


def parse(response):
    """The response's calendar, as ``vobject`` reads it, with the file's own VTIMEZONEs."""
    body = response.content.decode("utf-8")
    # vobject keeps the first definition of each TZID for the whole process, and falls
    # back to pytz for a TZID it does not know: forget both, so each file stands alone.
    zones = vars(vobject.icalendar)["__tzidMap"]
    utc = zones["UTC"]
    zones.clear()
    zones["UTC"] = utc
    tzids = set(re.findall(r";TZID=([^:;]+)[:;]", body))
    defined = set(re.findall(r"^TZID:(.+)$", body, flags=re.M))
    assert tzids <= {zone.strip() for zone in defined}, "a TZID without its VTIMEZONE"
    return vobject.readOne(body)


def vevents(calendar, uid=None):
    found = list(getattr(calendar, "vevent_list", []))
    return [v for v in found if uid is None or v.uid.value == uid]


def by_summary(calendar, title):
    matches = [v for v in vevents(calendar) if v.summary.value == title]
    assert matches, f"no VEVENT titled {title!r}"
    return matches


def content_lines(response) -> list[str]:
    """The raw content lines of the file, as written (folded)."""
    body = response.content.decode("utf-8")
    assert body.endswith("\r\n")
    return body[: -len("\r\n")].split("\r\n")


def unfolded(response) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", response.content.decode("utf-8")).split("\r\n")


def vevent_blocks(response) -> list[list[str]]:
    """The unfolded lines of each VEVENT of the file."""
    blocks, current = [], None
    for line in unfolded(response):
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            blocks.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def prop_lines(response, name: str, block=None) -> list[str]:
    """The unfolded lines of property ``name`` in the file's VEVENTs (or in one of them)."""
    blocks = vevent_blocks(response) if block is None else [block]
    return [line for lines in blocks for line in lines if re.match(rf"{name}[;:]", line)]


def master_block(response) -> list[str]:
    (block,) = [b for b in vevent_blocks(response) if not prop_lines(response, "RECURRENCE-ID", b)]
    return block


@pytest.fixture(autouse=True)
def pinned_clock():
    """Before every date these tests publish: the index feed holds dates from 90 days back."""
    with time_machine.travel(datetime.datetime(2025, 3, 1, 9, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def index():
    return make_event_index(title="События клуба")


# --- The responses ----------------------------------------------------------------------


def test_feed_is_a_named_calendar_attachment(client, index):
    add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )

    response = client.get(ical_url(index))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="calendar.ics"'
    calendar = parse(response)
    assert calendar.version.value == "2.0"
    assert calendar.calscale.value == "GREGORIAN"
    assert calendar.method.value == "PUBLISH"
    assert calendar.prodid.value.startswith("-//caseclub-wagtail//")
    assert calendar.contents["x-wr-calname"][0].value == "События клуба"


def test_event_file_is_named_after_its_slug(client, index):
    event = add_event(
        index,
        "spring-meeting",
        datetime.datetime(2026, 5, 14, 18),
        datetime.datetime(2026, 5, 14, 20),
        title="Весеннее заседание",
    )
    add_event(index, "other", datetime.datetime(2026, 6, 1, 10), datetime.datetime(2026, 6, 1, 12))

    response = client.get(ical_url(event))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="spring-meeting.ics"'
    calendar = parse(response)
    assert [v.summary.value for v in vevents(calendar)] == ["Весеннее заседание"]
    assert calendar.contents["x-wr-calname"][0].value == "Весеннее заседание"


def test_feed_holds_only_published_public_events(client, index):
    from wagtail.models import PageViewRestriction

    add_event(
        index, "public", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    draft = add_event(
        index, "draft", datetime.datetime(2026, 5, 15, 18), datetime.datetime(2026, 5, 15, 20)
    )
    draft.unpublish()
    private = add_event(
        index, "private", datetime.datetime(2026, 5, 16, 18), datetime.datetime(2026, 5, 16, 20)
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")

    calendar = parse(client.get(ical_url(index)))

    assert [v.summary.value for v in vevents(calendar)] == ["public"]


def test_kind_narrows_the_feed_and_an_unknown_kind_is_ignored(client, index):
    add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    add_event(
        index,
        "class",
        datetime.datetime(2026, 5, 20, 18),
        datetime.datetime(2026, 5, 20, 20),
        kind="master_class",
    )

    narrowed = client.get(ical_url(index), {"kind": "master_class"})
    nonsense = client.get(ical_url(index), {"kind": "nonsense"})

    assert [v.summary.value for v in vevents(parse(narrowed))] == ["class"]
    assert nonsense.status_code == 200
    assert sorted(v.summary.value for v in vevents(parse(nonsense))) == ["class", "meeting"]


# --- Time zones -------------------------------------------------------------------------


@pytest.mark.parametrize("site_zone", ["Europe/Volgograd", "America/New_York", "UTC"])
def test_timed_event_keeps_its_zone_and_instant_whatever_the_site_zone(
    client, index, settings, site_zone
):
    settings.TIME_ZONE = site_zone
    add_event(
        index,
        "volgograd",
        datetime.datetime(2026, 5, 14, 18, 0),
        datetime.datetime(2026, 5, 14, 20, 30),
    )

    response = client.get(ical_url(index))

    assert prop_lines(response, "DTSTART") == ["DTSTART;TZID=Europe/Volgograd:20260514T180000"]
    assert prop_lines(response, "DTEND") == ["DTEND;TZID=Europe/Volgograd:20260514T203000"]
    (vevent,) = vevents(parse(response))
    # vobject reads the offset from our VTIMEZONE, not from its own zone database.
    assert vevent.dtstart.value == datetime.datetime(2026, 5, 14, 15, 0, tzinfo=UTC)
    assert vevent.dtend.value == datetime.datetime(2026, 5, 14, 17, 30, tzinfo=UTC)
    assert vevent.dtstart.value.utcoffset() == datetime.timedelta(hours=3)
    assert "TZID:Europe/Volgograd" in unfolded(response)


def test_events_in_several_zones_each_get_a_vtimezone(client, index):
    add_event(
        index, "volgograd", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    add_event(
        index,
        "berlin",
        datetime.datetime(2026, 7, 2, 18),
        datetime.datetime(2026, 7, 2, 20),
        zone="Europe/Berlin",
    )
    add_event(
        index,
        "utc",
        datetime.datetime(2026, 8, 1, 9),
        datetime.datetime(2026, 8, 1, 10),
        zone="UTC",
    )

    response = client.get(ical_url(index))
    calendar = parse(response)

    zones = sorted(tz.tzid.value for tz in calendar.vtimezone_list)
    assert zones == ["Europe/Berlin", "Europe/Volgograd"]
    starts = {v.summary.value: v.dtstart.value for v in vevents(calendar)}
    assert starts["volgograd"] == datetime.datetime(2026, 5, 14, 15, tzinfo=UTC)
    assert starts["berlin"] == datetime.datetime(2026, 7, 2, 16, tzinfo=UTC)
    assert starts["utc"] == datetime.datetime(2026, 8, 1, 9, tzinfo=UTC)


# --- A weekly series across the change to summer time -------------------------------------


@pytest.fixture
def berlin_series(index):
    """Thursdays at 18:00 in Berlin, across 30 March 2025; one date cancelled, one moved."""
    return add_event(
        index,
        "thursdays",
        datetime.datetime(2025, 3, 6, 18),
        datetime.datetime(2025, 3, 6, 20),
        zone="Europe/Berlin",
        title="Клуб по четвергам",
        repeat="weekly",
        repeat_weekdays="TH",
        repeat_count=8,
        changes=[
            {"original_date": datetime.date(2025, 3, 20), "action": "cancel", "note": "праздник"},
            {
                "original_date": datetime.date(2025, 4, 3),
                "action": "move",
                "new_date": datetime.date(2025, 4, 4),
                "new_start_time": datetime.time(19, 0),
                "new_end_time": datetime.time(21, 30),
                "note": "зал занят",
            },
        ],
    )


def test_weekly_series_stays_at_18_local_across_the_dst_change(client, berlin_series):
    response = client.get(ical_url(berlin_series))
    calendar = parse(response)
    master = [v for v in vevents(calendar) if not hasattr(v, "recurrence_id")]
    assert len(master) == 1
    master = master[0]

    (rrule_line,) = prop_lines(response, "RRULE")
    (dtstart_line,) = prop_lines(response, "DTSTART", master_block(response))
    assert dtstart_line == "DTSTART;TZID=Europe/Berlin:20250306T180000"
    walls = list(rrulestr(rrule_line, dtstart=datetime.datetime(2025, 3, 6, 18)))
    assert len(walls) == 8
    assert {wall.time() for wall in walls} == {datetime.time(18)}

    # The whole set as vobject expands it, with the zone read from our VTIMEZONE.
    instants = list(master.getrruleset(addRDate=True))
    # Adding weeks to an aware datetime keeps its wall time: the instants the editor meant.
    first = datetime.datetime(2025, 3, 6, 18, tzinfo=BERLIN)
    expected = [first + datetime.timedelta(weeks=week) for week in range(8) if week != 2]
    assert instants == expected
    local_times = {instant.astimezone(BERLIN).time() for instant in instants}
    assert local_times == {datetime.time(18)}
    # Before the change 18:00 is 17:00 UTC, after it 16:00 UTC.
    utc_hours = [instant.astimezone(UTC).hour for instant in instants]
    assert utc_hours[:3] == [17, 17, 17] and set(utc_hours[3:]) == {16}


def test_cancelled_date_is_an_exdate(client, berlin_series):
    response = client.get(ical_url(berlin_series))

    assert prop_lines(response, "EXDATE") == ["EXDATE;TZID=Europe/Berlin:20250320T180000"]
    master = [v for v in vevents(parse(response)) if not hasattr(v, "recurrence_id")][0]
    excluded = [ex for line in master.exdate_list for ex in line.value]
    assert excluded == [datetime.datetime(2025, 3, 20, 17, tzinfo=UTC)]


def test_moved_date_is_a_recurrence_id_entry_with_its_new_times(client, berlin_series):
    response = client.get(ical_url(berlin_series))
    calendar = parse(response)

    entries = vevents(calendar, uid=vevents(calendar)[0].uid.value)
    assert len(entries) == 2
    moved = [v for v in entries if hasattr(v, "recurrence_id")]
    assert len(moved) == 1
    moved = moved[0]
    assert moved.recurrence_id.value == datetime.datetime(2025, 4, 3, 18, tzinfo=BERLIN)
    assert moved.dtstart.value == datetime.datetime(2025, 4, 4, 19, tzinfo=BERLIN)
    assert moved.dtend.value == datetime.datetime(2025, 4, 4, 21, 30, tzinfo=BERLIN)
    assert moved.status.value == "CONFIRMED"
    assert moved.sequence.value == str(berlin_series.sequence)
    assert "зал занят" in moved.description.value
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20250403T180000" in unfolded(response)
    # The stored table agrees: this is what the listings show.
    stored = EventOccurrence.objects.get(event=berlin_series, is_moved=True)
    assert stored.start == moved.dtstart.value


def test_series_in_the_feed_matches_the_stored_occurrences(client, index, berlin_series):
    calendar = parse(client.get(ical_url(index)))
    entries = vevents(calendar)
    master = [v for v in entries if not hasattr(v, "recurrence_id")][0]
    moved = {
        v.recurrence_id.value: v.dtstart.value for v in entries if hasattr(v, "recurrence_id")
    }

    shown = sorted(moved.get(instant, instant) for instant in master.getrruleset(addRDate=True))

    stored = EventOccurrence.objects.filter(event=berlin_series).exclude(status="cancelled")
    assert shown == [occurrence.start for occurrence in stored.order_by("start")]


def test_series_with_an_end_date_gives_exactly_the_stored_dates(client, index):
    event = add_event(
        index,
        "until",
        datetime.datetime(2025, 10, 1, 18, 30),
        datetime.datetime(2025, 10, 1, 20),
        zone="Europe/Berlin",
        repeat="weekly",
        repeat_until=datetime.date(2025, 11, 26),
    )
    response = client.get(ical_url(event))

    (rrule_line,) = prop_lines(response, "RRULE")
    assert re.search(r"UNTIL=\d{8}T\d{6}Z", rrule_line)
    first = datetime.datetime(2025, 10, 1, 18, 30, tzinfo=BERLIN)
    from_dateutil = list(rrulestr(rrule_line, dtstart=first))
    (vevent,) = vevents(parse(response))
    from_vobject = list(vevent.getrruleset(addRDate=True))

    stored = [o.start for o in EventOccurrence.objects.filter(event=event).order_by("start")]
    assert len(stored) == 9  # 1 October to 26 November, across the end of summer time
    assert from_dateutil == from_vobject == stored
    assert {instant.astimezone(BERLIN).time() for instant in stored} == {datetime.time(18, 30)}


def test_monthly_series_on_the_second_thursday(client, index):
    event = add_event(
        index,
        "monthly",
        datetime.datetime(2026, 1, 8, 18),
        datetime.datetime(2026, 1, 8, 20),
        repeat="monthly",
        repeat_monthly_by="weekday",
        repeat_count=6,
    )
    response = client.get(ical_url(event))

    (vevent,) = vevents(parse(response))
    shown = list(vevent.getrruleset(addRDate=True))
    stored = [o.start for o in EventOccurrence.objects.filter(event=event).order_by("start")]
    assert shown == stored
    assert [instant.astimezone(VOLGOGRAD).day for instant in shown] == [8, 12, 12, 9, 14, 11]


# --- All-day and cancelled events ------------------------------------------------------------


def test_all_day_internship_has_dates_and_an_exclusive_end(client, index):
    internship = add_event(
        index,
        "internship",
        datetime.datetime(2026, 7, 6),
        datetime.datetime(2026, 7, 10),
        kind="internship",
        all_day=True,
    )

    response = client.get(ical_url(internship))

    assert prop_lines(response, "DTSTART") == ["DTSTART;VALUE=DATE:20260706"]
    assert prop_lines(response, "DTEND") == ["DTEND;VALUE=DATE:20260711"]
    (vevent,) = vevents(parse(response))
    assert vevent.dtstart.value == datetime.date(2026, 7, 6)
    assert vevent.dtend.value == datetime.date(2026, 7, 11)
    assert not any(line.startswith("BEGIN:VTIMEZONE") for line in unfolded(response))


def test_all_day_series_writes_dates_throughout(client, index):
    event = add_event(
        index,
        "summer-school",
        datetime.datetime(2026, 6, 1),
        datetime.datetime(2026, 6, 2),
        all_day=True,
        repeat="weekly",
        repeat_until=datetime.date(2026, 6, 29),
        changes=[
            {"original_date": datetime.date(2026, 6, 8), "action": "cancel"},
            {
                "original_date": datetime.date(2026, 6, 15),
                "action": "move",
                "new_date": datetime.date(2026, 6, 17),
            },
        ],
    )
    response = client.get(ical_url(event))

    master = master_block(response)
    assert prop_lines(response, "DTSTART", master) == ["DTSTART;VALUE=DATE:20260601"]
    assert prop_lines(response, "DTEND", master) == ["DTEND;VALUE=DATE:20260603"]
    assert prop_lines(response, "EXDATE") == ["EXDATE;VALUE=DATE:20260608"]
    assert prop_lines(response, "RECURRENCE-ID") == ["RECURRENCE-ID;VALUE=DATE:20260615"]
    (rrule_line,) = prop_lines(response, "RRULE")
    days = list(rrulestr(rrule_line, dtstart=datetime.datetime(2026, 6, 1)))
    assert [day.day for day in days] == [1, 8, 15, 22, 29]
    moved = [v for v in vevents(parse(response)) if hasattr(v, "recurrence_id")][0]
    assert moved.dtstart.value == datetime.date(2026, 6, 17)
    assert moved.dtend.value == datetime.date(2026, 6, 19)


def test_cancelled_event_is_marked_cancelled(client, index):
    add_event(
        index,
        "cancelled",
        datetime.datetime(2026, 5, 14, 18),
        datetime.datetime(2026, 5, 14, 20),
        status="cancelled",
        status_note="лектор заболел",
    )
    add_event(
        index, "held", datetime.datetime(2026, 5, 21, 18), datetime.datetime(2026, 5, 21, 20)
    )

    calendar = parse(client.get(ical_url(index)))

    (cancelled,) = by_summary(calendar, "cancelled")
    (held,) = by_summary(calendar, "held")
    assert cancelled.status.value == "CANCELLED"
    assert "лектор заболел" in cancelled.description.value
    assert held.status.value == "CONFIRMED"


def test_single_event_cancelled_as_a_date_is_cancelled(client, index):
    event = add_event(
        index,
        "once",
        datetime.datetime(2026, 5, 14, 18),
        datetime.datetime(2026, 5, 14, 20),
        changes=[{"original_date": datetime.date(2026, 5, 14), "action": "cancel"}],
    )

    (vevent,) = vevents(parse(client.get(ical_url(event))))

    assert vevent.status.value == "CANCELLED"
    assert not hasattr(vevent, "rrule")


def test_cancelled_series_is_cancelled_without_exdates(client, index):
    event = add_event(
        index,
        "series",
        datetime.datetime(2026, 5, 4, 18),
        datetime.datetime(2026, 5, 4, 20),
        repeat="weekly",
        repeat_count=4,
        status="cancelled",
    )

    response = client.get(ical_url(event))

    (vevent,) = vevents(parse(response))
    assert vevent.status.value == "CANCELLED"
    assert prop_lines(response, "EXDATE") == []


# --- UID and SEQUENCE ----------------------------------------------------------------------


def test_uid_survives_a_move_and_a_new_slug(client, index):
    event = add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    (before,) = vevents(parse(client.get(ical_url(event))))
    other = make_event_index(title="Архив", slug="archive")

    event.move(other, pos="last-child")
    event = EventPage.objects.get(pk=event.pk)
    event.slug = "renamed"
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)

    (after,) = vevents(parse(client.get(ical_url(other))))
    assert after.uid.value == before.uid.value == f"{event.uid}@caseclub-wagtail"
    assert after.url.value.endswith("/archive/renamed/")
    assert vevents(parse(client.get(ical_url(index)))) == []


def test_sequence_stays_when_the_event_only_moves_in_the_tree(client, index):
    event = add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    (before,) = vevents(parse(client.get(ical_url(event))))
    other = make_event_index(title="Архив", slug="archive")

    event.move(other, pos="last-child")
    event = EventPage.objects.get(pk=event.pk)
    event.slug = "renamed"
    event.save_revision().publish()

    (after,) = vevents(parse(client.get(ical_url(other))))
    assert after.sequence.value == before.sequence.value


def test_sequence_grows_when_the_time_changes_but_not_for_a_new_title(client, index):
    event = add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    (first,) = vevents(parse(client.get(ical_url(event))))

    event.title = "Новое название"
    event.save_revision().publish()
    (renamed,) = vevents(parse(client.get(ical_url(event))))

    event = EventPage.objects.get(pk=event.pk)
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.save_revision().publish()
    (moved,) = vevents(parse(client.get(ical_url(event))))

    assert int(renamed.sequence.value) == int(first.sequence.value)
    assert int(moved.sequence.value) > int(first.sequence.value)
    assert moved.dtstart.value == datetime.datetime(2026, 5, 14, 19, tzinfo=VOLGOGRAD)
    assert moved.uid.value == first.uid.value


def test_entries_carry_the_times_of_their_publication(client, index):
    event = add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    response = client.get(ical_url(event))
    (vevent,) = vevents(parse(response))

    assert vevent.last_modified.value == event.last_published_at.replace(microsecond=0)
    assert vevent.dtstamp.value.tzinfo is not None
    assert vevent.dtstamp.value.utcoffset() == datetime.timedelta(0)
    # The host the file was asked by (the test client's), not the Site record's localhost.
    assert vevent.url.value == "http://testserver/events/meeting/"


def test_uid_does_not_depend_on_the_host_asked(client, index):
    event = add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )

    (plain,) = vevents(parse(client.get(ical_url(event))))
    (other,) = vevents(parse(client.get(ical_url(event), HTTP_HOST="www.example.org")))

    assert plain.uid.value == other.uid.value == f"{event.uid}@caseclub-wagtail"
    assert other.url.value == "http://www.example.org/events/meeting/"


# --- Text: escaping, folding and what is shown --------------------------------------------------


def test_lines_are_folded_and_text_round_trips(client, index):
    title = "Разбор кейса; часть 1, «Суд, иск и апелляция» \\ итоги " + "очень " * 20
    summary = "Обсуждаем: договор, претензию; иск.\nВторая строка, с запятой; и точкой с запятой."
    add_event(
        index,
        "long",
        datetime.datetime(2026, 5, 14, 18),
        datetime.datetime(2026, 5, 14, 20),
        title=title,
        summary=summary,
        venue_name="Дом юриста, зал 2",
        address="Волгоград, ул. Мира; д. 1",
    )

    response = client.get(ical_url(index))

    assert all(len(line.encode("utf-8")) <= 75 for line in content_lines(response))
    summary_line = next(line for line in unfolded(response) if line.startswith("SUMMARY:"))
    assert "часть 1\\, «Суд\\, иск" in summary_line
    assert "кейса\\; часть" in summary_line
    (vevent,) = vevents(parse(response))
    assert vevent.summary.value == title
    assert vevent.description.value.startswith(summary)
    assert vevent.location.value == "Дом юриста, зал 2, Волгоград, ул. Мира; д. 1"


def test_online_event_gives_its_link_as_location(client, index):
    add_event(
        index,
        "webinar",
        datetime.datetime(2026, 5, 14, 18),
        datetime.datetime(2026, 5, 14, 20),
        format="online",
        online_url="https://meet.example.org/club?room=1,2",
    )

    (vevent,) = vevents(parse(client.get(ical_url(index))))

    assert vevent.location.value == "https://meet.example.org/club?room=1,2"


def test_an_in_person_event_moved_online_gives_its_link_as_location(client, index):
    add_event(
        index,
        "moved-online",
        datetime.datetime(2026, 5, 14, 18),
        datetime.datetime(2026, 5, 14, 20),
        format="in_person",
        venue_name="Коворкинг Ресурсного центра",
        status="moved_online",
        online_url="https://meet.example.org/club",
    )

    (vevent,) = vevents(parse(client.get(ical_url(index))))

    assert vevent.location.value == "https://meet.example.org/club"


def test_hosts_contact_details_are_not_published(client, index):
    from tests.factories import MemberFactory

    host = MemberFactory(public_profile=True)
    event = add_event(
        index, "meeting", datetime.datetime(2026, 5, 14, 18), datetime.datetime(2026, 5, 14, 20)
    )
    event.hosts.add(host)
    event.save_revision().publish()

    body = "\n".join(unfolded(client.get(ical_url(index))))

    for value in (host.email, host.phone):
        if value:
            assert value not in body
    assert "ORGANIZER" not in body and "ATTENDEE" not in body


# --- Queries ----------------------------------------------------------------------------


def count_feed_queries(client, index) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ical_url(index))
    assert response.status_code == 200
    return len(queries)


def add_series(index, number: int, count: int):
    start = datetime.datetime(2026, 1, 5, 18) + datetime.timedelta(hours=number)
    add_event(
        index,
        f"series-{number}",
        start,
        start + datetime.timedelta(hours=2),
        zone=["Europe/Volgograd", "Europe/Berlin"][number % 2],
        repeat="daily",
        repeat_count=count,
        changes=[
            {"original_date": start.date() + datetime.timedelta(days=1), "action": "cancel"},
            {
                "original_date": start.date() + datetime.timedelta(days=2),
                "action": "move",
                "new_date": start.date() + datetime.timedelta(days=2),
                "new_start_time": datetime.time(10),
            },
        ],
    )


def test_feed_queries_do_not_grow_with_events_and_occurrences(client, index, settings):
    # Every request builds the feed: a kept one is counted in tests/events/test_feed_cache.py.
    settings.CASECLUB_WAGTAIL = {"FEED_CACHE_SECONDS": 0}
    add_series(index, 0, 5)
    add_series(index, 1, 5)
    assert EventOccurrence.objects.count() == 10
    client.get(ical_url(index))  # warm the site's caches shared by every request
    small = count_feed_queries(client, index)

    for number in range(2, 12):
        add_series(index, number, 49)
    assert EventOccurrence.objects.count() == 500
    large = count_feed_queries(client, index)

    assert large == small
    assert len(vevents(parse(client.get(ical_url(index))))) == 24
