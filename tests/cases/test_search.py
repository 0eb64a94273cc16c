"""The case library's search: Russian word forms, relevance, exact counts, fixed queries."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.cases.test_library import get_html, titles
from tests.factories import make_case, make_case_library
from tests.support.api_reading import count_api_queries, get_json
from tests.support.queries import count_queries, refresh_planner_statistics

D = datetime.date


@pytest.fixture
def library(db):
    """Four published cases, a draft and a case behind a password."""
    library = make_case_library()
    make_case(
        library,
        "Ремонт кровли",
        summary="Жильцы просят заменить кровлю над пятым подъездом.",
        problem="<p>Вода течёт по стене при каждом дожде.</p>",
        municipality="Волгоград",
        appeals=[(D(2024, 3, 1), "email", "")],
    )
    make_case(
        library,
        "Протечки в подвале",
        summary="Управляющей компанией не устранены протечки труб.",
        municipality="Волжский",
        appeals=[(D(2025, 2, 1), "email", "")],
    )
    make_case(
        library,
        "Тарифы на отопление",
        summary="Начисления за отопление выросли вдвое.",
        municipality="Камышин",
        lessons="<p>Управляющая компания пересчитала начисления после проверки.</p>",
    )
    make_case(
        library,
        "Двор без освещения",
        summary="Фонари не горят всю зиму.",
        municipality="Волгоград",
        lessons="<p>Заодно обследовали кровлю соседнего дома.</p>",
    )
    make_case(library, "Черновик о кровле", summary="Кровля протекает.", live=False)
    hidden = make_case(library, "Закрытый кейс о кровле", summary="Кровля протекает.")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    return library


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The forms.
        ("кровля", {"Ремонт кровли", "Двор без освещения"}),
        ("кровли", {"Ремонт кровли", "Двор без освещения"}),
        ("кровлю", {"Ремонт кровли", "Двор без освещения"}),
        ("протечка", {"Протечки в подвале"}),
        ("течет", {"Ремонт кровли"}),
        ("управляющая компания", {"Протечки в подвале", "Тарифы на отопление"}),
        # Forms nobody tuned for.
        ("кровлей", {"Ремонт кровли", "Двор без освещения"}),
        ("протечками", {"Протечки в подвале"}),
        ("ПОДВАЛАХ", {"Протечки в подвале"}),
        ("начислениями", {"Тарифы на отопление"}),
        ("отоплению", {"Тарифы на отопление"}),
        ("управляющих компаний", {"Протечки в подвале", "Тарифы на отопление"}),
        ("фонарей", {"Двор без освещения"}),
        ("волжского", {"Протечки в подвале"}),
        ("жильцам подъезда", {"Ремонт кровли"}),
        # Every word must be found, in some form.
        ("кровля подвал", set()),
        ("космонавт", set()),
    ],
)
def test_word_forms_are_found(client, library, query, expected):
    assert set(titles(get_html(client, q=query))) == expected
    assert {item["title"] for item in get_json(client, "cases/", {"search": query})["items"]} == (
        expected
    )


@pytest.mark.parametrize("query", ["черновик", "закрытый", "протекает"])
def test_drafts_and_private_cases_are_never_found(client, library, query):
    assert titles(get_html(client, q=query)) == []
    assert get_json(client, "cases/", {"search": query})["count"] == 0


def test_a_search_lists_the_most_relevant_first(client, library):
    # «Двор без освещения» is the newest, and names a roof only once, in its lessons.
    assert titles(get_html(client, q="кровля")) == ["Ремонт кровли", "Двор без освещения"]
    assert titles(get_html(client, q="кровля", order="newest")) == [
        "Двор без освещения",
        "Ремонт кровли",
    ]
    api = get_json(client, "cases/", {"search": "кровля"})
    assert [item["title"] for item in api["items"]] == ["Ремонт кровли", "Двор без освещения"]
    newest = get_json(client, "cases/", {"search": "кровля", "order": "newest"})
    assert [item["title"] for item in newest["items"]] == ["Двор без освещения", "Ремонт кровли"]


def test_the_order_select_shows_relevance_for_a_search(client, library):
    searched = get_html(client, q="кровля")  # the public site is in Russian
    assert '<option value="relevance" selected>Сначала наиболее подходящие</option>' in searched
    assert '<option value="newest" selected>' in get_html(client)
    # Without a search there is nothing to rank: relevance is the newest first.
    assert titles(get_html(client, order="relevance"))[0] == "Двор без освещения"


def test_facet_counts_are_those_of_the_searched_cases(client, library):
    facets = get_json(client, "cases/", {"search": "кровля"})["facets"]

    municipalities = {value["value"]: value["count"] for value in facets["municipality"]}
    assert municipalities == {"Волгоград": 2, "Волжский": 0, "Камышин": 0}
    years = {value["value"]: value["count"] for value in facets["year"]}
    assert years == {"2025": 0, "2024": 1}
    text = get_html(client, q="кровля", municipality="Волжский")
    assert titles(text) == []
    assert "Волгоград (2)" in text


def test_searched_library_queries_do_not_grow_with_the_matches(client, library):
    refresh_planner_statistics()
    small = count_queries(client, "/cases/?q=кровля")[0]
    small_api = count_api_queries(client, "cases/", {"search": "кровля", "limit": 100})[0]
    for number in range(8):
        make_case(
            library,
            f"Кровля дома {number}",
            summary=f"Кровлю дома {number} не чинят.",
            municipality=["Волгоград", "Камышин"][number % 2],
        )
    refresh_planner_statistics()
    large, text = count_queries(client, "/cases/?q=кровля")
    large_api, data = count_api_queries(client, "cases/", {"search": "кровля", "limit": 100})

    assert data["count"] == 10 and "Камышин (4)" in text
    assert (large, large_api) == (small, small_api)
