"""What the event page tells a visitor about registering: seats left, the waitlist, closed."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from tests.factories import add_registrations, make_event, make_event_index, wall
from tests.support.queries import count_queries, refresh_planner_statistics
from tests.support.translation import in_russian

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")

pytestmark = pytest.mark.clock


@pytest.fixture
def index(db):
    return make_event_index()


def page_of(client, event) -> BeautifulSoup:
    response = client.get(event.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def registration_box(page) -> str:
    box = page.select_one(".caseclub-registration-box")
    return box.get_text(" ", strip=True) if box else ""


def seats_text(count):
    """ "N seats left" as the Russian visitor reads it (plural forms and all)."""
    with translation.override("ru"):
        return translation.ngettext("%(counter)s seat left", "%(counter)s seats left", count) % {
            "counter": count
        }


def test_a_one_off_event_shows_seats_left_and_the_form(client, index):
    event = make_event(index, "Мастер-класс", wall(5), registration="internal", capacity=5)
    add_registrations(event, wall(5).date(), 3)

    page = page_of(client, event)

    assert seats_text(2) in registration_box(page)
    (button,) = page.select(".caseclub-registration-box a.caseclub-button")
    assert button["href"] == f"{event.url}register/"
    # The seats are told once: the capacity is not listed again among the facts.
    assert in_russian("Places") not in [dt.get_text() for dt in page.select(".caseclub-facts dt")]


def test_a_full_date_invites_to_the_waitlist(client, index):
    event = make_event(index, "Стажировка", wall(5), registration="internal", capacity=2)
    add_registrations(event, wall(5).date(), 2)
    add_registrations(event, wall(5).date(), 1, status="waitlisted", first=3)

    box = registration_box(page_of(client, event))

    assert in_russian("Fully booked — join the waitlist") in box
    assert in_russian("Join the waitlist") in box


def test_a_closed_date_says_so_and_links_no_form(client, index):
    # Two hours from now, closing four hours before: closed, not begun, at any hour.
    soon = (timezone.now() + datetime.timedelta(hours=2)).astimezone(VOLGOGRAD)
    event = make_event(
        index,
        "Заседание",
        soon.replace(tzinfo=None),
        registration="internal",
        registration_closes=4,
    )

    page = page_of(client, event)

    assert in_russian("Registration closed") in registration_box(page)
    assert not page.select(".caseclub-registration-box a")


def test_unlimited_seats_show_only_the_button(client, index):
    event = make_event(index, "Открытая встреча", wall(5), registration="internal")

    page = page_of(client, event)

    assert page.select_one(".caseclub-registration-box a.caseclub-button")
    assert not page.select(".caseclub-seats")


def test_each_listed_date_of_a_series_has_its_own_seats_and_form(client, index):
    event = make_event(
        index,
        "Еженедельный клуб",
        wall(1),
        registration="internal",
        capacity=2,
        repeat="weekly",
        repeat_count=3,
    )
    add_registrations(event, wall(8).date(), 2)

    page = page_of(client, event)

    items = page.select(".caseclub-dates li")
    texts = [item.get_text(" ", strip=True) for item in items]
    assert seats_text(2) in texts[0]
    assert in_russian("Fully booked — join the waitlist") in texts[1]
    links = [item.select_one("a.caseclub-button")["href"] for item in items]
    assert links == [
        f"{event.url}register/{wall(7 * n + 1).date().isoformat()}/" for n in range(3)
    ]


def test_an_external_form_keeps_its_link(client, index):
    event = make_event(
        index,
        "Вебинар",
        wall(5),
        registration="external",
        registration_url="https://forms.example.org/web",
        capacity=40,
    )

    page = page_of(client, event)

    assert [a["href"] for a in page.select("a.caseclub-button")] == [
        "https://forms.example.org/web"
    ]
    assert not page.select(".caseclub-registration-box")


def test_no_registration_shows_nothing(client, index):
    event = make_event(
        index, "Заседание", wall(5), registration_url="https://forms.example.org/old"
    )

    page = page_of(client, event)

    assert not page.select("a.caseclub-button")
    assert not page.select(".caseclub-registration-box, .caseclub-seats")


def test_a_cancelled_event_offers_no_registration(client, index):
    event = make_event(
        index, "Отменено", wall(5), registration="internal", capacity=3, status="cancelled"
    )

    assert not page_of(client, event).select(".caseclub-registration-box")


@pytest.mark.parametrize("repeat", ["", "weekly"])
def test_the_page_runs_the_same_queries_whatever_the_registrations(client, index, repeat):
    event = make_event(
        index,
        "Клуб",
        wall(1),
        registration="internal",
        capacity=2000,
        repeat=repeat,
        repeat_count=12 if repeat else None,
    )
    dates = [wall(1 + 7 * n).date() for n in range(12 if repeat else 1)]
    for date in dates:
        add_registrations(event, date, 10)
    few, _ = count_queries(client, event.url)
    for date in dates:
        add_registrations(event, date, 1000 // len(dates), first=1000)
    refresh_planner_statistics()
    many, text = count_queries(client, event.url)

    assert few == many
    assert "Записанный" not in text and "example.org" not in text


def test_the_form_runs_the_same_queries_whatever_the_registrations(client, index):
    event = make_event(
        index, "Клуб", wall(1), registration="internal", repeat="weekly", repeat_count=4
    )
    add_registrations(event, wall(1).date(), 10)
    few, _ = count_queries(client, f"{event.url}register/")
    add_registrations(event, wall(1).date(), 1000, first=1000)
    many, text = count_queries(client, f"{event.url}register/")

    assert few == many
    assert "Записанный" not in text
