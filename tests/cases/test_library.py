"""The public case library: counted filters, search, order and pages, as visitors see them."""

import datetime
import html
import itertools
import re
from collections import Counter
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction

from caseclub_wagtail.models import (
    CaseAppeal,
    CaseResult,
    CaseStatus,
    CaseStudyPage,
    CaseTimelineEntry,
)
from tests.factories import TopicFactory, make_case_library
from tests.support.queries import count_queries, refresh_planner_statistics

D = datetime.date
CARD_TITLE = re.compile(
    r'<h2 class="caseclub-case-card__title"><a href="(?P<href>[^"]*)">(?P<title>[^<]*)</a></h2>'
)
NEXT_LINK = re.compile(r'<a href="(?P<href>[^"]*)" rel="next">')
PREVIOUS_LINK = re.compile(r'<a href="(?P<href>[^"]*)" rel="prev">')
COUNTED = re.compile(r"^(?P<label>.*) \((?P<count>\d+)\)$")
FACETS = ("status", "topic", "municipality", "result", "year")
_numbers = itertools.count(1)

TOPICS = {
    "kapremont": "Капитальный ремонт",
    "tarify": "Тарифы и начисления",
    "otoplenie": "Отопление",
}

# What the editors entered; first published in this order, one month apart.
RECORDS = [
    {
        "key": "roof",
        "title": "Протекает кровля после капремонта",
        "summary": "Жильцы пятого этажа страдают от протечек.",
        "problem": "<p>Подрядчик не устраняет дефекты по гарантии.</p>",
        "timeline": [(D(2024, 11, 10), "in_progress")],
        "topics": ["kapremont"],
        "municipality": "Волгоград",
        "result": "pending",
        "appeals": [D(2024, 11, 5)],
    },
    {
        "key": "heating",
        "title": "Холодные батареи зимой",
        "summary": "В квартирах четырнадцать градусов.",
        "problem": "<p>Управляющая компания не промыла систему.</p>",
        "timeline": [(D(2025, 1, 12), "in_progress"), (D(2025, 3, 1), "resolved")],
        "topics": ["otoplenie", "tarify"],
        "municipality": "Волжский",
        "result": "achieved",
        "appeals": [D(2025, 1, 10)],
    },
    {
        "key": "garbage",
        "title": "Двойные начисления за вывоз мусора",
        "summary": "Региональный оператор выставляет счета дважды.",
        "problem": "<p>Жильцы платят за одно и то же.</p>",
        "timeline": [(D(2025, 2, 5), "monitoring")],
        "topics": ["tarify"],
        "municipality": "Волгоград",
        "result": "partly_achieved",
        "appeals": [D(2025, 2, 3), D(2025, 2, 4)],
    },
    {
        "key": "elevator",
        "title": "Лифт не работает три месяца",
        "summary": "Жильцы девятого этажа остались без лифта.",
        "problem": "<p>Замену по программе сорвали.</p>",
        "timeline": [(D(2025, 6, 2), "unresolved")],
        "topics": ["kapremont"],
        "municipality": "Камышин",
        "result": "not_achieved",
        "appeals": [D(2025, 6, 1)],
    },
    {
        "key": "yard",
        "title": "Разрушена детская площадка",
        "summary": "Площадку во дворе не чинят.",
        "problem": "",
        "timeline": [],
        "topics": [],
        "municipality": "",
        "result": "pending",
        "appeals": [],
    },
    {
        "key": "meters",
        "title": "Общедомовой счётчик тепла",
        "summary": "Начисления за тепло выросли вдвое.",
        "problem": "<p>Счётчик не поверен с 2019 года.</p>",
        "timeline": [(D(2025, 4, 1), "in_progress")],
        "topics": ["otoplenie", "tarify"],
        "municipality": "Волгоград",
        "result": "pending",
        "appeals": [D(2025, 3, 20)],
    },
    {
        "key": "facade",
        "title": "Трещины в фасаде",
        "summary": "Штукатурка осыпается на тротуар.",
        "problem": "<p>Жильцы опасаются за прохожих.</p>",
        "timeline": [(D(2024, 8, 1), "resolved")],
        "topics": ["kapremont"],
        "municipality": "Волжский",
        "result": "achieved",
        "appeals": [D(2024, 7, 15)],
    },
]
BY_KEY = {record["key"]: record for record in RECORDS}
FIRST_PUBLISHED = {
    record["key"]: datetime.datetime(2025, 1 + n, 1, 9, tzinfo=datetime.UTC)
    for n, record in enumerate(RECORDS)
}
# Two cases were updated after the others were published.
LAST_PUBLISHED = {
    **FIRST_PUBLISHED,
    "roof": datetime.datetime(2025, 10, 1, 9, tzinfo=datetime.UTC),
    "elevator": datetime.datetime(2025, 9, 1, 9, tzinfo=datetime.UTC),
}


# What the test expects, computed from what was entered


def status_of(record) -> str:
    entries = sorted(enumerate(record["timeline"]), key=lambda item: (item[1][0], item[0]))
    return entries[-1][1][1] if entries else "new"


def values_of(record, facet) -> list:
    """The values of ``facet`` a record has, as the filter's option values."""
    if facet == "status":
        return [status_of(record)]
    if facet == "topic":
        return list(record["topics"])
    if facet == "municipality":
        return [record["municipality"]] if record["municipality"] else []
    if facet == "result":
        return [record["result"]]
    if facet == "year":
        return [str(min(record["appeals"]).year)] if record["appeals"] else []
    raise AssertionError(facet)


def words_of(record) -> set[str]:
    text = " ".join(
        [
            record["title"],
            record["summary"],
            strip_tags(record["problem"]),
            record["municipality"],
            *(TOPICS[slug] for slug in record["topics"]),
        ]
    )
    return set(re.findall(r"\w+", text.casefold()))


def matches(record, params) -> bool:
    for name, value in params.items():
        if name == "q":
            # Every word of the search is in the case's texts.
            if not set(value.casefold().split()) <= words_of(record):
                return False
        elif name in FACETS and value not in values_of(record, name):
            return False
    return True


def expected_titles(params, order="newest") -> list[str]:
    published = FIRST_PUBLISHED if order == "newest" else LAST_PUBLISHED
    found = [record for record in RECORDS if matches(record, params)]
    found.sort(key=lambda record: published[record["key"]], reverse=True)
    return [record["title"] for record in found]


def offered_values(facet) -> list[str]:
    """The values a filter offers: every choice, or those the library's cases have."""
    if facet == "status":
        return [value for value, _label in CaseStatus.choices]
    if facet == "result":
        return [value for value, _label in CaseResult.choices]
    return sorted({value for record in RECORDS for value in values_of(record, facet)})


def expected_counts(params, facet) -> dict[str, int]:
    """The number of cases each value of ``facet`` would show, given the other filters."""
    others = {name: value for name, value in params.items() if name != facet}
    counter = Counter(
        value
        for record in RECORDS
        if matches(record, others)
        for value in values_of(record, facet)
    )
    return {value: counter[value] for value in offered_values(facet)}


# Reading the page


def get_html(client, url="/cases/", **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    return response.content.decode()


def titles(text) -> list[str]:
    return [html.unescape(m["title"]) for m in CARD_TITLE.finditer(text)]


def options(text, name) -> list[tuple[str, str]]:
    select = BeautifulSoup(text, "html.parser").find("select", attrs={"name": name})
    return [(o.get("value", ""), o.get_text(strip=True)) for o in select.find_all("option")]


def shown_counts(text, name) -> dict[str, int]:
    """The number shown beside each value of a filter, by value."""
    counts = {}
    for value, label in options(text, name)[1:]:
        match = COUNTED.match(label)
        assert match, f"{name}: {label!r} has no count"
        counts[value] = int(match["count"])
    return counts


def follow(match):
    return "/cases/" + html.unescape(match["href"])


# The library


def publish_directly(library, title, *, appeals=(), timeline=(), topics=(), **fields):
    """Add a case as published, without revisions: quicker than an editor's way."""
    fields.setdefault("slug", f"case-{next(_numbers)}")
    case = CaseStudyPage(title=title, **fields)
    case.appeals = [
        CaseAppeal(received_on=day, channel="letter", summary="Обращение совета дома")
        for day in appeals
    ]
    case.timeline = [
        CaseTimelineEntry(date=day, status=status, note="", sort_order=position)
        for position, (day, status) in enumerate(timeline)
    ]
    case.topics = list(topics)
    library.add_child(instance=case)
    return case


def add_records(library, topics, records=RECORDS):
    return {
        record["key"]: publish_directly(
            library,
            record["title"],
            summary=record["summary"],
            problem=record["problem"],
            municipality=record["municipality"],
            result=record["result"],
            appeals=record["appeals"],
            timeline=record["timeline"],
            topics=[topics[slug] for slug in record["topics"]],
            live=True,
            first_published_at=FIRST_PUBLISHED[record["key"]],
            last_published_at=LAST_PUBLISHED[record["key"]],
        )
        for record in records
    }


@pytest.fixture
def topics(db):
    found = {slug: TopicFactory(name=name, slug=slug) for slug, name in TOPICS.items()}
    found["drugaya"] = TopicFactory(name="Тема другой библиотеки", slug="drugaya")
    found["chernovik"] = TopicFactory(name="Тема черновика", slug="chernovik")
    return found


@pytest.fixture
def library(db, topics, django_capture_on_commit_callbacks):
    """The library of RECORDS, a draft in it, and another library with a case of its own."""
    with django_capture_on_commit_callbacks(execute=True):
        library = make_case_library()
        cases = add_records(library, topics)
        publish_directly(
            library,
            "Черновик о протечке",
            live=False,
            summary="Жильцы жалуются на протечке кровли.",
            municipality="Волгоград",
            appeals=[D(2023, 5, 1)],
            timeline=[(D(2023, 5, 2), "resolved")],
            topics=[topics["kapremont"], topics["chernovik"]],
            result="achieved",
        )
        other = make_case_library(slug="other-cases", title="Другая библиотека")
        publish_directly(
            other,
            "Кейс другой библиотеки",
            live=True,
            first_published_at=FIRST_PUBLISHED["roof"],
            last_published_at=FIRST_PUBLISHED["roof"],
            summary="Жильцы пишут о протечке: кровля и подрядчик.",
            municipality="Урюпинск",
            appeals=[D(2022, 5, 1)],
            timeline=[(D(2022, 5, 2), "resolved")],
            topics=[topics["kapremont"], topics["drugaya"]],
            result="achieved",
        )
    library.records = cases
    return library


ALL_NEWEST = [
    "Трещины в фасаде",
    "Общедомовой счётчик тепла",
    "Разрушена детская площадка",
    "Лифт не работает три месяца",
    "Двойные начисления за вывоз мусора",
    "Холодные батареи зимой",
    "Протекает кровля после капремонта",
]


def test_the_library_lists_only_its_published_cases_newest_first(client, library):
    text = get_html(client)

    assert titles(text) == ALL_NEWEST == expected_titles({})
    assert "Черновик о протечке" not in text
    assert "Кейс другой библиотеки" not in text
    assert [html.unescape(m["href"]) for m in CARD_TITLE.finditer(text)] == [
        library.records[key].url
        for key in ("facade", "meters", "yard", "elevator", "garbage", "heating", "roof")
    ]


def test_the_card_shows_the_status_result_municipality_and_topics(client, library):
    soup = BeautifulSoup(get_html(client), "html.parser")

    (card,) = [
        card
        for card in soup.find_all("li", class_="caseclub-case-card")
        if card.h2.get_text(strip=True) == "Холодные батареи зимой"
    ]
    status = card.find(class_="caseclub-case-status")
    with translation.override("ru"):
        assert status.get_text(strip=True) == str(CaseStatus.RESOLVED.label).capitalize()
        assert str(CaseResult.ACHIEVED.label) in card.get_text()
    assert "caseclub-case-status--resolved" in status["class"]
    assert "Волжский" in card.get_text()
    assert sorted(li.get_text() for li in card.select(".caseclub-tags li")) == [
        "Отопление",
        "Тарифы и начисления",
    ]


def test_the_other_library_lists_only_its_own_case(client, library):
    text = get_html(client, "/other-cases/")

    assert titles(text) == ["Кейс другой библиотеки"]
    assert shown_counts(text, "topic") == {"kapremont": 1, "drugaya": 1}
    assert shown_counts(text, "municipality") == {"Урюпинск": 1}


def test_a_restricted_case_is_neither_listed_nor_counted(client, library):
    PageViewRestriction.objects.create(
        page=library.records["heating"], restriction_type="password", password="секрет"
    )

    text = get_html(client)

    assert "Холодные батареи зимой" not in titles(text)
    assert shown_counts(text, "municipality")["Волжский"] == 1
    assert shown_counts(text, "status")["resolved"] == 1


def test_filters_offer_nothing_that_only_drafts_or_other_libraries_have(client, library):
    text = get_html(client)

    assert [value for value, _ in options(text, "topic")] == ["", *sorted(TOPICS)]
    assert [value for value, _ in options(text, "municipality")] == [
        "",
        "Волгоград",
        "Волжский",
        "Камышин",
    ]
    assert [value for value, _ in options(text, "year")] == ["", "2025", "2024"]
    for absent in ("Урюпинск", "Тема другой библиотеки", "Тема черновика", "2023", "2022"):
        assert absent not in text


def test_every_option_is_labelled_in_russian(client, library):
    text = get_html(client)

    with translation.override("ru"):
        assert options(text, "status")[0][1] == translation.gettext("All statuses")
        assert (
            dict(options(text, "status"))["resolved"]
            == f"{str(CaseStatus.RESOLVED.label).capitalize()} (2)"
        )
        assert (
            dict(options(text, "result"))["partly_achieved"]
            == f"{str(CaseResult.PARTLY_ACHIEVED.label).capitalize()} (1)"
        )
    assert dict(options(text, "topic"))["kapremont"] == "Капитальный ремонт (3)"
    assert dict(options(text, "year"))["2025"] == "2025 (4)"


# Filters


FILTERS = [
    {"status": "in_progress"},
    {"status": "resolved"},
    {"status": "new"},
    {"status": "unresolved"},
    {"topic": "kapremont"},
    {"topic": "tarify"},
    {"topic": "otoplenie"},
    {"municipality": "Волгоград"},
    {"municipality": "Камышин"},
    {"result": "achieved"},
    {"result": "pending"},
    {"year": "2025"},
    {"year": "2024"},
    {"status": "in_progress", "topic": "tarify"},
    {"status": "resolved", "municipality": "Волжский"},
    {"topic": "tarify", "municipality": "Волгоград"},
    {"topic": "kapremont", "result": "achieved"},
    {"topic": "tarify", "year": "2025", "result": "pending"},
    {"status": "resolved", "topic": "tarify", "municipality": "Волжский", "year": "2025"},
    {"status": "monitoring", "topic": "kapremont"},
    {"year": "2024", "municipality": "Волгоград", "result": "pending"},
]


def ids(params) -> str:
    return ",".join(f"{name}={value}" for name, value in params.items())


@pytest.mark.parametrize("params", FILTERS, ids=ids)
def test_filters_narrow_the_list_and_combine(client, library, params):
    assert titles(get_html(client, **params)) == expected_titles(params)


def test_the_filters_narrow_as_the_visitor_expects(client, library):
    # A few combinations spelt out, to check the computation above.
    assert titles(get_html(client, topic="tarify", municipality="Волгоград")) == [
        "Общедомовой счётчик тепла",
        "Двойные начисления за вывоз мусора",
    ]
    assert titles(get_html(client, year="2024")) == [
        "Трещины в фасаде",
        "Протекает кровля после капремонта",
    ]
    assert titles(get_html(client, status="new")) == ["Разрушена детская площадка"]
    assert titles(get_html(client, status="monitoring", topic="kapremont")) == []


@pytest.mark.parametrize("params", [{}, *FILTERS], ids=lambda p: ids(p) or "none")
def test_each_value_is_counted_with_the_other_filters_applied(client, library, params):
    text = get_html(client, **params)

    for facet in FACETS:
        assert shown_counts(text, facet) == expected_counts(params, facet), facet


def test_counts_spelt_out_for_one_combination(client, library):
    text = get_html(client, topic="tarify", status="in_progress")

    # Status counts keep the topic, topic counts keep the status.
    assert shown_counts(text, "status") == {
        "new": 0,
        "in_progress": 1,
        "monitoring": 1,
        "resolved": 1,
        "unresolved": 0,
    }
    assert shown_counts(text, "topic") == {"kapremont": 1, "otoplenie": 1, "tarify": 1}
    assert shown_counts(text, "municipality") == {"Волгоград": 1, "Волжский": 0, "Камышин": 0}
    assert shown_counts(text, "year") == {"2025": 1, "2024": 0}


def test_the_chosen_values_stay_selected(client, library):
    text = get_html(client, topic="tarify", year="2025", order="updated", q="жильцы")
    soup = BeautifulSoup(text, "html.parser")

    def selected(name):
        select = soup.find("select", attrs={"name": name})
        return [o["value"] for o in select.find_all("option") if o.has_attr("selected")]

    assert selected("topic") == ["tarify"]
    assert selected("year") == ["2025"]
    assert selected("order") == ["updated"]
    assert selected("status") == [""]
    assert soup.find("input", attrs={"name": "q"})["value"] == "жильцы"


def test_the_case_count_is_shown(client, library):
    text = get_html(client, topic="kapremont")

    with translation.override("ru"):
        expected = translation.ngettext("%(counter)s case found", "%(counter)s cases found", 3)
    assert expected % {"counter": 3} in text


def test_no_match_says_so(client, library):
    text = get_html(client, status="monitoring", topic="kapremont")

    with translation.override("ru"):
        assert translation.gettext("No cases match these filters.") in text


# Search


SEARCHES = [
    "жильцы",
    "ЖИЛЬЦЫ",
    "Жильцы",
    "кровля",
    "КРОВЛЯ",
    "подрядчик",
    "штукатурка",
    "поверен",
    "батареи",
    "космонавт",
]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_by_title_summary_and_problem_in_any_case(client, library, query):
    # In the order asked for: by relevance, the default with a search, is tested elsewhere.
    assert titles(get_html(client, q=query, order="newest")) == expected_titles({"q": query})


def test_search_results_spelt_out(client, library):
    assert titles(get_html(client, q="ЖИЛЬЦЫ", order="newest")) == [
        "Трещины в фасаде",
        "Лифт не работает три месяца",
        "Двойные начисления за вывоз мусора",
        "Протекает кровля после капремонта",
    ]
    assert titles(get_html(client, q="Подрядчик")) == ["Протекает кровля после капремонта"]
    assert titles(get_html(client, q="космонавт")) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            "жильцы этажа",
            ["Лифт не работает три месяца", "Протекает кровля после капремонта"],
            id="two-words",
        ),
        pytest.param(
            "этажа жильцы",
            ["Лифт не работает три месяца", "Протекает кровля после капремонта"],
            id="any-order",
        ),
        pytest.param("жильцы космонавт", [], id="one-word-missing"),
        pytest.param(
            "  ПОДРЯДЧИК  ", ["Протекает кровля после капремонта"], id="spaces-and-capitals"
        ),
        pytest.param("счетчик", ["Общедомовой счётчик тепла"], id="е-for-ё"),
        pytest.param("кровлю", ["Протекает кровля после капремонта"], id="another-ending"),
        pytest.param("Камышин", ["Лифт не работает три месяца"], id="municipality"),
    ],
)
def test_search_with_several_words_and_word_forms(client, library, query, expected):
    assert titles(get_html(client, q=query, order="newest")) == expected


SEARCHES_WITH_FILTERS = [
    {"q": "жильцы", "municipality": "Волгоград"},
    {"q": "жильцы", "status": "resolved"},
    {"q": "жильцы", "topic": "kapremont", "year": "2025"},
    {"q": "жильцы", "result": "pending", "topic": "tarify"},
    {"q": "подрядчик", "status": "in_progress"},
    {"q": "кровля", "municipality": "Волжский"},
]


@pytest.mark.parametrize("params", SEARCHES_WITH_FILTERS, ids=ids)
def test_search_combines_with_filters_and_counts(client, library, params):
    text = get_html(client, **params, order="newest")

    assert titles(text) == expected_titles(params)
    for facet in FACETS:
        assert shown_counts(text, facet) == expected_counts(params, facet), facet


@pytest.mark.parametrize("query", ["жильцы", "кровля"])
def test_search_counts_without_filters(client, library, query):
    text = get_html(client, q=query)

    for facet in FACETS:
        assert shown_counts(text, facet) == expected_counts({"q": query}, facet), facet


def test_search_does_not_find_cases_of_other_libraries_or_drafts(client, library):
    text = get_html(client, q="протечке")

    assert titles(text) == []
    assert sum(shown_counts(text, "status").values()) == 0


# Order


def test_updated_order_puts_the_latest_publication_first(client, library):
    assert titles(get_html(client, order="updated")) == expected_titles({}, "updated")
    assert titles(get_html(client, order="updated"))[:2] == [
        "Протекает кровля после капремонта",
        "Лифт не работает три месяца",
    ]


def test_republishing_moves_a_case_up_the_updated_order_only(client, library):
    garbage = CaseStudyPage.objects.get(pk=library.records["garbage"].pk)
    garbage.get_latest_revision_as_object().save_revision().publish()

    assert titles(get_html(client, order="updated"))[0] == "Двойные начисления за вывоз мусора"
    assert titles(get_html(client, order="newest")) == ALL_NEWEST
    assert titles(get_html(client)) == ALL_NEWEST


def test_order_combines_with_filters(client, library):
    params = {"topic": "kapremont"}

    assert titles(get_html(client, order="updated", **params)) == expected_titles(
        params, "updated"
    )
    assert titles(get_html(client, order="newest", **params)) == expected_titles(params)


# Pages


@pytest.fixture
def three_per_page(settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "CASES_PER_PAGE": 3}


def test_pages_split_the_list(client, library, three_per_page):
    first = get_html(client)
    second = get_html(client, follow(NEXT_LINK.search(first)))
    third = get_html(client, follow(NEXT_LINK.search(second)))

    assert [titles(first), titles(second), titles(third)] == [
        ALL_NEWEST[0:3],
        ALL_NEWEST[3:6],
        ALL_NEWEST[6:7],
    ]
    assert NEXT_LINK.search(third) is None
    assert PREVIOUS_LINK.search(first) is None
    assert titles(get_html(client, follow(PREVIOUS_LINK.search(third)))) == ALL_NEWEST[3:6]
    # The counts are of every matching case, not of one page.
    assert sum(shown_counts(second, "status").values()) == 7


def test_the_page_links_keep_the_filters_and_search(client, library, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "CASES_PER_PAGE": 2}
    params = {"q": "жильцы", "order": "updated", "topic": "kapremont"}
    expected = expected_titles(params, "updated")
    assert len(expected) == 3

    first = get_html(client, **params)
    link = follow(NEXT_LINK.search(first))
    second = get_html(client, link)

    assert parse_qs(urlsplit(link).query) == {
        "q": ["жильцы"],
        "order": ["updated"],
        "topic": ["kapremont"],
        "page": ["2"],
    }
    assert titles(first) + titles(second) == expected
    back = parse_qs(urlsplit(follow(PREVIOUS_LINK.search(second))).query)
    assert back["page"] == ["1"] and back["q"] == ["жильцы"]


@pytest.mark.parametrize(
    ("page", "expected"),
    [("abc", ALL_NEWEST[0:3]), ("999", ALL_NEWEST[6:7]), ("0", ALL_NEWEST[6:7]), ("", None)],
)
def test_a_bad_page_number_shows_a_page_of_the_list(
    client, library, three_per_page, page, expected
):
    assert titles(get_html(client, page=page)) == (expected or ALL_NEWEST[0:3])


# Bad input is ignored


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"status": "RESOLVED"},
        {"topic": "nope"},
        {"topic": "drugaya"},
        {"topic": "chernovik"},
        {"municipality": "Урюпинск"},
        {"result": "won"},
        {"year": "abc"},
        {"year": "1800"},
        {"year": "2023"},
        {"year": "2025.0"},
        {"order": "x"},
        {"order": "-title"},
        {"page": "\x00"},
        {"q": "\x00"},
        {"topic": "\x00"},
        {"year": "\x00"},
        {"q": "я" * 500},
        {"q": "   "},
        {"status": "bogus", "topic": "nope", "year": "abc", "order": "x", "page": "x"},
    ],
    ids=lambda params: ids(params).replace("\x00", "NUL")[:40],
)
def test_unknown_values_show_the_whole_library(client, library, params):
    text = get_html(client, **params)

    assert titles(text) == ALL_NEWEST
    assert shown_counts(text, "status") == expected_counts({}, "status")
    assert shown_counts(text, "topic") == expected_counts({}, "topic")


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"status": "bogus", "topic": "tarify"}, {"topic": "tarify"}),
        ({"year": "1800", "municipality": "Волжский"}, {"municipality": "Волжский"}),
        ({"topic": "drugaya", "result": "pending"}, {"result": "pending"}),
        ({"order": "x", "q": "жильцы", "year": "abc"}, {"q": "жильцы"}),
    ],
    ids=lambda p: ids(p),
)
def test_an_unknown_value_leaves_the_valid_ones_applied(client, library, params, kept):
    text = get_html(client, **params)

    # An unknown order is the default one: by relevance with a search, else newest first.
    assert sorted(titles(text)) == sorted(expected_titles(kept))
    for facet in FACETS:
        assert shown_counts(text, facet) == expected_counts(kept, facet), facet


@pytest.mark.parametrize("query", ['"', "*", "(", "кровля OR", "NOT", "a:b", "%", "\\", "-"])
def test_search_syntax_typed_by_a_visitor_is_no_error(client, library, query):
    text = get_html(client, q=query)

    assert set(titles(text)) <= set(ALL_NEWEST)


def test_the_library_advertises_its_feed(client, library):
    soup = BeautifulSoup(get_html(client), "html.parser")

    link = soup.find("link", attrs={"rel": "alternate", "type": "application/rss+xml"})
    assert link["href"] == "/cases/rss/"
    assert soup.find("a", class_="caseclub-feed-link")["href"] == "/cases/rss/"


# Queries do not grow with the library


def add_many(library, numbers, topics):
    """Published cases with appeals, a timeline and two topics each."""
    statuses = [s for s, _label in CaseStatus.choices]
    results = [r for r, _label in CaseResult.choices]
    municipalities = ["Волгоград", "Волжский", "Камышин", "Михайловка"]
    for n in numbers:
        first = D(2020 + n % 6, 1 + n % 12, 1 + n % 28)
        published = timezone.now() - datetime.timedelta(days=n)
        status = statuses[n % 5]
        publish_directly(
            library,
            f"Жалоба жильцов № {n}",
            slug=f"many-{n}",
            summary=f"Жильцы дома {n} обратились в клуб.",
            municipality=municipalities[n % 4],
            result=results[n % 4],
            appeals=[first],
            timeline=[] if status == "new" else [(first, status)],
            topics=[topics[n % len(topics)], topics[(n + 1) % len(topics)]],
            live=True,
            first_published_at=published,
            last_published_at=published,
        )


VIEWS = [
    # (cases per page, what the visitor asks for, the same as a lookup)
    (
        None,
        {"q": "жильцы", "topic": "t0", "municipality": "Волгоград", "order": "updated"},
        {"topics__slug": "t0", "municipality": "Волгоград"},
    ),
    (
        1000,
        {"q": "жильцы", "status": "in_progress", "year": "2021"},
        {"status": "in_progress", "first_appeal_on__year": 2021},
    ),
    (1000, {"q": "жильцы", "result": "achieved"}, {"result": "achieved"}),
    (1000, {}, {}),
]


def visit_all(client, settings):
    found = []
    for per_page, params, _lookup in VIEWS:
        settings.CASECLUB_WAGTAIL = {
            **settings.CASECLUB_WAGTAIL,
            "CASES_PER_PAGE": per_page or 12,
        }
        found.append(count_queries(client, "/cases/?" + urlencode(params)))
    return found


@pytest.mark.clock
def test_library_queries_do_not_grow_with_the_cases(
    client, db, settings, django_capture_on_commit_callbacks
):
    topics = [TopicFactory(name=f"Тема {n}", slug=f"t{n}") for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        library = make_case_library()
        add_many(library, range(1, 11), topics)
    small = visit_all(client, settings)
    with django_capture_on_commit_callbacks(execute=True):
        add_many(library, range(11, 501), topics)
    refresh_planner_statistics()
    large = visit_all(client, settings)

    cases = CaseStudyPage.objects.live().descendant_of(library)
    assert cases.count() == 500
    for (per_page, params, lookup), (_, small_html), (_, large_html) in zip(
        VIEWS, small, large, strict=True
    ):
        listed = cases.filter(**lookup).count()
        assert len(titles(small_html)) >= 1, params
        assert len(titles(large_html)) == min(listed, per_page or 12), params
        assert len(titles(large_html)) > len(titles(small_html)), params
        # The counts beside the values count the whole library, not one page.
        other_than_topic = {k: v for k, v in lookup.items() if k != "topics__slug"}
        assert shown_counts(large_html, "topic")["t1"] == (
            cases.filter(topics__slug="t1", **other_than_topic).count()
        ), params
        other_than_status = {k: v for k, v in lookup.items() if k != "status"}
        assert sum(shown_counts(large_html, "status").values()) == (
            cases.filter(**other_than_status).count()
        ), params
    assert [count for count, _ in large] == [count for count, _ in small]
