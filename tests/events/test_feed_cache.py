"""The iCalendar feeds are built once per change and kept in Django's cache.

A subscriber's calendar app asks every few hours; what it gets changes only when an editor
publishes, unpublishes, moves or deletes an event, or when the dates move on. The feed is
kept under a key worked out from exactly that, so every worker of a site with a shared
cache answers from the one copy, and a change is seen at once.
"""

import datetime
import io

import icalendar
import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseclub_wagtail.events import ical
from caseclub_wagtail.models import EventPage
from tests.factories import make_event, make_event_index, wall
from tests.support.calls import count_calls

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def index():
    return make_event_index()


@pytest.fixture
def builds(monkeypatch):
    """How many times a calendar file was built."""
    return count_calls(monkeypatch, ical, "build_calendar")


def summaries(response) -> list[str]:
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(str(vevent["summary"]) for vevent in calendar.walk("VEVENT"))


def test_a_second_request_is_answered_without_building_the_feed(client, index, builds):
    make_event(index, "заседание", wall(7))

    first = client.get(index.url + "ical/")
    again = client.get(index.url + "ical/")

    assert len(builds) == 1
    assert again.content == first.content
    assert again["Content-Type"] == "text/calendar; charset=utf-8"
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=900"


def test_the_feed_is_kept_in_djangos_cache_not_in_the_process(client, index, builds):
    make_event(index, "заседание", wall(7))
    client.get(index.url + "ical/")

    caches["default"].clear()  # what another worker without the shared cache would see
    again = client.get(index.url + "ical/")

    assert len(builds) == 2
    assert summaries(again) == ["заседание"]


def test_a_feed_that_is_not_kept_is_built_for_every_request(client, index, builds, settings):
    settings.CASECLUB_WAGTAIL = {"FEED_CACHE_SECONDS": 0}
    make_event(index, "заседание", wall(7))

    client.get(index.url + "ical/")
    client.get(index.url + "ical/")

    assert len(builds) == 2


def test_a_kept_feed_is_built_again_after_feed_cache_seconds(
    client, index, builds, settings, clock
):
    settings.CASECLUB_WAGTAIL = {"FEED_CACHE_SECONDS": 60}
    make_event(index, "заседание", wall(7))
    client.get(index.url + "ical/")

    clock.shift(datetime.timedelta(seconds=30))
    client.get(index.url + "ical/")
    assert len(builds) == 1
    clock.shift(datetime.timedelta(seconds=31))
    client.get(index.url + "ical/")
    assert len(builds) == 2


def republished(event, **fields) -> EventPage:
    page = EventPage.objects.get(pk=event.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


# Each change, and what the feed holds after it.
CHANGES = {
    "published anew": (
        lambda index, event: republished(event, title="новое название"),
        ["другое", "новое название"],
    ),
    "unpublished": (
        lambda index, event: EventPage.objects.get(pk=event.pk).unpublish(),
        ["другое"],
    ),
    "deleted": (lambda index, event: EventPage.objects.get(pk=event.pk).delete(), ["другое"]),
    "moved to another index": (
        lambda index, event: EventPage.objects.get(pk=event.pk).move(
            make_event_index(slug="archive", title="Архив"), pos="last-child"
        ),
        ["другое"],
    ),
    "a new event published": (
        lambda index, event: make_event(index, "новое", wall(9)),
        ["другое", "заседание", "новое"],
    ),
    "a draft published": (
        lambda index, event: (
            make_event(index, "черновик", wall(9), live=False).save_revision().publish()
        ),
        ["другое", "заседание", "черновик"],
    ),
}


@pytest.mark.parametrize("what", CHANGES)
def test_the_kept_feed_follows_each_change(client, index, builds, what):
    change, held = CHANGES[what]
    event = make_event(index, "заседание", wall(7))
    make_event(index, "другое", wall(8))
    assert summaries(client.get(index.url + "ical/")) == ["другое", "заседание"]

    change(index, event)

    assert summaries(client.get(index.url + "ical/")) == held
    assert len(builds) == 2


def test_the_feed_moves_on_with_the_horizon(client, index, builds, clock, settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 30}
    make_event(index, "скоро", wall(7))
    # Beyond the feed's 31 days at any hour of today; three days on, within them and
    # within the 30 days of stored dates, whatever the hour.
    make_event(index, "через месяц", wall(32))
    assert summaries(client.get(index.url + "ical/")) == ["скоро"]

    clock.shift(3 * DAY)
    # The daily command stores the dates that came within the horizon.
    call_command("rebuild_event_occurrences", stdout=io.StringIO())

    assert summaries(client.get(index.url + "ical/")) == ["скоро", "через месяц"]
    assert len(builds) == 2


def test_a_longer_horizon_is_a_new_feed(client, index, builds, settings):
    make_event(index, "скоро", wall(7))
    first = client.get(index.url + "ical/")

    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 900}
    again = client.get(index.url + "ical/")

    assert len(builds) == 2
    assert again["ETag"] != first["ETag"]


def test_each_host_gets_a_feed_of_its_own_links(client, index, builds):
    event = make_event(index, "заседание", wall(7))

    client.get(index.url + "ical/", headers={"host": "club.example.org"})
    other = client.get(index.url + "ical/", headers={"host": "club.example.net"})

    calendar = icalendar.Calendar.from_ical(other.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["url"]) == "http://club.example.net" + event.url
    assert "club.example.org" not in other.content.decode()
    assert len(builds) == 2


def test_a_client_holding_the_feed_is_answered_304(client, index, builds):
    make_event(index, "заседание", wall(7))
    first = client.get(index.url + "ical/")

    again = client.get(index.url + "ical/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert len(builds) == 1


def test_the_event_file_is_kept_too(client, index, builds):
    event = make_event(index, "заседание", wall(7))
    client.get(event.url + "ical/")
    client.get(event.url + "ical/")
    assert len(builds) == 1

    event = republished(event, title="перенесено")

    assert summaries(client.get(event.url + "ical/")) == ["перенесено"]
    assert len(builds) == 2


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_kept_feed_costs_the_same_queries_however_many_events(client, index):
    url = index.url + "ical/"
    for number in range(2):
        make_event(index, f"серия {number}", wall(number), repeat="daily", repeat_count=5)
    client.get(url)
    small = count_queries(client, url)
    caches["default"].clear()
    built = count_queries(client, url)

    for number in range(2, 20):
        make_event(index, f"серия {number}", wall(number), repeat="daily", repeat_count=5)
    client.get(url)
    large = count_queries(client, url)

    assert large == small
    assert small < built
