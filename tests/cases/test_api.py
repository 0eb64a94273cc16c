"""The case library's API: the list, its filters and facets, and each case's whole story."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import RichText

from caseclub_wagtail.models import (
    AppealChannel,
    CaseAppeal,
    CaseResult,
    CaseRole,
    CaseStatus,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseTimelineEntry,
)
from tests.factories import (
    ImageFactory,
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_directory,
    make_event,
    make_event_index,
)
from tests.support.api_reading import (
    API,
    count_api_queries,
    get_json,
    get_problem,
    openapi_text,
)
from tests.support.queries import refresh_planner_statistics
from tests.support.translation import in_russian

D = datetime.date
FACETS = ("status", "topic", "municipality", "result", "year")
COUNTED = re.compile(r"^(?P<label>.*) \((?P<count>\d+)\)$")


def russian(value) -> str:
    with translation.override("ru"):
        return str(value)


def english(value) -> str:
    with translation.override("en"):
        return str(value)


def as_json(moment) -> str:
    """A UTC datetime as the API writes it: ISO 8601 to the millisecond."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def restrict(page):
    """Put ``page`` behind a password, as an editor does with the privacy setting."""
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")


@pytest.fixture
def topics(db):
    return {
        slug: TopicFactory(name=name, slug=slug)
        for slug, name in [
            ("kapremont", "Капитальный ремонт"),
            ("tarify", "Тарифы и начисления"),
            ("otoplenie", "Отопление"),
            ("chernovik", "Тема черновика"),
        ]
    }


@pytest.fixture
def people(db):
    """A public chair with a photo, an unconsenting member and one whose membership ended."""
    return {
        "public": MemberFactory(
            name="Петрова Анна Сергеевна",
            organization="ТСЖ «Заря»",
            role="chair",
            public_profile=True,
            photo=ImageFactory(title="IMG_0001.png"),
        ),
        "private": MemberFactory(name="Скрытов Иван Ильич", public_profile=False),
        "ended": MemberFactory(
            name="Бывший Пётр Петрович",
            public_profile=True,
            status="terminated",
            terminated_on=D(2025, 9, 1),
            termination_ground="voluntary",
        ),
    }


@pytest.fixture
def library(db, topics, people):
    """A library of four published cases, a draft and a restricted case."""
    library = make_case_library()
    make_directory()
    cases = {}
    cases["heating"] = make_case(
        library,
        "Холодные батареи зимой",
        appeals=[(D(2025, 1, 10), "letter", "Письмо совета дома.")],
        timeline=[(D(2025, 1, 12), "in_progress", ""), (D(2025, 3, 1), "resolved", "")],
        topics=[topics["otoplenie"], topics["tarify"]],
        municipality="Волжский",
        result="achieved",
    )
    cases["garbage"] = make_case(
        library,
        "Двойные начисления за вывоз мусора",
        appeals=[(D(2025, 2, 4), "website", "Второе."), (D(2025, 2, 3), "email", "Первое.")],
        timeline=[(D(2025, 2, 5), "monitoring", "")],
        topics=[topics["tarify"]],
        municipality="Волгоград",
        result="partly_achieved",
    )
    cases["yard"] = make_case(library, "Разрушена детская площадка", summary="Площадка.")
    cases["draft"] = make_case(
        library,
        "Черновик о протечке",
        live=False,
        appeals=[(D(2023, 5, 1), "letter", "Черновик.")],
        topics=[topics["kapremont"], topics["chernovik"]],
        municipality="Урюпинск",
        result="achieved",
    )
    cases["private"] = make_case(
        library, "Закрытый кейс", municipality="Камышин", topics=[topics["kapremont"]]
    )
    restrict(cases["private"])
    cases["roof"] = make_case(
        library,
        "Протекает кровля после капремонта",
        **roof_story(
            topics,
            people,
            related=[cases["heating"], cases["private"]],
            practices=[cases["garbage"], cases["draft"], cases["private"]],
        ),
    )
    library.cases = cases
    return library


def roof_story(topics, people, related, practices):
    document = get_document_model().objects.create(
        title="Образец претензии", file=ContentFile(b"%PDF-1.4", name="pretenziya.pdf")
    )
    return {
        "summary": "Кровля протекает над пятым этажом.",
        "problem": "<p>Подрядчик не устраняет дефекты по гарантии.</p>",
        "municipality": "Волгоград",
        "appeals": [
            (D(2024, 11, 20), "in_person", "Жильцы пришли на приём."),
            (D(2024, 11, 5), "letter", "Письмо совета дома о протечках."),
        ],
        "timeline": [
            (D(2025, 2, 1), "monitoring", "Подрядчик приступил к ремонту."),
            (D(2024, 11, 10), "in_progress", "Составлен акт осмотра."),
        ],
        "topics": [topics["kapremont"]],
        "result": CaseResult.PENDING,
        "scenarios": [
            (
                "scenario",
                {
                    "title": "Дойдёт до суда",
                    "description": RichText("<p>Суд назначит экспертизу.</p>"),
                    "likelihood": "high",
                    "consequences": "Полгода ожидания",
                },
            )
        ],
        "solution_options": [
            option("Претензия подрядчику", recommended=True),
            option("Жалоба в жилинспекцию", chosen=True),
        ],
        "practices": [
            *(("case", case) for case in practices),
            ("document", {"document": document, "description": "Шаблон"}),
            (
                "resource",
                {"title": "Памятка", "url": "https://example.org/pamyatka", "description": ""},
            ),
            (
                "resource",
                {"title": "Почта", "url": "mailto:someone@example.org", "description": ""},
            ),
        ],
        "outcome": "<p>Ремонт начат.</p>",
        "lessons": "<p>Фиксируйте протечки актом.</p>",
        "team": [
            (people["public"], "mentor"),
            (people["private"], "participant"),
            (people["ended"], "volunteer_expert"),
        ],
        "related": related,
    }


def option(title, *, recommended=False, chosen=False):
    return (
        "option",
        {
            "title": title,
            "description": RichText(f"<p>{title}: как действовать.</p>"),
            "legal_basis": "ЖК РФ, ст. 182",
            "pros": "Быстро",
            "cons": "Нужны доказательства",
            "recommended": recommended,
            "chosen": chosen,
        },
    )


def titles(data) -> list[str]:
    return [item["title"] for item in data["items"]]


def facet_counts(data, name) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in data["facets"][name]}


def html_counts(client, params) -> dict[str, dict[str, int]]:
    """The number beside every value of every filter in the HTML library."""
    text = client.get("/cases/", {("q" if k == "search" else k): v for k, v in params.items()})
    soup = BeautifulSoup(text.content.decode(), "html.parser")
    counts = {}
    for name in FACETS:
        select = soup.find("select", attrs={"name": name})
        counts[name] = {
            option["value"]: int(COUNTED.match(option.get_text(strip=True))["count"])
            for option in select.find_all("option")[1:]
        }
    return counts


def html_titles(client, params) -> list[str]:
    text = client.get("/cases/", {("q" if k == "search" else k): v for k, v in params.items()})
    soup = BeautifulSoup(text.content.decode(), "html.parser")
    return [h2.get_text(strip=True) for h2 in soup.find_all(class_="caseclub-case-card__title")]


# The list


def test_the_list_gives_only_published_public_cases(client, library):
    data = get_json(client, "cases/")

    assert data["count"] == 4
    assert sorted(titles(data)) == sorted(
        [
            "Холодные батареи зимой",
            "Двойные начисления за вывоз мусора",
            "Разрушена детская площадка",
            "Протекает кровля после капремонта",
        ]
    )
    text = str(data)
    for hidden in ("Черновик", "Закрытый кейс", "Урюпинск", "Камышин", "Тема черновика"):
        assert hidden not in text


def test_an_item_has_the_fields_the_issue_names(client, library):
    garbage = library.cases["garbage"]

    data = get_json(client, "cases/", {"search": "мусора"})

    (item,) = data["items"]
    assert item == {
        "id": garbage.pk,
        "title": "Двойные начисления за вывоз мусора",
        "slug": garbage.slug,
        "url": "http://testserver" + garbage.url,
        "summary": garbage.summary,
        "status": {"code": "monitoring", "label": russian(CaseStatus.MONITORING.label)},
        "result": {"code": "partly_achieved", "label": russian(CaseResult.PARTLY_ACHIEVED.label)},
        "municipality": "Волгоград",
        "topics": [{"slug": "tarify", "name": "Тарифы и начисления"}],
        "first_appeal_on": "2025-02-03",
        "appeals_count": 2,
        "first_published_at": as_json(garbage.first_published_at),
        "last_published_at": as_json(garbage.last_published_at),
    }


def test_labels_follow_the_accept_language(client, library):
    data = get_json(client, "cases/", {"search": "мусора"}, accept_language="en")

    status = data["items"][0]["status"]
    assert status == {"code": "monitoring", "label": english(CaseStatus.MONITORING.label)}
    assert status["label"] != russian(CaseStatus.MONITORING.label)
    assert data["facets"]["result"][0]["label"] == english(CaseResult.PENDING.label)


FILTERS = [
    {},
    {"status": "resolved"},
    {"status": "new"},
    {"topic": "tarify"},
    {"topic": "kapremont"},
    {"municipality": "Волгоград"},
    {"result": "achieved"},
    {"year": "2025"},
    {"year": "2024"},
    {"topic": "tarify", "municipality": "Волгоград"},
    {"status": "monitoring", "topic": "tarify", "year": "2025"},
    {"search": "жильцы"},
    {"search": "кровли"},
    {"search": "тарифы", "status": "resolved"},
]


@pytest.mark.parametrize("params", FILTERS, ids=str)
def test_items_and_facets_are_those_of_the_html_library(client, library, params):
    data = get_json(client, "cases/", params)

    assert titles(data) == html_titles(client, params)
    assert data["count"] == len(titles(data))
    assert {name: facet_counts(data, name) for name in FACETS} == html_counts(client, params)


def test_facets_spelt_out_for_one_combination(client, library):
    data = get_json(client, "cases/", {"topic": "tarify", "status": "monitoring"})

    assert titles(data) == ["Двойные начисления за вывоз мусора"]
    # Status counts keep the topic, topic counts keep the status.
    assert facet_counts(data, "status") == {
        "new": 0,
        "in_progress": 0,
        "monitoring": 1,
        "resolved": 1,
        "unresolved": 0,
    }
    assert facet_counts(data, "topic") == {"kapremont": 1, "otoplenie": 0, "tarify": 1}
    assert facet_counts(data, "municipality") == {"Волгоград": 1, "Волжский": 0}
    assert facet_counts(data, "year") == {"2025": 1, "2024": 0}
    labels = {entry["value"]: entry["label"] for entry in data["facets"]["topic"]}
    assert labels["kapremont"] == "Капитальный ремонт"
    assert data["facets"]["status"][2]["label"] == russian(CaseStatus.MONITORING.label)


def test_a_value_no_published_case_has_finds_nothing(client, library):
    # The draft's topic, municipality and year exist, but no visitor sees a case with them.
    # A topic nobody has made finds nothing too, as on events/ and members/.
    for params in (
        {"topic": "chernovik"},
        {"topic": "no-such-topic"},
        {"municipality": "Урюпинск"},
        {"year": "2023"},
    ):
        data = get_json(client, "cases/", params)

        assert data["count"] == 0, params
        assert data["items"] == []
        assert sum(facet_counts(data, "result").values()) == 0


def test_orders_newest_and_updated(client, library):
    heating = library.cases["heating"]
    heating.save_revision().publish()  # republished: updated last, first published as before

    newest = titles(get_json(client, "cases/", {"order": "newest"}))
    updated = titles(get_json(client, "cases/", {"order": "updated"}))

    # Published in the order heating, garbage, yard, roof.
    roof, yard, garbage, heating = (
        "Протекает кровля после капремонта",
        "Разрушена детская площадка",
        "Двойные начисления за вывоз мусора",
        "Холодные батареи зимой",
    )
    assert newest == [roof, yard, garbage, heating]
    assert updated == [heating, roof, yard, garbage]


def test_an_empty_value_is_no_filter(client, library):
    everything = get_json(client, "cases/")

    empty = {name: "" for name in (*FACETS, "search", "order")}

    assert get_json(client, "cases/", empty) == everything


def test_limit_and_offset_page_the_list(client, library):
    everything = titles(get_json(client, "cases/"))

    first = get_json(client, "cases/", {"limit": 2})
    rest = get_json(client, "cases/", {"limit": 2, "offset": 2})

    assert first["count"] == rest["count"] == 4
    assert titles(first) + titles(rest) == everything
    assert get_json(client, "cases/", {"offset": 50})["items"] == []


BAD = [
    ({"status": "nonsense"}, "status"),
    ({"result": "won"}, "result"),
    ({"order": "oldest"}, "order"),
    ({"year": "abc"}, "year"),
    ({"year": "-5"}, "year"),
    ({"year": "99999999999999999999"}, "year"),
    ({"limit": "-1"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"limit": "100000"}, "limit"),
    ({"offset": "abc"}, "offset"),
    ({"offset": "-1"}, "offset"),
    ({"search": "кровля " * 1500}, "search"),
    ({"municipality": "Я" * 1000}, "municipality"),
    # PostgreSQL refuses a NUL in any text: it never reaches a query.
    ({"municipality": "Волгоград\x00"}, "municipality"),
    ({"topic": "\x00"}, "topic"),
    ({"search": "кровля\x00"}, "search"),
]


@pytest.mark.parametrize(("params", "parameter"), BAD, ids=lambda value: str(value)[:40])
def test_bad_input_is_a_problem_naming_the_parameter(client, library, params, parameter):
    problem = get_problem(client, "cases/", params)

    assert problem["status"] == 400
    assert problem["parameter"] == parameter
    # The detail names the parameter, or quotes the value it refuses.
    assert parameter in problem["detail"] or params[parameter] in problem["detail"]


def test_problems_are_written_in_the_request_language(client, library):
    message = "The parameter “%(name)s” has a value that is not accepted."

    russian_problem = get_problem(client, "cases/", {"year": "nope"})
    english_problem = get_problem(client, "cases/", {"year": "nope"}, accept_language="en")

    assert russian_problem["detail"] == in_russian(message, name="year")
    assert english_problem["detail"] == message % {"name": "year"}
    assert russian_problem["detail"] != english_problem["detail"]
    not_found = get_problem(client, "cases/999999/", status=404)
    assert not_found["detail"] == in_russian("No published case has this id.")


@pytest.mark.parametrize("case_id", ["0", "abc", "99999999999999999999", "-3"])
def test_a_malformed_id_is_a_problem(client, library, case_id):
    problem = get_problem(client, f"cases/{case_id}/")

    assert problem["parameter"] == "id"


def test_an_unknown_or_hidden_case_is_not_found(client, library):
    for case in (library.cases["draft"], library.cases["private"]):
        problem = get_problem(client, f"cases/{case.pk}/", status=404)
        assert problem["status"] == 404
        assert case.title not in str(problem)
    assert get_problem(client, "cases/999999/", status=404)["detail"]


def test_a_case_of_another_site_is_only_found_on_that_site(client, library):
    root = Page.get_first_root_node().add_child(instance=Page(title="Сайт Б", slug="site-b"))
    Site.objects.create(hostname="b.example.org", root_page=root)
    other = make_case_library(slug="b-cases")
    other.move(root, pos="last-child")
    case = make_case(CaseStudyIndexPage.objects.get(pk=other.pk), "Кейс сайта Б")

    on_a = get_json(client, "cases/")
    on_b = client.get(f"{API}cases/", headers={"host": "b.example.org"}).json()

    assert "Кейс сайта Б" not in titles(on_a)
    assert titles(on_b) == ["Кейс сайта Б"]
    get_problem(client, f"cases/{case.pk}/", status=404)
    found = client.get(f"{API}cases/{case.pk}/", headers={"host": "b.example.org"})
    assert found.json()["url"] == f"http://b.example.org/b-cases/{case.slug}/"


def test_a_saved_draft_of_a_published_case_never_appears(client, library):
    heating = CaseStudyPage.objects.get(pk=library.cases["heating"].pk)
    heating.title = "Новый заголовок черновика"
    heating.summary = "Текст черновика"
    heating.save_revision()

    listed = get_json(client, "cases/")
    detail = get_json(client, f"cases/{heating.pk}/")

    assert "черновика" not in str(listed) + str(detail)
    assert detail["title"] == "Холодные батареи зимой"


# The whole story


def test_the_detail_tells_the_whole_story(client, library, people):
    roof = library.cases["roof"]

    data = get_json(client, f"cases/{roof.pk}/")

    assert data["id"] == roof.pk
    assert data["problem"] == "<p>Подрядчик не устраняет дефекты по гарантии.</p>"
    assert data["appeals"] == [
        {
            "received_on": "2024-11-05",
            "channel": {"code": "letter", "label": russian(AppealChannel.LETTER.label)},
            "summary": "Письмо совета дома о протечках.",
        },
        {
            "received_on": "2024-11-20",
            "channel": {"code": "in_person", "label": russian(AppealChannel.IN_PERSON.label)},
            "summary": "Жильцы пришли на приём.",
        },
    ]
    assert data["appeals_count"] == 2
    assert data["first_appeal_on"] == "2024-11-05"
    assert data["timeline"] == [
        {
            "date": "2024-11-10",
            "status": {"code": "in_progress", "label": russian(CaseStatus.IN_PROGRESS.label)},
            "note": "Составлен акт осмотра.",
        },
        {
            "date": "2025-02-01",
            "status": {"code": "monitoring", "label": russian(CaseStatus.MONITORING.label)},
            "note": "Подрядчик приступил к ремонту.",
        },
    ]
    assert data["status"]["code"] == "monitoring"
    (scenario,) = data["scenarios"]
    assert scenario["title"] == "Дойдёт до суда"
    assert scenario["description"] == "<p>Суд назначит экспертизу.</p>"
    assert scenario["likelihood"]["code"] == "high"
    assert scenario["consequences"] == "Полгода ожидания"
    options = {option["title"]: option for option in data["solution_options"]}
    assert options["Претензия подрядчику"]["recommended"] is True
    assert options["Претензия подрядчику"]["chosen"] is False
    assert options["Жалоба в жилинспекцию"]["chosen"] is True
    assert options["Жалоба в жилинспекцию"]["legal_basis"] == "ЖК РФ, ст. 182"
    assert data["outcome"] == "<p>Ремонт начат.</p>"
    assert data["lessons"] == "<p>Фиксируйте протечки актом.</p>"


def test_practices_leave_out_hidden_cases_and_unsafe_links(client, library):
    roof, garbage = library.cases["roof"], library.cases["garbage"]

    practices = get_json(client, f"cases/{roof.pk}/")["practices"]

    assert [(p["type"], p["title"]) for p in practices] == [
        ("case", garbage.title),
        ("document", "Образец претензии"),
        ("resource", "Памятка"),
        ("resource", "Почта"),
    ]
    assert practices[0]["case_id"] == garbage.pk
    assert practices[0]["url"] == "http://testserver" + garbage.url
    assert practices[1]["url"].startswith("http://testserver/documents/")
    assert practices[2]["url"] == "https://example.org/pamyatka"
    # A mailto: link is an e-mail address: never published by the API.
    assert practices[3]["url"] == ""


def test_the_team_names_only_public_members(client, library, people):
    roof = library.cases["roof"]

    team = get_json(client, f"cases/{roof.pk}/")["team"]

    public = people["public"]
    assert team[0]["role"] == {"code": "mentor", "label": russian(CaseRole.MENTOR.label)}
    assert team[0]["name"] == public.name
    summary = team[0]["member"]
    assert summary["registry_number"] == public.registry_number
    assert summary["organization"] == "ТСЖ «Заря»"
    assert summary["kind"]["code"] == "person"
    assert summary["profile_url"] == f"http://testserver/members/{public.registry_number}/"
    assert summary["photo"]["url"].startswith("http://testserver/")
    assert summary["photo"]["width"] == summary["photo"]["height"] == 160
    assert summary["photo"]["alt"] == public.name
    for row in team[1:]:
        assert row["name"] == "участник клуба"
        assert row["member"] is None
    named = [row["member"]["registry_number"] for row in team if row["member"]]
    assert named == [public.registry_number]
    for hidden in (people["private"], people["ended"]):
        assert hidden.name not in str(team)


def test_the_team_in_english(client, library):
    roof = library.cases["roof"]

    team = get_json(client, f"cases/{roof.pk}/", accept_language="en")["team"]

    assert team[1]["name"] == english("club member") == "club member"


def test_related_cases_and_events_are_those_a_visitor_may_open(client, library):
    roof, heating = library.cases["roof"], library.cases["heating"]
    index = make_event_index()
    meeting = make_event(
        index, "Заседание о кровле", datetime.datetime(2025, 3, 5, 18), cases=[roof]
    )
    make_event(
        index, "Черновик заседания", datetime.datetime(2025, 4, 5, 18), cases=[roof], live=False
    )

    data = get_json(client, f"cases/{roof.pk}/")

    assert [case["title"] for case in data["related_cases"]] == [heating.title]
    assert data["related_cases"][0]["topics"] == [
        {"slug": "otoplenie", "name": "Отопление"},
        {"slug": "tarify", "name": "Тарифы и начисления"},
    ]
    assert data["events"] == [
        {
            "id": meeting.pk,
            "title": "Заседание о кровле",
            "url": "http://testserver" + meeting.url,
            "all_day": False,
            "start": "2025-03-05T18:00:00+03:00",
            "end": "2025-03-05T20:00:00+03:00",
        }
    ]
    # Named the other way round: the heating case lists the roof as related.
    back = get_json(client, f"cases/{heating.pk}/")["related_cases"]
    assert [case["title"] for case in back] == [roof.title]


# Privacy and caching


def test_no_contact_or_hidden_member_in_any_answer_or_the_description(client, library, people):
    answers = [
        str(get_json(client, "cases/")),
        *(
            str(get_json(client, f"cases/{case.pk}/"))
            for key, case in library.cases.items()
            if key not in ("draft", "private")
        ),
        openapi_text(client),
    ]
    for text in answers:
        for member in people.values():
            assert member.email not in text
            assert member.phone not in text
        assert people["private"].name not in text
        assert people["ended"].name not in text
        assert "someone@example.org" not in text


def test_the_description_lists_the_filters_values(client, library):
    schema = get_json(client, "openapi.json")

    parameters = {
        p["name"]: p for p in schema["paths"]["/api/caseclub/cases/"]["get"]["parameters"]
    }
    assert set(parameters) >= {
        "status",
        "topic",
        "municipality",
        "result",
        "year",
        "search",
        "order",
        "limit",
        "offset",
    }

    def enum(name):
        (listed,) = [part for part in parameters[name]["schema"]["anyOf"] if "enum" in part]
        return listed["enum"]

    assert enum("status") == CaseStatus.values
    assert enum("result") == CaseResult.values
    assert enum("order") == ["relevance", "newest", "updated"]
    assert "email" not in str(schema["components"]["schemas"]["CaseDetail"])


def test_an_unchanged_answer_is_not_sent_again(client, library):
    first = client.get(API + "cases/")
    again = client.get(API + "cases/", headers={"if-none-match": first["ETag"]})

    assert first["Cache-Control"] == "public, max-age=60"
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    library.cases["heating"].save_revision().publish()
    changed = client.get(API + "cases/", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200


# Queries do not grow with the library


def add_many(library, numbers, topics, member):
    """Published cases with appeals, a timeline, two topics and a team, in bulk."""
    statuses = CaseStatus.values
    for n in numbers:
        first = D(2020 + n % 6, 1 + n % 12, 1 + n % 28)
        published = timezone.now() - datetime.timedelta(days=n)
        case = CaseStudyPage(
            title=f"Жалоба жильцов № {n}",
            slug=f"many-{n}",
            summary=f"Жильцы дома {n} обратились в клуб.",
            municipality=["Волгоград", "Волжский", "Камышин"][n % 3],
            result=CaseResult.values[n % 4],
            first_published_at=published,
            last_published_at=published,
        )
        case.appeals = [CaseAppeal(received_on=first, channel="letter", summary="Обращение")]
        status = statuses[n % 5]
        case.timeline = [] if status == "new" else [CaseTimelineEntry(date=first, status=status)]
        case.topics = [topics[n % len(topics)], topics[(n + 1) % len(topics)]]
        library.add_child(instance=case)


def measure(client, big_case_pk):
    queries = []
    for path, params in [
        ("cases/", {}),
        ("cases/", {"limit": 100}),
        (
            "cases/",
            {"limit": 100, "search": "жильцы", "topic": "t1", "year": "2021", "order": "updated"},
        ),
        (f"cases/{big_case_pk}/", {}),
    ]:
        count, data = count_api_queries(client, path, params)
        queries.append((count, data))
    return queries


@pytest.mark.clock
def test_queries_do_not_grow_with_the_library(client, db, django_capture_on_commit_callbacks):
    topics = [TopicFactory(name=f"Тема {n}", slug=f"t{n}") for n in range(4)]
    members = [MemberFactory(public_profile=True, photo=ImageFactory()) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        library = make_case_library()
        make_directory()
        add_many(library, range(1, 11), topics, members[0])
        story = make_case(
            library,
            "Большой кейс",
            team=[(members[0], "mentor")],
            related=list(CaseStudyPage.objects.all()[:2]),
        )
    small = measure(client, story.pk)
    with django_capture_on_commit_callbacks(execute=True):
        add_many(library, range(11, 501), topics, members[0])
        story = make_case(
            library,
            "Большой кейс 2",
            team=[(member, "mentor") for member in members],
            related=list(CaseStudyPage.objects.all()[:50]),
            appeals=[(D(2025, 1, n), "letter", f"Обращение {n}") for n in range(1, 20)],
        )
    refresh_planner_statistics()
    large = measure(client, story.pk)

    assert CaseStudyPage.objects.count() == 502
    assert len(large[0][1]["items"]) == 20
    assert len(large[1][1]["items"]) == 100 > len(small[1][1]["items"])
    assert large[1][1]["count"] == 502
    assert len(large[3][1]["related_cases"]) > len(small[3][1]["related_cases"])
    assert len(large[3][1]["team"]) == 3
    assert [count for count, _ in large] == [count for count, _ in small]
