"""The listings' month filter counts an event under the months its dates are shown in."""

import datetime
import html
import importlib
import re

import pytest
import time_machine
from django.apps import apps

from caseclub_wagtail.events import spans
from caseclub_wagtail.models import EventOccurrence
from tests.factories import make_event, make_event_index

# The site's zone (TIME_ZONE) is Europe/Volgograd, UTC+3.
YEKATERINBURG = "Asia/Yekaterinburg"  # UTC+5
KALININGRAD = "Europe/Kaliningrad"  # UTC+2
TITLE = re.compile(r'<h2 class="caseclub-event__title"><a href="[^"]*">(?P<title>[^<]*)</a></h2>')


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def index(db):
    return make_event_index()


def listed(client, url="/events/", **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    return [html.unescape(m["title"]) for m in TITLE.finditer(response.content.decode())]


def test_an_event_early_on_the_first_in_a_zone_ahead_is_listed_under_its_own_month_only(
    client, index
):
    # 01:00 on 1 February in Yekaterinburg is still 31 January, 23:00, in Volgograd.
    make_event(
        index,
        "Заседание в Екатеринбурге",
        datetime.datetime(2027, 2, 1, 1),
        time_zone=YEKATERINBURG,
    )

    assert listed(client, month="2027-01") == []
    assert listed(client, month="2027-02") == ["Заседание в Екатеринбурге"]


def test_an_event_late_on_the_last_day_in_a_zone_behind_is_listed_under_its_own_month(
    client, index
):
    # 23:30 on 31 January in Kaliningrad is already 1 February, 00:30, in Volgograd.
    make_event(
        index,
        "Заседание в Калининграде",
        datetime.datetime(2027, 1, 31, 23, 30),
        datetime.datetime(2027, 1, 31, 23, 59),
        time_zone=KALININGRAD,
    )

    assert listed(client, month="2027-01") == ["Заседание в Калининграде"]
    assert listed(client, month="2027-02") == []


def test_an_event_across_the_turn_of_a_month_is_listed_under_both(client, index):
    make_event(
        index,
        "Стажировка",
        datetime.datetime(2027, 1, 30),
        datetime.datetime(2027, 2, 2),
        time_zone=YEKATERINBURG,
        kind="internship",
        all_day=True,
    )
    make_event(
        index,
        "Ночное заседание",
        datetime.datetime(2027, 1, 31, 22),
        datetime.datetime(2027, 2, 1, 0),  # ends at midnight: does not take place on the 1st
    )

    assert listed(client, month="2027-01") == ["Стажировка", "Ночное заседание"]
    assert listed(client, month="2027-02") == ["Стажировка"]


def test_the_past_list_filters_months_by_the_events_zone_too(client, index):
    make_event(
        index, "Прошедшее заседание", datetime.datetime(2026, 11, 1, 1), time_zone=YEKATERINBURG
    )

    assert listed(client, "/events/past/", month="2026-10") == []
    assert listed(client, "/events/past/", month="2026-11") == ["Прошедшее заседание"]


@pytest.mark.parametrize(
    ("start", "end", "all_day"),
    [
        (datetime.datetime(2027, 2, 1, 1), datetime.datetime(2027, 2, 1, 3), False),
        (datetime.datetime(2027, 1, 31, 22), datetime.datetime(2027, 2, 1, 0), False),
        (datetime.datetime(2027, 1, 31, 22), datetime.datetime(2027, 2, 1, 2), False),
        (datetime.datetime(2027, 1, 30), datetime.datetime(2027, 2, 2), True),
        (datetime.datetime(2027, 1, 30), datetime.datetime(2027, 1, 30), True),
    ],
)
def test_the_stored_days_are_the_days_the_listing_shows(index, start, end, all_day):
    event = make_event(index, "Заседание", start, end, time_zone=YEKATERINBURG, all_day=all_day)

    (occurrence,) = EventOccurrence.objects.filter(event=event).select_related("event")
    span = spans.occurrence_span(occurrence)
    assert (occurrence.first_day, occurrence.last_day) == (span.first_day, span.last_day)


def test_the_migration_fills_in_the_days_of_occurrences_stored_before_it(index):
    event = make_event(
        index,
        "Серия",
        datetime.datetime(2027, 1, 31, 23),
        time_zone=YEKATERINBURG,
        repeat="daily",
        repeat_count=3,
    )
    stored = list(EventOccurrence.objects.filter(event=event).values_list("first_day", "last_day"))
    EventOccurrence.objects.update(
        first_day=datetime.date(1900, 1, 1), last_day=datetime.date(1900, 1, 1)
    )
    migration = importlib.import_module(
        "caseclub_wagtail.migrations.0004_occurrence_local_days_and_last_weekday"
    )

    migration.fill_local_days(apps, None)

    filled = list(EventOccurrence.objects.filter(event=event).values_list("first_day", "last_day"))
    assert (
        filled
        == stored
        == [
            (datetime.date(2027, 1, 31), datetime.date(2027, 2, 1)),
            (datetime.date(2027, 2, 1), datetime.date(2027, 2, 2)),
            (datetime.date(2027, 2, 2), datetime.date(2027, 2, 3)),
        ]
    )
