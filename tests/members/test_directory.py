"""The public member directory and member profiles, as a visitor sees them."""

import copy
import datetime
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils.html import escape
from django.utils.text import capfirst

from tests.factories import ImageFactory, MemberFactory, MemberRewardFactory, TopicFactory
from tests.support.queries import count_queries

STYLESHEET = "caseclub_wagtail/css/caseclub_wagtail.css"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
CARD_LINK = re.compile(
    r'<h2 class="caseclub-card__title"><a href="(?P<href>[^"]*)">(?P<name>[^<]*)</a></h2>'
)
NEXT_LINK = re.compile(r'<a href="(?P<href>[^"]*)" rel="next">')
PREVIOUS_LINK = re.compile(r'<a href="(?P<href>[^"]*)" rel="prev">')


def page_html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def cards(text):
    """The (link, name) of each member card on a directory page, in page order."""
    return [(html.unescape(m["href"]), html.unescape(m["name"])) for m in CARD_LINK.finditer(text)]


def names(text):
    return [name for _, name in cards(text)]


def terminated(**kwargs):
    return MemberFactory(
        status="terminated",
        terminated_on=datetime.date(2026, 1, 15),
        termination_ground="voluntary",
        **kwargs,
    )


@pytest.fixture
def host_templates(settings):
    """Let a test name the host base templates kept in tests/templates."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates


@pytest.fixture
def topics(db):
    return {
        "repair": TopicFactory(name="Капитальный ремонт", slug="kapremont"),
        "tariffs": TopicFactory(name="Тарифы и начисления", slug="tarify"),
        "hidden": TopicFactory(name="Тема только скрытых", slug="skrytaya"),
    }


@pytest.fixture
def registry(directory, topics):
    """Four public members, plus an unconsented and a former member."""
    return {
        "antonov": MemberFactory(
            name="Антонов Илья",
            category="owner",
            municipality="Волгоград",
            expertise=[topics["repair"]],
            public_profile=True,
        ),
        "belova": MemberFactory(
            name="Белова Мария",
            category="hoa",
            organization="ТСЖ «Дзержинец»",
            municipality="Волжский",
            expertise=[topics["repair"], topics["tariffs"]],
            public_profile=True,
        ),
        "vasiliev": MemberFactory(
            name="Васильев Сергей",
            category="hoa",
            municipality="Волгоград",
            expertise=[topics["tariffs"]],
            public_profile=True,
        ),
        "gromova": MemberFactory(
            name="Громова Елена",
            category="housing_inspector",
            municipality="Камышин",
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


ALL_PUBLIC = ["Антонов Илья", "Белова Мария", "Васильев Сергей", "Громова Елена"]


# What is listed, and what never is


def test_directory_lists_only_active_members_with_a_public_profile(client, registry):
    text = page_html(client, "/members/")

    assert cards(text) == [
        (f"/members/{registry[key].registry_number}/", registry[key].name)
        for key in ("antonov", "belova", "vasiliev", "gromova")
    ]
    for key in ("hidden", "former"):
        assert registry[key].name not in text
        assert f"/members/{registry[key].registry_number}/" not in text


def test_filters_offer_nothing_that_only_hidden_members_have(client, registry):
    text = page_html(client, "/members/")

    assert "Волжский" in text and "Камышин" in text
    assert "Тайный посёлок" not in text
    assert "Михайловка" not in text
    assert "Тема только скрытых" not in text
    assert 'value="skrytaya"' not in text


def test_contact_details_are_never_published(client, directory, topics):
    members = [
        MemberFactory(
            role="chair",
            bio="<p>Председатель клуба</p>",
            expertise=[topics["repair"]],
            public_profile=True,
        ),
        MemberFactory(role="deputy_chair", website="https://tsj.example.ru/", public_profile=True),
        MemberFactory(
            kind="organization",
            name="ТСН «Родник»",
            organization="ТСН «Родник»",
            public_profile=True,
        ),
    ]
    for member in members:
        MemberRewardFactory(member=member)
    pages = ["/members/"] + [f"/members/{m.registry_number}/" for m in members]

    for url in pages:
        text = page_html(client, url)
        for member in members:
            assert member.email and member.email not in text
            assert member.phone and member.phone not in text
        assert "mailto:" not in text
        assert "tel:" not in text


def test_leadership_comes_first_then_members_by_name(client, directory):
    MemberFactory(name="Абрамов Денис", public_profile=True)
    MemberFactory(name="Ярцева Ольга", role="deputy_chair", public_profile=True)
    MemberFactory(name="Щукин Павел", role="chair", public_profile=True)
    MemberFactory(name="Ветров Антон", public_profile=True)
    MemberFactory(name="Борисова Нина", role="deputy_chair", public_profile=True)

    assert names(page_html(client, "/members/")) == [
        "Щукин Павел",
        "Борисова Нина",
        "Ярцева Ольга",
        "Абрамов Денис",
        "Ветров Антон",
    ]


# Filters and search


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "hoa"}, ["Белова Мария", "Васильев Сергей"]),
        ({"category": "housing_inspector"}, ["Громова Елена"]),
        ({"topic": "kapremont"}, ["Антонов Илья", "Белова Мария"]),
        ({"topic": "tarify"}, ["Белова Мария", "Васильев Сергей"]),
        ({"municipality": "Волгоград"}, ["Антонов Илья", "Васильев Сергей"]),
        ({"municipality": "Волжский"}, ["Белова Мария"]),
        ({"category": "hoa", "municipality": "Волгоград"}, ["Васильев Сергей"]),
        ({"category": "hoa", "topic": "kapremont"}, ["Белова Мария"]),
        ({"topic": "tarify", "municipality": "Волгоград"}, ["Васильев Сергей"]),
        ({"category": "hoa", "topic": "tarify", "municipality": "Волжский"}, ["Белова Мария"]),
        ({"category": "owner", "municipality": "Камышин"}, []),
        ({"category": "hoa", "q": "белова"}, ["Белова Мария"]),
        ({"category": "owner", "q": "белова"}, []),
    ],
)
def test_filters_narrow_the_list_and_combine(client, registry, params, expected):
    assert names(page_html(client, "/members/", **params)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the name, in any case
        ("иванов", ["Иванов Пётр"]),
        ("ИВАНОВ", ["Иванов Пётр"]),
        ("Иванов Пётр", ["Иванов Пётр"]),
        ("пётр", ["Иванов Пётр"]),
        ("петр", ["Иванов Пётр"]),
        ("  иванов  ", ["Иванов Пётр"]),
        # the organisation
        ("дзержинец", ["Белова Мария"]),
        ("тсж «ДЗЕРЖИНЕЦ»", ["Белова Мария"]),
        # the municipality
        ("камышин", ["Громова Елена"]),
        ("волжск", ["Белова Мария"]),
        ("ВОЛГОГРАДЕ", ["Антонов Илья", "Васильев Сергей", "Иванов Пётр"]),
        # nothing matches
        ("сидоров", []),
        ("%' OR 1=1 --", []),
        # a hidden member is not found by name, nor a former one
        ("скрытая", []),
        ("бывший", []),
    ],
)
def test_search_matches_name_organisation_and_municipality_in_any_case(
    client, registry, query, expected
):
    MemberFactory(
        name="Иванов Пётр", municipality="Волгоград", category="citizen", public_profile=True
    )

    # Found, in any order: a search lists the most relevant first (tests/members/test_search).
    assert sorted(names(page_html(client, "/members/", q=query))) == expected


# Bad input


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "9999"},
        {"page": "0"},
        {"page": "-1"},
        {"category": "nonsense"},
        {"topic": "nope"},
        {"topic": "skrytaya"},
        {"municipality": "Nowhere"},
        {"municipality": "Тайный посёлок"},
        {"q": "я" * 5000},
        {"category": "nonsense", "topic": "nope", "municipality": "Nowhere", "page": "x"},
        {"q": "\x00"},
        {"category": "\x00"},
        {"topic": "\x00"},
        {"municipality": "\x00"},
        {"page": "\x00"},
    ],
)
def test_bad_input_shows_the_unfiltered_list(client, registry, params):
    assert names(page_html(client, "/members/", **params)) == ALL_PUBLIC


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "nonsense", "municipality": "Волжский"}, ["Белова Мария"]),
        ({"topic": "nope", "category": "housing_inspector"}, ["Громова Елена"]),
        ({"municipality": "Nowhere", "topic": "tarify"}, ["Белова Мария", "Васильев Сергей"]),
    ],
)
def test_an_unknown_filter_value_leaves_the_valid_ones_applied(client, registry, params, expected):
    assert names(page_html(client, "/members/", **params)) == expected


def test_topic_with_a_slug_made_from_its_russian_name_filters(client, registry):
    topic = TopicFactory(name="Управление МКД", slug="")
    MemberFactory(name="Дмитриев Юрий", expertise=[topic], public_profile=True)

    text = page_html(client, "/members/", topic=topic.slug)

    assert topic.slug == "управление-мкд"
    assert names(text) == ["Дмитриев Юрий"]
    assert f'value="{topic.slug}" selected' in text


# Pagination


@pytest.fixture
def two_per_page(settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "MEMBERS_PER_PAGE": 2}


def follow(link_match):
    return "/members/" + html.unescape(link_match["href"])


def test_pages_split_the_list(client, registry, two_per_page):
    MemberFactory(name="Дмитриев Юрий", public_profile=True)
    everyone = [*ALL_PUBLIC, "Дмитриев Юрий"]

    first = page_html(client, "/members/")
    second = page_html(client, follow(NEXT_LINK.search(first)))
    third = page_html(client, follow(NEXT_LINK.search(second)))

    assert [names(first), names(second), names(third)] == [
        everyone[0:2],
        everyone[2:4],
        everyone[4:5],
    ]
    assert NEXT_LINK.search(third) is None
    assert PREVIOUS_LINK.search(first) is None
    assert names(page_html(client, follow(PREVIOUS_LINK.search(third)))) == everyone[2:4]
    assert names(page_html(client, "/members/", page="9999")) == everyone[4:5]
    assert names(page_html(client, "/members/", page="abc")) == everyone[0:2]


def test_the_next_page_link_keeps_the_filters(client, registry, topics, two_per_page):
    for name, organization in [
        ("Дмитриев Юрий", ""),
        ("Егорова Вера", "ТСЖ «Заря»"),
        ("Жуков Лев", "ТСЖ «Берег»"),
    ]:
        MemberFactory(
            name=name,
            organization=organization,
            category="hoa",
            expertise=[topics["tariffs"]],
            public_profile=True,
        )
    MemberFactory(
        name="Зайцев Ян", category="owner", expertise=[topics["tariffs"]], public_profile=True
    )
    params = {"category": "hoa", "topic": "tarify", "q": "тсж"}

    first = page_html(client, "/members/", **params)
    link = follow(NEXT_LINK.search(first))
    second = page_html(client, link)

    query = parse_qs(urlsplit(link).query)
    assert query == {"category": ["hoa"], "topic": ["tarify"], "q": ["тсж"], "page": ["2"]}
    # The three members of a ТСЖ with that expertise, most relevant first, over two pages.
    assert len(names(first)) == 2
    assert sorted(names(first) + names(second)) == ["Белова Мария", "Егорова Вера", "Жуков Лев"]
    assert NEXT_LINK.search(second) is None
    back = parse_qs(urlsplit(follow(PREVIOUS_LINK.search(second))).query)
    assert back == {"category": ["hoa"], "topic": ["tarify"], "q": ["тсж"], "page": ["1"]}


def test_one_page_has_no_page_links(client, registry, two_per_page):
    text = page_html(client, "/members/", category="hoa")

    assert names(text) == ["Белова Мария", "Васильев Сергей"]
    assert NEXT_LINK.search(text) is None and PREVIOUS_LINK.search(text) is None


# Photos


def test_photos_are_shown_on_cards_and_profiles(client, directory):
    member = MemberFactory(name="Фомин Глеб", photo=ImageFactory(), public_profile=True)
    rendition = member.photo.get_rendition("fill-160x160")

    for url in ("/members/", f"/members/{member.registry_number}/"):
        text = page_html(client, url)
        assert f'src="{rendition.url}" width="160" height="160"' in text


def test_a_photo_whose_file_was_lost_does_not_break_the_pages(client, directory):
    """After a move to a new server without the media folder, the pages still open."""
    lost = MemberFactory(name="Фомин Глеб", photo=ImageFactory(), public_profile=True)
    MemberFactory(name="Харитонова Зоя", photo=ImageFactory(), public_profile=True)
    lost.photo.file.storage.delete(lost.photo.file.name)

    assert names(page_html(client, "/members/")) == ["Фомин Глеб", "Харитонова Зоя"]
    assert "<h1>Фомин Глеб</h1>" in page_html(client, f"/members/{lost.registry_number}/")


# Profiles


def test_a_public_profile_shows_what_the_member_agreed_to_publish(client, directory, topics):
    member = MemberFactory(
        name="Кузнецова Дарья",
        organization="Ассоциация «Чистый дом»",
        municipality="Урюпинск",
        category="volunteer_expert",
        role="deputy_chair",
        bio="<p>Юрист, <b>десять лет</b> консультирует советы МКД.</p>",
        website="https://chistydom.example.ru/",
        expertise=[topics["repair"], topics["tariffs"]],
        public_profile=True,
    )
    MemberRewardFactory(member=member, title="Почётная грамота", reason="За наставничество")
    MemberRewardFactory(member=member, title="Благодарность", reason="За разбор кейса о тарифах")

    text = page_html(client, f"/members/{member.registry_number}/")

    for shown in (
        "Кузнецова Дарья",
        escape(capfirst(member.get_category_display())),
        "Ассоциация «Чистый дом»",
        "Урюпинск",
        "Капитальный ремонт",
        "Тарифы и начисления",
        "Юрист, <b>десять лет</b> консультирует советы МКД.",
        "Почётная грамота",
        "За наставничество",
        "Благодарность",
        "За разбор кейса о тарифах",
        'href="https://chistydom.example.ru/"',
        f"<dd>{member.registry_number}</dd>",
    ):
        assert shown in text
    assert "<title>Кузнецова Дарья" in text
    assert 'href="/members/"' in text


def test_each_card_links_to_a_working_profile(client, registry):
    for href, name in cards(page_html(client, "/members/")):
        assert f"<h1>{name}</h1>" in page_html(client, href)


@pytest.mark.parametrize(
    "url",
    [
        "/members/{hidden}/",
        "/members/{former}/",
        "/members/{unknown}/",
        "/members/0/",
        "/members/abc/",
        "/members/-1/",
        "/members/0{antonov}/",
        "/members/1234567890/",
        "/members/99999999999999999999999/",
    ],
)
def test_only_public_profiles_exist(client, registry, url):
    numbers = {key: member.registry_number for key, member in registry.items()}
    numbers["unknown"] = max(numbers.values()) + 1

    assert client.get(url.format(**numbers)).status_code == 404


# Queries


def add_members(numbers, topics):
    """Members with two topics each, and a photo for every tenth one, listed in number order."""
    for i in numbers:
        MemberFactory(
            name=f"Участник {i:03d}",
            expertise=[topics[i % len(topics)], topics[(i + 1) % len(topics)]],
            photo=ImageFactory() if i % 10 == 0 else None,
            public_profile=True,
        )


@pytest.mark.parametrize(
    ("per_page", "query"),
    [(None, ""), (1000, ""), (1000, "?q=участник&municipality=Волгоград")],
)
def test_directory_queries_do_not_grow_with_the_registry(
    client, directory, settings, per_page, query
):
    if per_page:
        settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "MEMBERS_PER_PAGE": per_page}
    topics = TopicFactory.create_batch(5)
    url = "/members/" + query

    add_members(range(0, 10), topics)
    small, small_html = count_queries(client, url)
    add_members(range(10, 300), topics)
    large, large_html = count_queries(client, url)

    assert len(cards(small_html)) == 10
    assert len(cards(large_html)) == (300 if per_page else 24)
    assert large_html.count('class="caseclub-card__photo"') >= 3
    assert large == small


def test_profile_queries_do_not_grow_with_rewards_and_topics(client, directory):
    topics = TopicFactory.create_batch(12)
    modest = MemberFactory(expertise=topics[:1], photo=ImageFactory(), public_profile=True)
    MemberRewardFactory(member=modest)
    decorated = MemberFactory(expertise=topics, photo=ImageFactory(), public_profile=True)
    MemberRewardFactory.create_batch(12, member=decorated)

    modest_count, _ = count_queries(client, f"/members/{modest.registry_number}/")
    decorated_count, text = count_queries(client, f"/members/{decorated.registry_number}/")

    assert text.count("<strong>Благодарственное письмо</strong>") == 12
    assert all(topic.name in text for topic in topics)
    assert decorated_count == modest_count


# The host site's look


@pytest.fixture
def chair(directory):
    return MemberFactory(name="Щукин Павел", role="chair", public_profile=True)


@pytest.mark.parametrize("url", ["/members/", "/members/{number}/"])
def test_pages_wear_the_host_base_template(client, chair, url):
    text = page_html(client, url.format(number=chair.registry_number))

    assert '<main id="main"' in text
    assert 'class="site-footer"' in text
    assert "Щукин Павел" in text[text.index('<main id="main"') :]
    assert text.count(STYLESHEET) == 1
    assert text.index(STYLESHEET) < text.index("</head>")


@pytest.mark.parametrize("url", ["/members/", "/members/{number}/"])
def test_stylesheet_goes_into_the_content_when_the_base_has_no_css_block(
    client, chair, settings, host_templates, url
):
    settings.CASECLUB_WAGTAIL = {"BASE_TEMPLATE": "host_without_extra_css.html"}

    text = page_html(client, url.format(number=chair.registry_number))

    assert '<main id="main"' not in text
    assert text.count(STYLESHEET) == 1
    content = text.index('<div id="host-content">')
    assert text.index("</head>") < content < text.index(STYLESHEET)
    assert "Щукин Павел" in text[text.index(STYLESHEET) :]


@pytest.mark.parametrize("url", ["/members/", "/members/{number}/"])
def test_stylesheet_goes_into_the_head_when_the_base_has_a_css_block(
    client, chair, settings, host_templates, url
):
    settings.CASECLUB_WAGTAIL = {"BASE_TEMPLATE": "host_with_extra_css.html"}

    text = page_html(client, url.format(number=chair.registry_number))

    assert '<div id="host-with-css-block">' in text
    assert text.count(STYLESHEET) == 1
    assert text.index('<link rel="stylesheet" href="/static/host.css">') < text.index(STYLESHEET)
    assert text.index(STYLESHEET) < text.index("</head>")
    assert "Щукин Павел" in text[text.index('<div id="host-with-css-block">') :]
