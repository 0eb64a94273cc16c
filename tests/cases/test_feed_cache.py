"""The case library's RSS feed is built once per change and kept in Django's cache."""

from xml.etree import ElementTree

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseclub_wagtail.cases import feeds
from caseclub_wagtail.models import CaseStudyPage
from tests.factories import make_case, make_case_library
from tests.support.calls import count_calls

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return make_case_library()


@pytest.fixture
def builds(monkeypatch):
    """How many times an RSS document was built."""
    return count_calls(monkeypatch, feeds, "rss_response")


def titles(response) -> list[str]:
    assert response.status_code == 200
    items = ElementTree.fromstring(response.content).iter("item")
    return sorted(item.findtext("title") for item in items)


def test_a_second_request_is_answered_without_building_the_feed(client, library, builds):
    make_case(library, "Протекает кровля")

    first = client.get("/cases/rss/")
    again = client.get("/cases/rss/")

    assert len(builds) == 1
    assert again.content == first.content
    assert again["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert titles(again) == ["Протекает кровля"]


def test_a_reader_holding_the_feed_is_answered_304(client, library, builds):
    make_case(library, "Протекает кровля")
    first = client.get("/cases/rss/")

    again = client.get("/cases/rss/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert len(builds) == 1


CHANGES = {
    "a case published": (
        lambda library, case: make_case(library, "Лифт не работает"),
        ["Лифт не работает", "Протекает кровля"],
    ),
    "a case unpublished": (
        lambda library, case: CaseStudyPage.objects.get(pk=case.pk).unpublish(),
        [],
    ),
    "a case deleted": (lambda library, case: CaseStudyPage.objects.get(pk=case.pk).delete(), []),
    "a case moved to another library": (
        lambda library, case: CaseStudyPage.objects.get(pk=case.pk).move(
            make_case_library(slug="archive", title="Архив"), pos="last-child"
        ),
        [],
    ),
    "a case published anew": (
        lambda library, case: republish(case, title="Кровля отремонтирована"),
        ["Кровля отремонтирована"],
    ),
}


def republish(case, **fields):
    page = CaseStudyPage.objects.get(pk=case.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.parametrize("what", CHANGES)
def test_the_kept_feed_follows_each_change(client, library, builds, what):
    change, held = CHANGES[what]
    case = make_case(library, "Протекает кровля")
    assert titles(client.get("/cases/rss/")) == ["Протекает кровля"]

    change(library, case)

    assert titles(client.get("/cases/rss/")) == held
    assert len(builds) == 2


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_kept_feed_costs_the_same_queries_however_many_cases(client, library):
    for number in range(2):
        make_case(library, f"Кейс {number}")
    client.get("/cases/rss/")
    small = count_queries(client, "/cases/rss/")
    caches["default"].clear()
    built = count_queries(client, "/cases/rss/")

    for number in range(2, 25):
        make_case(library, f"Кейс {number}")
    client.get("/cases/rss/")
    large = count_queries(client, "/cases/rss/")

    assert large == small < built
