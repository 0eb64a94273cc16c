"""The events API's search: Russian word forms through the search backend, by relevance."""

import datetime

import pytest

from tests.factories import make_event, make_event_index
from tests.support.api_reading import get_json


@pytest.fixture
def events(db):
    index = make_event_index()
    start = datetime.datetime(2030, 3, 5, 18)
    make_event(index, "Кровля после капремонта", start, summary="Что делать, если кровля течёт")
    make_event(
        index,
        "Заседание клуба",
        start + datetime.timedelta(days=1),
        summary="Разберём кейс о протечке кровли и ответ управляющей компании",
    )
    make_event(index, "Черновик о кровле", start, summary="Кровля", live=False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("кровлю", {"Кровля после капремонта", "Заседание клуба"}),
        ("течет", {"Кровля после капремонта"}),
        ("протечка", {"Заседание клуба"}),
        ("управляющая компания", {"Заседание клуба"}),
        ("капремонтом", {"Кровля после капремонта"}),
        ("черновик", set()),
    ],
)
def test_word_forms_are_found(client, events, query, expected):
    data = get_json(client, "events/", {"search": query})
    assert {item["title"] for item in data["items"]} == expected


def test_a_search_lists_the_most_relevant_first_unless_an_order_is_asked(client, events):
    def listed(**params):
        return [item["title"] for item in get_json(client, "events/", params)["items"]]

    assert listed(search="кровля") == ["Кровля после капремонта", "Заседание клуба"]
    assert listed(search="кровля", order="-start") == [
        "Заседание клуба",
        "Кровля после капремонта",
    ]
    assert listed(search="кровля", order="relevance") == listed(search="кровля")
