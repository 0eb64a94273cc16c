"""The members' directory API: public members only, in order, and never their contacts."""

import datetime
import html
import re

import pytest
from django.utils import translation

from caseclub_wagtail.core.search import index_objects
from caseclub_wagtail.models import Member, MemberCategory, MemberKind, MemberRole
from tests.factories import ImageFactory, MemberFactory, TopicFactory
from tests.support.api_reading import API, count_api_queries, get_json, get_problem, openapi_text

CARD_NAME = re.compile(
    r'<h2 class="caseclub-card__title"><a href="[^"]*">(?P<name>[^<]*)</a></h2>'
)


def russian(value) -> str:
    with translation.override("ru"):
        return str(value)


def english(value) -> str:
    with translation.override("en"):
        return str(value)


def terminated(**kwargs):
    return MemberFactory(
        status="terminated",
        terminated_on=datetime.date(2026, 1, 15),
        termination_ground="voluntary",
        **kwargs,
    )


@pytest.fixture
def topics(db):
    return {
        "repair": TopicFactory(name="Капитальный ремонт", slug="kapremont"),
        "tariffs": TopicFactory(name="Тарифы и начисления", slug="tarify"),
        "hidden": TopicFactory(name="Тема только скрытых", slug="skrytaya"),
    }


@pytest.fixture
def registry(directory, topics):
    """A chair, a deputy and three members in public, plus an unconsented and a former one."""
    return {
        "vasiliev": MemberFactory(
            name="Васильев Сергей",
            category="hoa",
            municipality="Волгоград",
            expertise=[topics["tariffs"]],
            public_profile=True,
        ),
        "antonov": MemberFactory(
            name="Антонов Илья",
            category="owner",
            municipality="Волгоград",
            expertise=[topics["repair"]],
            public_profile=True,
        ),
        "chair": MemberFactory(
            name="Яковлева Ольга",
            role="chair",
            category="mentor",
            municipality="Волжский",
            organization="Ресурсный центр",
            bio="<p>Юрист, <b>20 лет</b> в ЖКХ.</p>",
            website="https://yakovleva.example.org/",
            photo=ImageFactory(title="DSC_0042.png"),
            public_profile=True,
        ),
        "deputy": MemberFactory(
            name="Белова Мария",
            role="deputy_chair",
            category="hoa",
            kind="organization",
            organization="ТСЖ «Дзержинец»",
            municipality="Волжский",
            expertise=[topics["repair"], topics["tariffs"]],
            website="mailto:belova@example.org",
            public_profile=True,
        ),
        "gromova": MemberFactory(
            name="Громова Елена",
            category="housing_inspector",
            municipality="Камышин",
            website="javascript:alert(1)",
            public_profile=True,
        ),
        "hidden": MemberFactory(
            name="Скрытая Анна",
            category="hoa",
            municipality="Тайный посёлок",
            public_profile=False,
            expertise=[topics["hidden"]],
        ),
        "former": terminated(
            name="Бывший Олег",
            category="hoa",
            municipality="Михайловка",
            public_profile=True,
        ),
    }


ORDER = ["Яковлева Ольга", "Белова Мария", "Антонов Илья", "Васильев Сергей", "Громова Елена"]


def names(data) -> list[str]:
    return [item["name"] for item in data["items"]]


def html_names(client, params) -> list[str]:
    query = {("q" if name == "search" else name): value for name, value in params.items()}
    text = client.get("/members/", query).content.decode()
    return [html.unescape(match["name"]) for match in CARD_NAME.finditer(text)]


def test_the_directory_lists_public_members_leadership_first(client, registry):
    data = get_json(client, "members/")

    assert data["count"] == 5
    assert names(data) == ORDER
    assert names(data) == html_names(client, {})


def test_an_item_has_the_fields_the_issue_names(client, registry):
    chair = registry["chair"]

    item = get_json(client, f"members/{chair.registry_number}/")

    photo = item.pop("photo")
    assert item == {
        "registry_number": chair.registry_number,
        "name": "Яковлева Ольга",
        "kind": {"code": "person", "label": russian(MemberKind.PERSON.label)},
        "organization": "Ресурсный центр",
        "municipality": "Волжский",
        "category": {"code": "mentor", "label": russian(MemberCategory.MENTOR.label)},
        "role": {"code": "chair", "label": russian(MemberRole.CHAIR.label)},
        "expertise": [],
        "bio": "<p>Юрист, <b>20 лет</b> в ЖКХ.</p>",
        "website": "https://yakovleva.example.org/",
        "profile_url": f"http://testserver/members/{chair.registry_number}/",
    }
    assert photo["url"].startswith("http://testserver/media/images/")
    assert (photo["width"], photo["height"]) == (160, 160)
    assert photo["alt"] == "Яковлева Ольга"
    assert client.get(item["profile_url"]).status_code == 200
    listed = get_json(client, "members/")["items"][0]
    assert listed == {**item, "photo": photo}


def test_expertise_and_kind_of_an_organisation(client, registry):
    deputy = get_json(client, f"members/{registry['deputy'].registry_number}/")

    assert deputy["kind"] == {
        "code": "organization",
        "label": russian(MemberKind.ORGANIZATION.label),
    }
    assert deputy["expertise"] == [
        {"slug": "kapremont", "name": "Капитальный ремонт"},
        {"slug": "tarify", "name": "Тарифы и начисления"},
    ]
    assert deputy["photo"] is None


def test_a_website_is_given_only_when_it_is_a_web_address(client, registry):
    websites = {item["name"]: item["website"] for item in get_json(client, "members/")["items"]}

    # A mailto: link is an e-mail address; a javascript: link is no website at all.
    assert websites["Белова Мария"] == ""
    assert websites["Громова Елена"] == ""


def test_labels_follow_the_accept_language(client, registry):
    chair = registry["chair"]

    item = get_json(client, f"members/{chair.registry_number}/", accept_language="en")

    assert item["role"] == {"code": "chair", "label": english(MemberRole.CHAIR.label)}
    assert item["category"]["label"] == english(MemberCategory.MENTOR.label)
    assert english(MemberRole.CHAIR.label) != russian(MemberRole.CHAIR.label)


FILTERS = [
    ({"category": "hoa"}, ["Белова Мария", "Васильев Сергей"]),
    ({"role": "deputy_chair"}, ["Белова Мария"]),
    ({"role": "member"}, ["Антонов Илья", "Васильев Сергей", "Громова Елена"]),
    ({"topic": "tarify"}, ["Белова Мария", "Васильев Сергей"]),
    ({"municipality": "Волгоград"}, ["Антонов Илья", "Васильев Сергей"]),
    ({"search": "дзержинец"}, ["Белова Мария"]),
    ({"search": "ВОЛЖСК"}, ["Яковлева Ольга", "Белова Мария"]),
    ({"category": "hoa", "topic": "kapremont"}, ["Белова Мария"]),
    ({"role": "member", "municipality": "Волгоград", "topic": "kapremont"}, ["Антонов Илья"]),
    ({"search": "скрытая"}, []),
    ({"search": "бывший"}, []),
    # Values only hidden members have: nothing, where the HTML directory ignores them.
    ({"topic": "skrytaya"}, []),
    ({"topic": "no-such-topic"}, []),
    ({"municipality": "Михайловка"}, []),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS, ids=str)
def test_filters_narrow_the_list_and_combine(client, registry, params, expected):
    data = get_json(client, "members/", params)

    # A search lists the most relevant first (tests/members/test_search.py): here, who.
    listed = sorted(names(data)) if "search" in params else names(data)
    assert listed == (sorted(expected) if "search" in params else expected)
    assert data["count"] == len(expected)


# The HTML directory has no role filter, and ignores values that no public member has.
HTML_FILTERS = [params for params, _expected in FILTERS[:11] if "role" not in params]


@pytest.mark.parametrize("params", HTML_FILTERS, ids=str)
def test_filters_agree_with_the_html_directory(client, registry, params):
    assert names(get_json(client, "members/", params)) == html_names(client, params)


def test_an_empty_value_is_no_filter(client, registry):
    empty = {name: "" for name in ("category", "role", "topic", "municipality", "search")}

    assert names(get_json(client, "members/", empty)) == ORDER


def test_limit_and_offset_page_the_list(client, registry):
    first = get_json(client, "members/", {"limit": 2})
    rest = get_json(client, "members/", {"limit": 2, "offset": 2})

    assert first["count"] == rest["count"] == 5
    assert names(first) + names(rest) == ORDER[:4]


BAD = [
    ({"category": "nonsense"}, "category"),
    ({"role": "president"}, "role"),
    ({"limit": "-1"}, "limit"),
    ({"limit": "100000"}, "limit"),
    ({"offset": "abc"}, "offset"),
    ({"search": "а" * 10_000}, "search"),
    ({"municipality": "\x00"}, "municipality"),
]


@pytest.mark.parametrize(("params", "parameter"), BAD, ids=lambda value: str(value)[:40])
def test_bad_input_is_a_problem_naming_the_parameter(client, registry, params, parameter):
    problem = get_problem(client, "members/", params)

    assert problem["status"] == 400
    assert problem["parameter"] == parameter


@pytest.mark.parametrize("number", ["abc", "0", "-1", "99999999999999999999"])
def test_a_malformed_number_is_a_problem(client, registry, number):
    assert get_problem(client, f"members/{number}/")["parameter"] == "registry_number"


def test_anyone_not_public_is_not_found(client, registry):
    for key in ("hidden", "former"):
        member = registry[key]

        problem = get_problem(client, f"members/{member.registry_number}/", status=404)

        assert problem["status"] == 404
        assert member.name not in str(problem)
    get_problem(client, "members/99999/", status=404)


def test_contacts_and_hidden_members_appear_in_no_answer_nor_the_description(client, registry):
    answers = [
        str(get_json(client, "members/", {"limit": 100})),
        *(
            str(get_json(client, f"members/{member.registry_number}/"))
            for member in Member.objects.public()
        ),
        openapi_text(client),
    ]
    for text in answers:
        for member in registry.values():
            assert member.email not in text
            assert member.phone not in text
        for hidden in ("Скрытая Анна", "Бывший Олег", "Тайный посёлок", "Михайловка"):
            assert hidden not in text
        assert "belova@example.org" not in text
    schema = get_json(client, "openapi.json")
    for name in ("MemberOut", "MemberSummary", "MemberList"):
        text = str(schema["components"]["schemas"][name])
        assert "email" not in text
        assert "phone" not in text


def test_a_photo_whose_file_was_lost_is_left_out(client, directory):
    lost = MemberFactory(name="Фомин Глеб", photo=ImageFactory(), public_profile=True)
    lost.photo.file.storage.delete(lost.photo.file.name)

    item = get_json(client, f"members/{lost.registry_number}/")

    assert item["photo"] is None


def test_without_a_directory_there_is_no_profile_url(client, db):
    member = MemberFactory(public_profile=True)

    assert get_json(client, f"members/{member.registry_number}/")["profile_url"] is None


def test_an_unchanged_answer_is_not_sent_again(client, registry):
    first = client.get(API + "members/")

    again = client.get(API + "members/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    registry["antonov"].name = "Антонов Илья Петрович"
    registry["antonov"].save()
    assert (
        client.get(API + "members/", headers={"if-none-match": first["ETag"]}).status_code == 200
    )


# Queries do not grow with the registry


def add_members(numbers, topics, photos):
    """Public members in bulk, each with two topics and a photo (quicker than one by one)."""
    members = Member.objects.bulk_create(
        Member(
            registry_number=10_000 + n,
            name=f"Участник {n:04d}",
            municipality=["Волгоград", "Волжский"][n % 2],
            category="owner",
            role="member",
            public_profile=True,
            photo=photos[n % len(photos)],
            email=f"m{n}@example.org",
        )
        for n in numbers
    )
    through = Member.expertise.through
    through.objects.bulk_create(
        through(member_id=member.pk, topic_id=topic.pk)
        for n, member in enumerate(members)
        for topic in (topics[n % len(topics)], topics[(n + 1) % len(topics)])
    )
    # Created in bulk, so no signal indexed them: as the benchmark does.
    index_objects(Member.objects.filter(pk__in=[member.pk for member in members]))


def measure(client, number):
    return [
        count_api_queries(client, path, params)
        for path, params in [
            ("members/", {}),
            ("members/", {"limit": 100}),
            (
                "members/",
                {
                    "limit": 100,
                    "search": "участник",
                    "municipality": "Волгоград",
                    "topic": "t1",
                    "category": "owner",
                    "role": "member",
                },
            ),
            (f"members/{number}/", {}),
        ]
    ]


def test_queries_do_not_grow_with_the_registry(client, directory):
    topics = [TopicFactory(name=f"Тема {n}", slug=f"t{n}") for n in range(4)]
    photos = ImageFactory.create_batch(3)
    add_members(range(10), topics, photos)
    small = measure(client, 10_001)
    add_members(range(10, 500), topics, photos)
    large = measure(client, 10_001)

    assert large[1][1]["count"] == 500
    assert len(large[1][1]["items"]) == 100 > len(small[1][1]["items"])
    assert len(large[0][1]["items"]) == 20
    assert all(item["photo"] for item in large[1][1]["items"])
    assert large[2][1]["count"] > small[2][1]["count"] > 0
    assert [count for count, _ in large] == [count for count, _ in small]
