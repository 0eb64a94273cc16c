"""A CDN in front of the site never shows stale dates: the event pages declare every path
they serve, and a change to an event purges the pages that show it.

The frontend cache is Wagtail's (``wagtail.contrib.frontend_cache``), here a backend that
records the URLs it is told to purge.
"""

import datetime

import pytest
from django.utils import timezone

from caseclub_wagtail.models import EventPage
from tests.factories import make_case, make_case_library, make_event, make_event_index, wall

pytestmark = [pytest.mark.django_db, pytest.mark.clock]  # 2026-11-11, noon in Volgograd

SITE = "http://localhost"
KINDS = ("meeting", "master_class", "internship", "other")
DAY = datetime.timedelta(days=1)


def months_ahead(days: int) -> list[str]:
    """The month grids from this month to the month ``days`` ahead, in the site's zone."""
    today = timezone.localdate()
    months = sorted({(day.year, day.month) for day in (today + i * DAY for i in range(days + 1))})
    return [f"calendar/{year}/{month}/" for year, month in months]


def index_paths() -> list[str]:
    """The listings, the feeds whole and by kind, and the months to the 730-day horizon."""
    paths = ["", "past/", "calendar/", "ical/"]
    return paths + [f"ical/?kind={kind}" for kind in KINDS] + months_ahead(730)


def urls(page_path: str, paths) -> set[str]:
    return {SITE + page_path + path for path in paths}


@pytest.fixture
def index():
    return make_event_index()


def test_the_index_declares_its_listings_feeds_and_a_window_of_months(index):
    assert index.get_cached_paths() == ["/" + path for path in index_paths()]
    assert len(months_ahead(730)) in (24, 25)  # about two years of month grids


def test_the_window_of_months_follows_the_horizon(index, settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_HORIZON_DAYS": 40}

    months = [path for path in index.get_cached_paths() if "/20" in path]
    assert months == ["/" + path for path in months_ahead(40)]
    assert len(months) in (2, 3)


def test_an_event_declares_its_page_its_file_and_its_form(index):
    event = make_event(index, "заседание", wall(7), slug="meeting")

    assert event.get_cached_paths() == ["/", "/ical/", "/register/"]


def test_nothing_is_purged_without_a_frontend_cache(index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        make_event(index, "заседание", wall(7))

    assert callbacks == []


def test_publishing_an_event_purges_the_index_its_calendar_and_feeds(index, purged):
    with purged() as purged_urls:
        make_event(index, "заседание", wall(7), slug="meeting")

    assert purged_urls == urls("/events/", index_paths())


def test_unpublishing_an_event_purges_the_index(index, purged):
    event = make_event(index, "заседание", wall(7), slug="meeting")

    with purged() as purged_urls:
        EventPage.objects.get(pk=event.pk).unpublish()

    assert purged_urls == urls("/events/", index_paths())


def test_deleting_an_event_purges_the_index_and_the_event(index, purged):
    event = make_event(index, "заседание", wall(7), slug="meeting")

    with purged() as purged_urls:
        EventPage.objects.get(pk=event.pk).delete()

    event_paths = ["", "ical/", "register/"]
    assert purged_urls == urls("/events/", index_paths()) | urls("/events/meeting/", event_paths)


def test_moving_an_event_purges_both_indexes_and_both_of_its_addresses(index, purged):
    event = make_event(index, "заседание", wall(7), slug="meeting")
    archive = make_event_index(slug="archive", title="Архив")

    with purged() as purged_urls:
        EventPage.objects.get(pk=event.pk).move(archive, pos="last-child")

    event_paths = ["", "ical/", "register/"]
    assert purged_urls == (
        urls("/events/", index_paths())
        | urls("/archive/", index_paths())
        | urls("/events/meeting/", event_paths)
        | urls("/archive/meeting/", event_paths)
    )


def test_an_event_purges_the_cases_it_discussed(index, purged):
    library = make_case_library()
    case = make_case(library, "Протекает кровля", slug="roof")

    with purged() as purged_urls:
        make_event(index, "заседание", wall(7), cases=[case])

    assert purged_urls == urls("/events/", index_paths()) | {SITE + "/cases/roof/"}
