"""The events API tells a front end how to register for each date, and the seats left."""

import datetime

import pytest

from caseclub_wagtail.models import EventRegistration
from tests.factories import add_registrations, make_directory, make_event, make_event_index, wall
from tests.support.api_reading import count_api_queries, get_json
from tests.support.queries import refresh_planner_statistics

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture
def index(db):
    return make_event_index()


def item(data, event) -> dict:
    return next(entry for entry in data["items"] if entry["id"] == event.pk)


def test_an_internal_event_gives_its_seats_left_waitlist_form_and_closing(client, index):
    event = make_event(
        index, "Стажировка", wall(3), registration="internal", capacity=3, registration_closes=2
    )
    add_registrations(event, wall(3).date(), 2)
    add_registrations(event, wall(3).date(), 1, status="cancelled", first=10)
    registration = item(get_json(client, "events/"), event)["registration"]
    assert registration == {
        "mode": {"code": "internal", "label": "собственная форма сайта"},
        "capacity": 3,
        "seats_left": 1,
        "waitlist": 0,
        "url": f"http://testserver{event.url}register/",
        "closes_at": f"{wall(3).date().isoformat()}T16:00:00+03:00",
        "is_open": True,
    }
    assert get_json(client, f"events/{event.pk}/")["registration"] == registration


def test_a_full_date_says_so_and_counts_its_waitlist(client, index):
    event = make_event(index, "Коворкинг", wall(2), registration="internal", capacity=2)
    add_registrations(event, wall(2).date(), 2)
    add_registrations(event, wall(2).date(), 3, status="waitlisted", first=2)
    registration = get_json(client, f"events/{event.pk}/")["registration"]
    assert (registration["seats_left"], registration["waitlist"]) == (0, 3)
    # Full, yet open: a person still joins the waitlist.
    assert registration["is_open"] is True and registration["url"]


def test_each_date_of_a_series_has_its_own_seats_and_form(client, index):
    event = make_event(
        index,
        "Мастер-класс",
        wall(1),
        registration="internal",
        capacity=2,
        repeat="weekly",
        repeat_count=3,
    )
    add_registrations(event, wall(8).date(), 2)
    dates = get_json(client, "occurrences/", {"event": event.pk})["items"]
    assert [
        (date["registration"]["seats_left"], date["registration"]["url"]) for date in dates
    ] == [
        (2, f"http://testserver{event.url}register/{wall(days).date().isoformat()}/")
        for days in (1,)
    ] + [(0, f"http://testserver{event.url}register/{wall(8).date().isoformat()}/")] + [
        (2, f"http://testserver{event.url}register/{wall(15).date().isoformat()}/")
    ]
    detail = get_json(client, f"events/{event.pk}/")
    assert [date["registration"]["seats_left"] for date in detail["occurrences"]] == [2, 0, 2]
    # The item speaks of the next date.
    assert detail["registration"]["seats_left"] == 2


def test_a_moved_date_keeps_its_registrations_under_its_planned_date(client, index):
    event = make_event(
        index,
        "Приём",
        wall(1),
        registration="internal",
        capacity=5,
        repeat="weekly",
        repeat_count=2,
        changes=[
            {
                "original_date": wall(8).date(),
                "action": "move",
                "new_date": wall(9).date(),
                "new_start_time": datetime.time(17, 0),
                "new_end_time": datetime.time(19, 0),
            }
        ],
    )
    add_registrations(event, wall(8).date(), 4)
    moved = get_json(client, "occurrences/", {"event": event.pk})["items"][1]
    assert moved["start"].startswith(wall(9).date().isoformat())
    assert moved["registration"]["seats_left"] == 1
    assert moved["registration"]["url"].endswith(f"register/{wall(8).date().isoformat()}/")


def test_an_external_event_links_to_its_form_and_counts_nothing(client, index):
    event = make_event(
        index,
        "Чужая форма",
        wall(2),
        registration="external",
        registration_url="https://forms.example/club",
        capacity=10,
    )
    assert item(get_json(client, "events/"), event)["registration"] == {
        "mode": {"code": "external", "label": "внешняя форма (ссылка на регистрацию)"},
        "capacity": 10,
        "seats_left": None,
        "waitlist": 0,
        "url": "https://forms.example/club",
        "closes_at": None,
        "is_open": False,
    }


def test_an_event_without_registration_or_without_dates_left_offers_no_form(client, index):
    plain = make_event(index, "Без записи", wall(2))
    past = make_event(index, "Прошло", wall(-5), registration="internal", capacity=3)
    data = get_json(client, "events/")
    assert item(data, plain)["registration"]["mode"]["code"] == "none"
    for event in (plain, past):
        registration = item(data, event)["registration"]
        assert registration["url"] is None and registration["is_open"] is False


@pytest.mark.clock(datetime.datetime(2026, 11, 11, 12, 0, tzinfo=datetime.UTC))
def test_a_date_that_has_closed_offers_no_form(client, index):
    event = make_event(
        index, "Завтра", wall(1, 10), registration="internal", registration_closes=48
    )
    registration = get_json(client, f"events/{event.pk}/")["registration"]
    assert registration["is_open"] is False and registration["url"] is None
    assert registration["closes_at"] is not None


PATHS = [
    "events/?limit=100",
    "occurrences/?limit=100",
    "events/{pk}/",
    "events/{pk}/registrations/",
]


def test_the_lists_run_the_same_queries_at_10_and_1000_registrations(client, index):
    make_directory()
    series = make_event(
        index,
        "Еженедельная встреча",
        wall(1),
        registration="internal",
        capacity=50,
        repeat="weekly",
        repeat_count=20,
    )
    others = [
        make_event(index, f"Стажировка {n}", wall(2 + n), registration="internal", capacity=5)
        for n in range(3)
    ]
    add_registrations(series, wall(1).date(), 5)
    add_registrations(others[0], wall(2).date(), 5)
    refresh_planner_statistics()
    paths = [template.format(pk=series.pk) for template in PATHS]
    small = {path: count_api_queries(client, path)[0] for path in paths}

    for week in range(20):
        date = wall(1 + 7 * week).date()
        add_registrations(series, date, 40, first=1000 + 100 * week)
        add_registrations(series, date, 7, status="waitlisted", first=3000 + 100 * week)
    # More events too: a query per item or per date would show.
    others += [
        make_event(index, f"Приём {n}", wall(5 + n), registration="internal", capacity=5)
        for n in range(12)
    ]
    for n, event in enumerate(others):
        add_registrations(event, event.start.date(), 20, "waitlisted", first=5000 + 100 * n)
    refresh_planner_statistics()
    assert EventRegistration.objects.count() >= 1000
    assert len(get_json(client, "events/?limit=100")["items"]) == 16

    large = {}
    for path in paths:
        large[path], data = count_api_queries(client, path)
    assert large == small
    assert data["dates"][0]["seats_left"] == 5 and data["dates"][0]["waitlist"] == 7
