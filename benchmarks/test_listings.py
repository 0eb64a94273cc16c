"""How the listings and feeds scale: each view timed at a small and a large size.

Run with `make bench`. Machines are noisy, so read the ratio of the large to the
small size within one run, not the absolute times. Each view must stay roughly
linear in what it sends (a page of results, or the feed's items), not in the
size of the data behind it.
"""

import datetime
import statistics
import time

import pytest

from caseclub_wagtail.models import CaseStudyPage
from tests.factories import (
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_directory,
    make_event,
    make_event_index,
    wall,
)

pytestmark = pytest.mark.django_db
ROUNDS = 7
RESULTS = []


def median_ms(client, url, **params) -> float:
    """The median time of ``ROUNDS`` requests to ``url``, after one warm-up request."""
    response = client.get(url, params)
    assert response.status_code == 200, url
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report(name, small, large, small_ms, large_ms):
    RESULTS.append((name, small, large, small_ms, large_ms))
    print(
        f"\n{name:<34} {small:>4}: {small_ms:7.1f} ms   {large:>4}: {large_ms:7.1f} ms"
        f"   ratio {large_ms / small_ms:4.1f}"
    )


def add_cases(library, count, topics, start=0):
    first_appeal = datetime.date(2024, 1, 15)
    for number in range(start, start + count):
        make_case(
            library,
            f"Кейс номер {number}: протекает кровля",
            topics=[topics[number % len(topics)]],
            municipality=["Волгоград", "Волжский", "Камышин"][number % 3],
            result=["pending", "achieved", "partly_achieved", "not_achieved"][number % 4],
            appeals=[(first_appeal + datetime.timedelta(days=number), "letter", "Протечки")],
            timeline=[(first_appeal + datetime.timedelta(days=number + 5), "in_progress", "")],
        )


def test_case_library(client):
    library = make_case_library()
    topics = [TopicFactory() for _ in range(6)]
    add_cases(library, 10, topics)
    small = {
        "plain": median_ms(client, "/cases/"),
        "filtered": median_ms(client, "/cases/", q="кровля", result="achieved"),
        "rss": median_ms(client, "/cases/rss/"),
    }
    add_cases(library, 490, topics, start=10)
    assert CaseStudyPage.objects.live().count() == 500
    large = {
        "plain": median_ms(client, "/cases/"),
        "filtered": median_ms(client, "/cases/", q="кровля", result="achieved"),
        "rss": median_ms(client, "/cases/rss/"),
    }
    report("case library", 10, 500, small["plain"], large["plain"])
    report("case library, search and filter", 10, 500, small["filtered"], large["filtered"])
    report("case library RSS", 10, 500, small["rss"], large["rss"])


def test_case_page(client):
    library = make_case_library()
    day = datetime.date(2024, 1, 15)
    appeal = [(day, "letter", "Протечки")]
    members = [MemberFactory() for _ in range(30)]
    short = make_case(
        library,
        "Короткий кейс",
        appeals=appeal,
        timeline=[(day, "in_progress", "")],
        team=[(members[0], "mentor")],
    )
    long = make_case(
        library,
        "Длинный кейс",
        appeals=appeal * 10,
        timeline=[(day + datetime.timedelta(days=n), "in_progress", "шаг") for n in range(30)],
        team=[(member, "participant") for member in members],
    )
    report(
        "case page (timeline entries)",
        1,
        30,
        median_ms(client, short.url),
        median_ms(client, long.url),
    )


def test_member_directory(client):
    make_directory()
    MemberFactory.create_batch(10, public_profile=True)
    small = median_ms(client, "/members/")
    MemberFactory.create_batch(290, public_profile=True)
    report("member directory", 10, 300, small, median_ms(client, "/members/"))


def test_event_listing_and_feed(client):
    index = make_event_index()
    for number in range(10):
        make_event(index, f"Событие {number}", wall(number + 1))
    small_list, small_feed = median_ms(client, "/events/"), median_ms(client, "/events/ical/")
    make_event(index, "Еженедельная встреча", wall(1), repeat="weekly", repeat_count=490)
    report("event listing", 10, 500, small_list, median_ms(client, "/events/"))
    report("event iCalendar feed", 10, 500, small_feed, median_ms(client, "/events/ical/"))
