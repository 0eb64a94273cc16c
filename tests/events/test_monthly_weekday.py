"""Monthly series by weekday ("fourth" or "last"), and the editor's checks of changed dates."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from dateutil.rrule import rrulestr
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from caseclub_wagtail.events.recurrence import Rule, to_ical_rrule, wall_starts
from caseclub_wagtail.models import EventOccurrence, EventPage
from tests.factories import make_event, make_event_index

VOLGOGRAD = ZoneInfo("Europe/Volgograd")
FAR = datetime.datetime(2030, 1, 1)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def index(db):
    return make_event_index()


def stored_days(event) -> list[str]:
    return [
        o.start.astimezone(VOLGOGRAD).date().isoformat()
        for o in EventOccurrence.objects.filter(event=event).order_by("start")
    ]


def feed_byday(client, event) -> list[str]:
    response = client.get(event.url + event.reverse_subpage("ical"))
    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return vevent["RRULE"]["BYDAY"]


# 28 January 2027 is both the fourth and the last Thursday of its month.


@pytest.mark.parametrize(
    ("monthly_by", "days", "byday"),
    [
        pytest.param(
            "weekday",
            ["2027-01-28", "2027-02-25", "2027-03-25", "2027-04-22"],
            ["4TH"],
            id="the-fourth-thursday-as-calendar-apps-read-it",
        ),
        pytest.param(
            "last_weekday",
            ["2027-01-28", "2027-02-25", "2027-03-25", "2027-04-29"],
            ["-1TH"],
            id="the-last-thursday-when-the-editor-chooses-it",
        ),
    ],
)
def test_a_series_from_a_fourth_and_last_thursday_repeats_as_the_editor_chose(
    client, index, monthly_by, days, byday
):
    event = make_event(
        index,
        "Заседание",
        datetime.datetime(2027, 1, 28, 18),
        repeat="monthly",
        repeat_monthly_by=monthly_by,
        repeat_count=4,
    )

    assert stored_days(event) == days
    assert feed_byday(client, event) == byday


def test_a_series_from_a_fifth_thursday_repeats_on_the_last(client, index):
    event = make_event(
        index,
        "Заседание",
        datetime.datetime(2027, 4, 29, 18),
        repeat="monthly",
        repeat_monthly_by="weekday",
        repeat_count=3,
    )

    assert stored_days(event) == ["2027-04-29", "2027-05-27", "2027-06-24"]
    assert feed_byday(client, event) == ["-1TH"]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (datetime.datetime(2027, 1, 7, 18), False),
        (datetime.datetime(2027, 1, 28, 18), False),
        (datetime.datetime(2027, 1, 28, 18), True),
        (datetime.datetime(2027, 4, 29, 18), False),
        (datetime.datetime(2027, 4, 29, 18), True),
        (datetime.datetime(2027, 3, 31, 18), True),
    ],
)
def test_the_feeds_rule_gives_the_stored_dates(first, last):
    rule = Rule("monthly", monthly_by_weekday=True, monthly_by_last_weekday=last, count=8)
    value = icalendar.vRecur(to_ical_rrule(rule, first, VOLGOGRAD)).to_ical().decode()

    # What a calendar app makes of the RRULE, against the dates the site stores.
    assert list(rrulestr(value, dtstart=first)) == wall_starts(rule, first, FAR, 100)


# The editor's form

EVENT_FORM = {
    "title": "Заседание клуба",
    "slug": "zasedanie",
    "kind": "meeting",
    "audience": "open",
    "time_zone": "Europe/Volgograd",
    "status": "scheduled",
    "status_note": "",
    "format": "in_person",
    "venue_name": "",
    "address": "",
    "online_url": "",
    "summary": "",
    "body": streamfield([]),
    "registration": "none",
    "registration_url": "",
    "capacity": "",
    "registration_closes": "",
    "repeat_interval": "1",
    "repeat_until": "",
    "report": rich_text(""),
    "materials": streamfield([]),
    "seo_title": "",
    "search_description": "",
    "go_live_at": "",
    "expire_at": "",
    "comments": inline_formset([]),
    "action-publish": "action-publish",
}


def change(original_date, action="move", **fields):
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


def post_event(client, index, changes=(), **fields):
    data = {
        **EVENT_FORM,
        "start": "2027-01-07 18:00",
        "end": "2027-01-07 20:00",
        "repeat": "weekly",
        "repeat_monthly_by": "day_of_month",
        "repeat_count": "4",
        "occurrence_changes": inline_formset(list(changes)),
        "host_links": inline_formset([]),
        "case_links": inline_formset([]),
        **fields,
    }
    return client.post(
        f"/admin/pages/add/caseclub_wagtail/eventpage/{index.pk}/", nested_form_data(data)
    )


def form_errors(response, name) -> list[str]:
    assert response.status_code == 200
    return list(response.context["form"].errors.get(name, []))


def change_errors(response, name) -> list[list[str]]:
    assert response.status_code == 200
    formset = response.context["form"].formsets["occurrence_changes"]
    return [list(form.errors.get(name, [])) for form in formset.forms]


def test_the_editor_may_choose_the_last_weekday_for_a_start_that_is_the_last(admin_client, index):
    response = post_event(
        admin_client,
        index,
        start="2027-01-28 18:00",
        end="2027-01-28 20:00",
        repeat="monthly",
        repeat_monthly_by="last_weekday",
    )

    assert response.status_code == 302
    event = EventPage.objects.get(slug="zasedanie")
    assert stored_days(event) == ["2027-01-28", "2027-02-25", "2027-03-25", "2027-04-29"]


def test_the_last_weekday_is_refused_for_a_start_that_is_not_the_last(admin_client, index):
    response = post_event(
        admin_client,
        index,
        start="2027-01-21 18:00",
        end="2027-01-21 20:00",
        repeat="monthly",
        repeat_monthly_by="last_weekday",
    )

    assert form_errors(response, "repeat_monthly_by") == [
        "21.01.2027 — не последний такой день недели в месяце: 28.01.2027 — тот же день "
        "недели. Выберите другой способ повторения или перенесите начало."
    ]
    assert not EventPage.objects.exists()


def test_the_last_weekday_choice_is_offered_in_russian(admin_client, index):
    response = admin_client.get(f"/admin/pages/add/caseclub_wagtail/eventpage/{index.pk}/")

    choices = dict(response.context["form"].fields["repeat_monthly_by"].choices)
    assert str(choices["last_weekday"]) == (
        "в последний такой день недели месяца (например, в последний четверг)"
    )


def test_a_moved_date_with_only_an_end_before_the_series_start_is_an_error(admin_client, index):
    response = post_event(
        admin_client,
        index,
        changes=[change("2027-01-14", new_date="2027-01-15", new_end_time="17:30")],
    )

    assert change_errors(response, "new_end_time") == [
        [
            "Новое окончание раньше начала (18:00). Укажите новое время начала или более "
            "позднее окончание."
        ]
    ]
    assert not EventPage.objects.exists()


def test_a_moved_date_with_only_a_later_end_keeps_the_series_start(admin_client, index):
    response = post_event(
        admin_client,
        index,
        changes=[change("2027-01-14", new_date="2027-01-15", new_end_time="21:00")],
    )

    assert response.status_code == 302
    moved = EventOccurrence.objects.get(is_moved=True)
    assert moved.start.astimezone(VOLGOGRAD) == datetime.datetime(
        2027, 1, 15, 18, tzinfo=VOLGOGRAD
    )
    assert moved.end.astimezone(VOLGOGRAD) == datetime.datetime(2027, 1, 15, 21, tzinfo=VOLGOGRAD)


def test_two_changes_to_one_date_are_an_error_on_the_second(admin_client, index):
    response = post_event(
        admin_client,
        index,
        changes=[
            change("2027-01-14", "cancel"),
            change("2027-01-21", "cancel"),
            change("2027-01-14", new_date="2027-01-15"),
        ],
    )

    assert change_errors(response, "original_date") == [
        [],
        [],
        ["Дата 14.01.2027 уже изменена выше. Оставьте одно изменение на дату."],
    ]
    assert not EventPage.objects.exists()


def test_a_deleted_change_does_not_count_as_a_second_change(admin_client, index):
    response = post_event(
        admin_client,
        index,
        changes=[
            change("2027-01-14", "cancel", DELETE="1"),
            change("2027-01-14", new_date="2027-01-15"),
        ],
    )

    assert response.status_code == 302
    (moved,) = EventOccurrence.objects.filter(is_moved=True)
    assert moved.start.astimezone(VOLGOGRAD).date() == datetime.date(2027, 1, 15)
