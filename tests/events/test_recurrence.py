"""Repeating events: the rule's dates, time zones, and the stored occurrence table."""

import datetime
import zoneinfo
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from caseclub_wagtail.events.recurrence import Rule, nth_weekday, wall_starts
from caseclub_wagtail.models import (
    EventIndexPage,
    EventOccurrence,
    EventOccurrenceChange,
    EventPage,
    EventStatus,
)
from tests.factories import make_event, make_event_index

BERLIN = ZoneInfo("Europe/Berlin")
VOLGOGRAD = ZoneInfo("Europe/Volgograd")
FAR = datetime.datetime(2100, 1, 1)


def at(day: str, time: str = "18:00") -> datetime.datetime:
    """A naive wall-clock time, as an editor types it."""
    return datetime.datetime.fromisoformat(f"{day}T{time}")


def days(rule: Rule, first: datetime.datetime) -> list[str]:
    return [
        start.isoformat(sep=" ", timespec="minutes")
        for start in wall_starts(rule, first, FAR, 500)
    ]


# The rule alone


@pytest.mark.parametrize(
    ("rule", "first", "expected"),
    [
        pytest.param(
            Rule("daily", until=datetime.date(2026, 3, 8)),
            at("2026-03-05"),
            ["2026-03-05 18:00", "2026-03-06 18:00", "2026-03-07 18:00", "2026-03-08 18:00"],
            id="daily-until-a-date-inclusive",
        ),
        pytest.param(
            Rule("daily", interval=2, count=3),
            at("2026-03-05"),
            ["2026-03-05 18:00", "2026-03-07 18:00", "2026-03-09 18:00"],
            id="every-other-day",
        ),
        pytest.param(
            Rule("weekly", weekdays=("MO", "WE"), count=5),
            at("2026-03-02"),
            [
                "2026-03-02 18:00",
                "2026-03-04 18:00",
                "2026-03-09 18:00",
                "2026-03-11 18:00",
                "2026-03-16 18:00",
            ],
            id="weekly-on-monday-and-wednesday",
        ),
        pytest.param(
            Rule("weekly", count=3),
            at("2026-03-05"),
            ["2026-03-05 18:00", "2026-03-12 18:00", "2026-03-19 18:00"],
            id="weekly-no-weekday-ticked-means-the-start-weekday",
        ),
        pytest.param(
            Rule("weekly", interval=2, count=3),
            at("2026-03-05"),
            ["2026-03-05 18:00", "2026-03-19 18:00", "2026-04-02 18:00"],
            id="every-other-week",
        ),
        pytest.param(
            Rule("monthly", count=4),
            at("2026-01-12"),
            ["2026-01-12 18:00", "2026-02-12 18:00", "2026-03-12 18:00", "2026-04-12 18:00"],
            id="monthly-on-the-12th",
        ),
        pytest.param(
            Rule("monthly", monthly_by_weekday=True, count=4),
            at("2026-03-12"),
            ["2026-03-12 18:00", "2026-04-09 18:00", "2026-05-14 18:00", "2026-06-11 18:00"],
            id="monthly-on-the-second-thursday",
        ),
        pytest.param(
            Rule("monthly", monthly_by_weekday=True, count=4),
            at("2026-04-30"),
            ["2026-04-30 18:00", "2026-05-28 18:00", "2026-06-25 18:00", "2026-07-30 18:00"],
            id="monthly-on-the-last-thursday",
        ),
        pytest.param(
            Rule("monthly", interval=2, until=datetime.date(2026, 7, 12)),
            at("2026-01-12"),
            ["2026-01-12 18:00", "2026-03-12 18:00", "2026-05-12 18:00", "2026-07-12 18:00"],
            id="every-other-month-until-a-date",
        ),
        pytest.param(
            Rule("yearly", count=3),
            at("2026-05-15"),
            ["2026-05-15 18:00", "2027-05-15 18:00", "2028-05-15 18:00"],
            id="yearly",
        ),
        pytest.param(
            Rule(""),
            at("2026-05-15"),
            ["2026-05-15 18:00"],
            id="not-repeating",
        ),
    ],
)
def test_rule_gives_the_dates_a_calendar_would(rule, first, expected):
    assert days(rule, first) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-05", 1),
        ("2026-03-12", 2),
        ("2026-03-19", 3),
        ("2026-04-23", 4),  # April has a fifth Thursday, so the fourth is not the last
        ("2026-03-26", 4),  # also the last of March, but a calendar app says "fourth"
        ("2026-04-30", -1),  # a fifth Thursday: not every month has one, so the last
    ],
)
def test_nth_weekday_counts_from_the_start_and_takes_a_fifth_as_the_last(day, expected):
    assert nth_weekday(datetime.date.fromisoformat(day)) == expected


def test_an_endless_rule_stops_one_past_the_limit_so_the_editor_can_be_told():
    starts = wall_starts(Rule("daily"), at("2026-03-05"), FAR, 10)

    assert len(starts) == 11


# Stored occurrences


@pytest.fixture
def index(db):
    return make_event_index(title="События")


def add_event(parent, first, *, hours=2, **fields):
    """Add and publish an event whose first start is the wall time ``first`` in its zone."""
    title = fields.pop("title", "Заседание клуба")
    return make_event(parent, title, first, first + datetime.timedelta(hours=hours), **fields)


def stored(event) -> list[EventOccurrence]:
    return list(EventOccurrence.objects.filter(event_id=event.pk).order_by("start"))


def local(occurrence, field="start"):
    """A stored occurrence's start or end as its event's own zone reads it."""
    return getattr(occurrence, field).astimezone(zoneinfo.ZoneInfo(occurrence.event.time_zone))


def local_starts(event) -> list[str]:
    """The stored starts in the event's zone, with their UTC offsets."""
    return [o.start.astimezone(ZoneInfo(event.time_zone)).isoformat() for o in stored(event)]


@pytest.mark.parametrize(
    ("first", "fields", "expected"),
    [
        pytest.param(
            at("2026-03-05"),
            {"repeat": "daily", "repeat_until": datetime.date(2026, 3, 7)},
            [
                "2026-03-05T18:00:00+03:00",
                "2026-03-06T18:00:00+03:00",
                "2026-03-07T18:00:00+03:00",
            ],
            id="daily-until",
        ),
        pytest.param(
            at("2026-03-02"),
            {"repeat": "weekly", "repeat_weekdays": "MO,WE", "repeat_count": 4},
            [
                "2026-03-02T18:00:00+03:00",
                "2026-03-04T18:00:00+03:00",
                "2026-03-09T18:00:00+03:00",
                "2026-03-11T18:00:00+03:00",
            ],
            id="weekly-on-chosen-weekdays",
        ),
        pytest.param(
            at("2026-03-05"),
            {"repeat": "weekly", "repeat_interval": 2, "repeat_count": 3},
            [
                "2026-03-05T18:00:00+03:00",
                "2026-03-19T18:00:00+03:00",
                "2026-04-02T18:00:00+03:00",
            ],
            id="every-other-week",
        ),
        pytest.param(
            at("2026-01-12"),
            {"repeat": "monthly", "repeat_count": 3},
            [
                "2026-01-12T18:00:00+03:00",
                "2026-02-12T18:00:00+03:00",
                "2026-03-12T18:00:00+03:00",
            ],
            id="monthly-by-day",
        ),
        pytest.param(
            at("2026-03-12"),
            {"repeat": "monthly", "repeat_monthly_by": "weekday", "repeat_count": 3},
            [
                "2026-03-12T18:00:00+03:00",
                "2026-04-09T18:00:00+03:00",
                "2026-05-14T18:00:00+03:00",
            ],
            id="second-thursday",
        ),
        pytest.param(
            at("2026-04-30"),
            {"repeat": "monthly", "repeat_monthly_by": "weekday", "repeat_count": 3},
            [
                "2026-04-30T18:00:00+03:00",
                "2026-05-28T18:00:00+03:00",
                "2026-06-25T18:00:00+03:00",
            ],
            id="last-thursday",
        ),
        pytest.param(
            at("2026-05-15"),
            {"repeat": "yearly", "repeat_count": 2},
            ["2026-05-15T18:00:00+03:00", "2027-05-15T18:00:00+03:00"],
            id="yearly",
        ),
        pytest.param(at("2026-05-15"), {}, ["2026-05-15T18:00:00+03:00"], id="once"),
    ],
)
def test_published_series_is_stored_with_its_dates_and_local_times(index, first, fields, expected):
    event = add_event(index, first, **fields)

    assert local_starts(event) == expected
    for occurrence in stored(event):
        assert occurrence.end - occurrence.start == datetime.timedelta(hours=2)
        assert occurrence.original_start == occurrence.start
        assert occurrence.status == EventStatus.SCHEDULED
        assert not occurrence.is_moved


def test_a_draft_event_has_no_occurrences(index):
    event = EventPage(
        title="Черновик",
        start=at("2026-03-05").replace(tzinfo=VOLGOGRAD),
        end=at("2026-03-05", "20:00").replace(tzinfo=VOLGOGRAD),
        time_zone="Europe/Volgograd",
        repeat="weekly",
        repeat_count=3,
        live=False,
    )
    index.add_child(instance=event)
    event.save_revision()

    assert stored(event) == []


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        pytest.param(
            at("2026-03-19"),
            [
                "2026-03-19T18:00:00+01:00",
                "2026-03-26T18:00:00+01:00",
                "2026-04-02T18:00:00+02:00",
            ],
            id="spring-forward",
        ),
        pytest.param(
            at("2026-10-15"),
            [
                "2026-10-15T18:00:00+02:00",
                "2026-10-22T18:00:00+02:00",
                "2026-10-29T18:00:00+01:00",
            ],
            id="fall-back",
        ),
    ],
)
def test_weekly_berlin_meeting_stays_at_18_local_across_daylight_saving(index, first, expected):
    event = add_event(index, first, time_zone="Europe/Berlin", repeat="weekly", repeat_count=3)

    assert local_starts(event) == expected
    for occurrence in stored(event):
        assert occurrence.end.astimezone(BERLIN).time() == datetime.time(20)


@pytest.mark.parametrize(
    "server_zone", ["Europe/Volgograd", "UTC", "America/New_York", "Europe/Berlin"]
)
def test_volgograd_event_keeps_its_instant_whatever_the_server_zone(index, settings, server_zone):
    settings.TIME_ZONE = server_zone
    # Berlin changes its clocks on 29 March; Volgograd does not, so the instant must not move.
    event = add_event(index, at("2026-03-26"), repeat="weekly", repeat_count=2)

    utc_starts = [o.start.astimezone(datetime.UTC).isoformat() for o in stored(event)]
    assert utc_starts == ["2026-03-26T15:00:00+00:00", "2026-04-02T15:00:00+00:00"]
    assert event.start == datetime.datetime(2026, 3, 26, 15, tzinfo=datetime.UTC)
    assert event.local_start.isoformat() == "2026-03-26T18:00:00+03:00"
    assert local(stored(event)[1]).isoformat() == "2026-04-02T18:00:00+03:00"


def test_a_time_skipped_by_the_clock_change_moves_forward_not_back(index):
    # 02:30 does not exist in Berlin on 29 March 2026; the occurrence is at 03:30 CEST.
    event = add_event(
        index,
        at("2026-03-22", "02:30"),
        time_zone="Europe/Berlin",
        repeat="weekly",
        repeat_count=2,
    )

    assert local_starts(event) == ["2026-03-22T02:30:00+01:00", "2026-03-29T03:30:00+02:00"]


# Cancelled and moved dates


def test_a_cancelled_date_stays_in_the_table_marked_cancelled_with_its_note(index):
    event = add_event(
        index,
        at("2026-03-05"),
        repeat="weekly",
        repeat_count=3,
        changes=[
            {"original_date": datetime.date(2026, 3, 12), "action": "cancel", "note": "праздник"}
        ],
    )

    occurrences = stored(event)
    assert [o.status for o in occurrences] == ["scheduled", "cancelled", "scheduled"]
    cancelled = occurrences[1]
    assert cancelled.note == "праздник"
    assert cancelled.is_cancelled
    assert local(cancelled).isoformat() == "2026-03-12T18:00:00+03:00"
    assert not cancelled.is_moved


def test_a_moved_date_gets_its_new_time_and_remembers_the_old_one(index):
    event = add_event(
        index,
        at("2026-03-05"),
        repeat="weekly",
        repeat_count=3,
        changes=[
            {
                "original_date": datetime.date(2026, 3, 12),
                "action": "move",
                "new_date": datetime.date(2026, 3, 13),
                "new_start_time": datetime.time(17),
                "new_end_time": datetime.time(21),
                "note": "перенос из-за ремонта",
            }
        ],
    )

    moved = stored(event)[1]
    assert local(moved).isoformat() == "2026-03-13T17:00:00+03:00"
    assert local(moved, "end").isoformat() == "2026-03-13T21:00:00+03:00"
    assert moved.original_start.astimezone(VOLGOGRAD).isoformat() == "2026-03-12T18:00:00+03:00"
    assert moved.is_moved
    assert moved.status == EventStatus.RESCHEDULED
    assert moved.note == "перенос из-за ремонта"
    assert len(stored(event)) == 3


def test_a_moved_date_without_new_times_keeps_the_time_and_length(index):
    event = add_event(
        index,
        at("2026-03-19"),
        time_zone="Europe/Berlin",
        repeat="weekly",
        repeat_count=2,
        changes=[
            {
                "original_date": datetime.date(2026, 3, 26),
                "action": "move",
                "new_date": datetime.date(2026, 3, 30),  # after Berlin's clock change
            }
        ],
    )

    moved = stored(event)[1]
    assert local(moved).isoformat() == "2026-03-30T18:00:00+02:00"
    assert local(moved, "end").isoformat() == "2026-03-30T20:00:00+02:00"


def test_a_cancelled_event_cancels_every_occurrence_with_the_events_note(index):
    event = add_event(
        index,
        at("2026-03-05"),
        repeat="weekly",
        repeat_count=2,
        status=EventStatus.CANCELLED,
        status_note="клуб на каникулах",
    )

    assert [(o.status, o.note) for o in stored(event)] == [
        ("cancelled", "клуб на каникулах"),
        ("cancelled", "клуб на каникулах"),
    ]


# Publishing, unpublishing, moving, deleting


def test_unpublishing_removes_occurrences_and_republishing_rebuilds_them(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)
    before = local_starts(event)

    event.unpublish()
    assert stored(event) == []

    EventPage.objects.get(pk=event.pk).get_latest_revision().publish()
    assert local_starts(event) == before


def test_republishing_a_changed_rule_replaces_the_occurrences(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)

    draft = event.get_latest_revision_as_object()
    draft.repeat_count = 2
    draft.save_revision().publish()

    assert local_starts(event) == ["2026-03-05T18:00:00+03:00", "2026-03-12T18:00:00+03:00"]


def test_deleting_the_event_deletes_its_occurrences(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)
    other = add_event(index, at("2026-03-06"), title="Мастер-класс")

    EventPage.objects.get(pk=event.pk).delete()

    assert list(EventOccurrence.objects.values_list("event_id", flat=True)) == [other.pk]


def test_deleting_the_index_deletes_the_occurrences_of_its_events(index):
    add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)

    EventIndexPage.objects.get(pk=index.pk).delete()

    assert not EventOccurrence.objects.exists()


@pytest.mark.clock
def test_a_moved_event_is_listed_by_its_new_index_with_the_same_dates(client, index):
    # Stored dates hold no place in the tree (listings and feeds reach them through the
    # event's own path), so a move keeps them as they are and rebuilds nothing.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    event = add_event(
        index,
        datetime.datetime.combine(tomorrow, datetime.time(18)),
        repeat="weekly",
        repeat_count=3,
    )
    archive = EventIndexPage(title="Архив", slug="archive")
    index.get_parent().add_child(instance=archive)
    archive.save_revision().publish()
    before = local_starts(event)

    EventPage.objects.get(pk=event.pk).move(archive, pos="last-child")

    moved = EventPage.objects.get(pk=event.pk)
    assert moved.get_parent().pk == archive.pk
    assert local_starts(moved) == before
    assert moved.uid == event.uid
    assert moved.sequence == event.sequence  # a new place in the tree is not a new time
    assert moved.url in client.get("/archive/").content.decode()
    assert "Заседание клуба" not in client.get("/events/").content.decode()
    assert "SUMMARY:Заседание клуба" in client.get("/archive/ical/").content.decode()
    assert "Заседание клуба" not in client.get("/events/ical/").content.decode()


@pytest.mark.clock
def test_occurrences_never_go_past_the_horizon(index, settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 30}
    today = timezone.localdate(timezone=VOLGOGRAD)
    first = datetime.datetime.combine(today - datetime.timedelta(days=3), datetime.time(18))

    event = add_event(index, first, repeat="daily")

    starts = [o.start for o in stored(event)]
    horizon = timezone.now() + datetime.timedelta(days=30)
    assert max(starts) <= horizon
    assert max(starts) > horizon - datetime.timedelta(days=1)  # stored right up to it
    assert len(starts) in (33, 34)  # three past days, today and thirty ahead


@pytest.mark.clock
def test_an_event_beyond_the_horizon_still_has_its_first_occurrence(index, settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 30}
    first = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=100), datetime.time(18)
    )

    event = add_event(index, first, repeat="weekly")

    assert len(stored(event)) == 1


# The calendar identity: UID and SEQUENCE


def edit_and_publish(event, **changes):
    """Change the event as the admin's edit view does: from its latest revision."""
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def later(event, hours=1) -> dict:
    shift = datetime.timedelta(hours=hours)
    return {"start": event.start + shift, "end": event.end + shift}


def test_sequence_grows_each_time_the_time_changes(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)
    assert event.sequence == 0

    event = edit_and_publish(event, **later(event))
    assert event.sequence == 1

    event = edit_and_publish(event, **later(event))
    assert event.sequence == 2
    assert local_starts(event)[0] == "2026-03-05T20:00:00+03:00"


def test_sequence_grows_when_a_date_is_cancelled(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    draft.occurrence_changes.add(
        EventOccurrenceChange(original_date=datetime.date(2026, 3, 12), action="cancel")
    )
    draft.save_revision().publish()

    assert EventPage.objects.get(pk=event.pk).sequence == 1


def test_sequence_stays_when_only_the_title_changes(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)
    event = edit_and_publish(event, **later(event))
    assert event.sequence == 1

    event = edit_and_publish(event, title="Заседание клуба (обновлено)")
    event = edit_and_publish(event, summary="Новая повестка")

    assert event.sequence == 1
    assert event.title == "Заседание клуба (обновлено)"


def test_sequence_grows_when_an_earlier_revision_is_published_again(index):
    # Reverting to the first time is a change of time to calendar apps that took the second.
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)
    first_revision = event.latest_revision
    event = edit_and_publish(event, **later(event))
    assert event.sequence == 1

    first_revision.publish()

    event = EventPage.objects.get(pk=event.pk)
    assert local_starts(event)[0] == "2026-03-05T18:00:00+03:00"
    assert event.sequence == 2


def test_uid_stays_the_same_across_publishes(index):
    event = add_event(index, at("2026-03-05"))

    assert edit_and_publish(event, **later(event)).uid == event.uid


def test_a_copy_gets_a_new_uid_and_its_own_occurrences(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)
    event = edit_and_publish(event, **later(event))

    copy = event.copy(to=index, update_attrs={"slug": "zasedanie-kopiia"}, keep_live=True)

    copy = EventPage.objects.get(pk=copy.pk)
    assert copy.uid != event.uid
    assert copy.sequence == 0
    assert local_starts(copy) == local_starts(event)
    assert len(stored(event)) == 3
    # Publishing the copy's copied revision must not bring the original's uid back.
    copy.get_latest_revision().publish()
    assert EventPage.objects.get(pk=copy.pk).uid == copy.uid


def test_a_draft_copy_has_no_occurrences(index):
    event = add_event(index, at("2026-03-05"), repeat="weekly", repeat_count=3)

    copy = event.copy(to=index, update_attrs={"slug": "chernovik"}, keep_live=False)

    assert EventPage.objects.get(pk=copy.pk).uid != event.uid
    assert stored(copy) == []
