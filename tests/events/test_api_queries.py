"""The events API runs the same number of queries at 10 and at 500 items."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ImageFactory,
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_directory,
    make_event,
    make_event_index,
    wall,
)
from tests.factories.events import add_events
from tests.support.queries import refresh_planner_statistics

pytestmark = pytest.mark.clock

API = "/api/caseclub/"
LISTS = [
    "events/",
    "events/?limit=100",
    "occurrences/",
    "occurrences/?limit=100",
    "events/?upcoming=true&topic=roofs&search=заседание",
    "occurrences/?starts_after=2026-11-01&kind=meeting&limit=100",
]


def queries(client, path) -> int:
    """The number of queries of a second request of ``path`` (the first makes renditions)."""
    client.get(API + path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(API + path)
    assert response.status_code == 200, response.content
    return len(captured)


def items(client, path) -> int:
    return len(client.get(API + path).json()["items"])


@pytest.mark.django_db
def test_every_list_runs_the_same_queries_at_10_and_500_events(client):
    index = make_event_index()
    make_directory()
    roofs = TopicFactory(slug="roofs")
    topics = [roofs, TopicFactory()]
    photo = ImageFactory()
    hosts = [MemberFactory(public_profile=True, photo=photo), MemberFactory(public_profile=True)]
    hosts.append(MemberFactory(public_profile=False))
    add_events(index, 10, wall(1), topics=topics, hosts=hosts)
    refresh_planner_statistics()
    small = {path: queries(client, path) for path in LISTS}
    assert items(client, "events/?limit=100") == 10

    add_events(index, 490, wall(11), topics=topics, hosts=hosts)
    refresh_planner_statistics()

    assert items(client, "events/?limit=100") == 100
    assert items(client, "occurrences/?limit=100") == 100
    assert {path: queries(client, path) for path in LISTS} == small


def series_with(index, size, photo, library):
    """An event with ``size`` dates, topics, public hosts and cases, and images in its body."""
    topics = TopicFactory.create_batch(size)
    hosts = [MemberFactory(public_profile=True, photo=photo) for _ in range(size)]
    cases = [make_case(library, f"Кейс {number}") for number in range(min(size, 30))]
    images = ImageFactory.create_batch(3)
    body = [("image", image) for image in images] + [("paragraph", "<p>Повестка</p>")]
    return make_event(
        index,
        "Ежедневный приём",
        wall(0, 10),
        repeat="daily",
        repeat_count=size,
        topics=topics,
        hosts=hosts,
        cases=cases,
        body=body,
    )


@pytest.mark.django_db
def test_the_detail_runs_the_same_queries_at_10_and_500_dates_and_hosts(client):
    index = make_event_index()
    make_directory()
    library = make_case_library()
    photo = ImageFactory()
    small = series_with(index, 10, photo, library)
    large = series_with(index, 500, photo, library)
    refresh_planner_statistics()
    assert large.occurrences.count() == 500

    detail = client.get(f"{API}events/{large.pk}/").json()
    assert len(detail["hosts"]) == 500 and len(detail["occurrences"]) == 50
    assert len(detail["related_cases"]) == 30
    assert queries(client, f"events/{small.pk}/") == queries(client, f"events/{large.pk}/")
    end = (wall(0) + datetime.timedelta(days=600)).date().isoformat()
    assert queries(client, f"occurrences/?event={small.pk}&limit=100") == queries(
        client, f"occurrences/?event={large.pk}&limit=100&starts_before={end}"
    )
