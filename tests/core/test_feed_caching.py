"""What the calendar feed holds, and the feeds' answers to the clients that ask again.

The index feed holds the events from FEED_PAST_DAYS (90) days back to the occurrence
horizon; ``?past=`` reaches further. Every feed has an ETag, answers a client that holds
it with 304 without building anything, and may be kept for 15 minutes.
"""

import datetime

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from caseclub_wagtail.events import ical
from caseclub_wagtail.models import EventPage, Topic
from tests.factories import (
    TopicFactory,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
TODAY = datetime.datetime(2026, 12, 1, 18)  # a wall time in Volgograd
DAY = datetime.timedelta(days=1)
BAD_PAST = "“past” is a number of days, such as past=365."


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def index():
    return make_event_index()


def feed(client, index, **params):
    response = client.get(index.url + "ical/", params)
    assert response.status_code == 200
    return response


def summaries(response) -> list[str]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(str(vevent["summary"]) for vevent in calendar.walk("VEVENT"))


# --- The window -------------------------------------------------------------------------


@pytest.fixture
def years_of_events(index):
    """Events from ten years back to three years ahead, and two series."""
    for days in (-4000, -3000, -365, -200, -91, -89, -1, 0, 30, 700, 800):
        make_event(index, f"день {days}", TODAY + days * DAY)
    # Weekly since 300 days ago, without an end: its dates are in the window.
    make_event(index, "еженедельно", TODAY - 300 * DAY, repeat="weekly")
    # Weekly from 300 days back, ended 150 days ago.
    make_event(index, "закончилась", TODAY - 300 * DAY, repeat="weekly", repeat_count=20)
    return index


def test_the_feed_holds_90_days_back_to_the_horizon(client, years_of_events):
    assert summaries(feed(client, years_of_events)) == sorted(
        ["день -89", "день -1", "день 0", "день 30", "день 700", "еженедельно"]
    )


def test_past_reaches_further_back(client, years_of_events):
    assert summaries(feed(client, years_of_events, past=365)) == sorted(
        ["день -365", "день -200", "день -91", "день -89", "день -1", "день 0", "день 30"]
        + ["день 700", "еженедельно", "закончилась"]
    )


def test_past_is_capped_at_ten_years(client, years_of_events):
    held = summaries(feed(client, years_of_events, past=10**30))

    assert "день -3000" in held
    assert "день -4000" not in held


def test_past_zero_holds_what_is_still_to_come(client, years_of_events):
    assert summaries(feed(client, years_of_events, past=0)) == sorted(
        ["день 0", "день 30", "день 700", "еженедельно"]
    )


def test_the_default_window_is_a_setting(client, years_of_events, settings):
    settings.CASECLUB_WAGTAIL = {"FEED_PAST_DAYS": 365}

    assert "день -365" in summaries(feed(client, years_of_events))


def test_the_horizon_is_the_occurrence_horizon(client, years_of_events, settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 900}

    assert "день 800" in summaries(feed(client, years_of_events))


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "١٢", "30 days"])
def test_a_past_that_is_not_a_number_of_days_is_refused_in_plain_words(client, index, value):
    response = client.get(index.url + "ical/", {"past": value})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    with translation.override("ru"):
        assert response.content.decode() == translation.gettext(BAD_PAST)


def test_the_refusal_is_translated():
    with translation.override("ru"):
        assert translation.gettext(BAD_PAST) != BAD_PAST


def test_the_single_events_file_holds_all_its_dates(client, index):
    old = make_event(index, "давнее", TODAY - 1000 * DAY)

    response = client.get(old.url + "ical/")

    assert summaries(response) == ["давнее"]


# --- Conditional requests ---------------------------------------------------------------


def refetch(client, url, response):
    return client.get(url, headers={"if-none-match": response["ETag"]})


def refuse(*args, **kwargs):
    raise AssertionError("the calendar was built for a 304")


def test_a_repeated_request_with_the_etag_is_not_modified(client, index, monkeypatch):
    make_event(index, "заседание", TODAY + 7 * DAY)
    url = index.url + "ical/"
    first = client.get(url)

    monkeypatch.setattr(ical, "build_calendar", refuse)
    again = refetch(client, url, first)

    assert first["ETag"].startswith('W/"')
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"] == "public, max-age=900"


def test_another_etag_gets_the_feed(client, index):
    make_event(index, "заседание", TODAY + 7 * DAY)

    response = client.get(index.url + "ical/", headers={"if-none-match": 'W/"stale"'})

    assert response.status_code == 200
    assert summaries(response) == ["заседание"]


def etag_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def republished(event, **fields) -> EventPage:
    page = EventPage.objects.get(pk=event.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


CHANGES = {
    "republished": lambda index, event: republished(event, title="новое название"),
    "unpublished": lambda index, event: EventPage.objects.get(pk=event.pk).unpublish(),
    "moved to another day": lambda index, event: republished(
        event, start=event.start + DAY, end=event.end + DAY
    ),
    "a new event": lambda index, event: make_event(index, "новое", TODAY + 9 * DAY),
    "moved in the tree": lambda index, event: EventPage.objects.get(pk=event.pk).move(
        make_event_index(slug="archive", title="Архив"), pos="last-child"
    ),
}


@pytest.mark.parametrize("what", CHANGES)
def test_the_feeds_etag_changes_with_what_it_holds(client, index, what):
    event = make_event(index, "заседание", TODAY + 7 * DAY)
    make_event(index, "другое", TODAY + 8 * DAY)
    url = index.url + "ical/"
    before = etag_of(client, url)

    CHANGES[what](index, event)

    assert etag_of(client, url) != before


def test_the_feeds_etag_stays_while_nothing_changes(client, index):
    make_event(index, "заседание", TODAY + 7 * DAY)
    url = index.url + "ical/"
    before = etag_of(client, url)

    with time_machine.travel(NOW + datetime.timedelta(hours=5), tick=False):
        assert etag_of(client, url) == before
    assert etag_of(client, url + "?past=365") != before
    assert etag_of(client, url + "?kind=internship") != before


def test_the_feeds_etag_changes_with_the_day(client, index):
    make_event(index, "заседание", TODAY + 7 * DAY)
    url = index.url + "ical/"
    before = etag_of(client, url)

    with time_machine.travel(NOW + DAY, tick=False):
        assert etag_of(client, url) != before


@pytest.mark.parametrize("what", ["republished", "moved to another day", "moved in the tree"])
def test_the_event_files_etag_changes_with_the_event(client, index, what):
    event = make_event(index, "заседание", TODAY + 7 * DAY)
    before = etag_of(client, event.url + "ical/")

    CHANGES[what](index, event)
    event = EventPage.objects.get(pk=event.pk)

    assert etag_of(client, event.url + "ical/") != before


def test_the_event_file_answers_304_without_building(client, index, monkeypatch):
    event = make_event(index, "заседание", TODAY + 7 * DAY)
    url = event.url + "ical/"
    first = client.get(url)
    monkeypatch.setattr(ical, "build_calendar", refuse)

    again = refetch(client, url, first)

    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=900"


def test_a_restricted_events_file_is_kept_by_no_shared_cache(client, index, django_user_model):
    event = make_event(index, "для членов клуба", TODAY + 7 * DAY)
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    client.force_login(django_user_model.objects.create_user("member", password="pw"))

    response = client.get(event.url + "ical/")

    assert response.status_code == 200
    # Wagtail 8 itself also forbids any cache to keep a restricted page.
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "private" in directives
    assert "public" not in directives


def count_conditional_queries(client, url, etag) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    return len(queries)


def test_the_feeds_queries_stay_fixed_however_many_events(client, index):
    url = index.url + "ical/"
    for number in range(2):
        make_event(index, f"серия {number}", TODAY + number * DAY, repeat="daily", repeat_count=5)
    client.get(url)  # warm the site's caches shared by every request
    small = count_conditional_queries(client, url, etag_of(client, url))
    with CaptureQueriesContext(connection) as built_small:
        client.get(url)

    for number in range(2, 20):
        make_event(index, f"серия {number}", TODAY + number * DAY, repeat="daily", repeat_count=5)
    large = count_conditional_queries(client, url, etag_of(client, url))
    with CaptureQueriesContext(connection) as built_large:
        response = client.get(url)

    assert large == small > 0
    assert len(built_large) == len(built_small) > small
    assert len(summaries(response)) == 20


# --- The case library's RSS -------------------------------------------------------------


@pytest.fixture
def library(db):
    library = make_case_library()
    make_case(library, "Протекает кровля", topics=[TopicFactory(name="Капремонт")])
    return library


def test_the_rss_feed_answers_304_to_a_reader_that_holds_it(client, library):
    first = client.get("/cases/rss/")

    again = refetch(client, "/cases/rss/", first)

    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=900"
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


RSS_CHANGES = {
    "a new case": lambda library: make_case(library, "Лифт не работает"),
    "a case unpublished": lambda library: library.get_children().first().unpublish(),
    "a case republished": lambda library: (
        library.get_children().first().specific.save_revision().publish()
    ),
    "a topic renamed": lambda library: Topic.objects.update(name="Ремонт"),
    "the library republished": lambda library: library.save_revision().publish(),
}


@pytest.mark.parametrize("what", RSS_CHANGES)
def test_the_rss_etag_changes_with_what_it_holds(client, library, what):
    before = etag_of(client, "/cases/rss/")

    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        RSS_CHANGES[what](library)
        assert etag_of(client, "/cases/rss/") != before


def test_the_rss_etag_follows_the_filters(client, library):
    assert etag_of(client, "/cases/rss/") != etag_of(client, "/cases/rss/?status=resolved")
