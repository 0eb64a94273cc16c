"""The public event pages: listings, the month grid and the event page, as a visitor sees them."""

import datetime
import html
import json
import re
import zoneinfo
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from caseclub_wagtail.events import event_page
from caseclub_wagtail.models import (
    EventOccurrence,
)
from tests.factories import (
    ImageFactory,
    MemberFactory,
    TopicFactory,
    make_event,
    make_event_index,
    wall,
)
from tests.support.queries import count_queries

# Every test here reads the clock: events are placed days and months from today.
pytestmark = pytest.mark.clock

VOLGOGRAD = "Europe/Volgograd"
TITLE_LINK = re.compile(
    r'<h2 class="caseclub-event__title"><a href="(?P<href>[^"]*)">(?P<title>[^<]*)</a></h2>'
)
JSON_LD = re.compile(r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.S)
OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


# Building pages, as an editor would publish them


def month_ahead(months) -> datetime.date:
    """The first day of the month ``months`` after this one."""
    first = timezone.localdate().replace(day=1)
    for _ in range(months):
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return first


def get_html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def titles(text):
    return [html.unescape(m["title"]) for m in TITLE_LINK.finditer(text)]


def json_ld(text):
    (data,) = [json.loads(m["data"]) for m in JSON_LD.finditer(text)]
    return data


def translated(message):
    """``message`` as a visitor of the (Russian-language) site reads it."""
    with translation.override("ru"):
        return gettext(message)


@pytest.fixture
def index(db):
    return make_event_index()


@pytest.fixture
def topics(db):
    return {
        "repair": TopicFactory(name="Капитальный ремонт", slug="kapremont"),
        "tariffs": TopicFactory(name="Тарифы и начисления", slug="tarify"),
    }


# Upcoming and past lists


def test_upcoming_events_come_soonest_first_and_past_ones_stay_off(client, index):
    make_event(index, "Третье заседание", wall(3))
    make_event(index, "Первое заседание", wall(1))
    make_event(index, "Второе заседание", wall(2))
    make_event(index, "Прошедшее заседание", wall(-2))

    text = get_html(client, "/events/")

    assert titles(text) == ["Первое заседание", "Второе заседание", "Третье заседание"]
    assert "Прошедшее заседание" not in text


def test_past_events_come_latest_first_with_a_link_to_the_report(client, index):
    week_ago = make_event(index, "Неделю назад", wall(-7), report="<p>Обсудили тарифы.</p>")
    make_event(index, "Вчера", wall(-1))
    make_event(index, "Месяц назад", wall(-30))
    make_event(index, "Завтра", wall(1))

    text = get_html(client, "/events/past/")

    assert titles(text) == ["Вчера", "Неделю назад", "Месяц назад"]
    assert text.count("#caseclub-report") == 1
    assert f'href="{week_ago.url}#caseclub-report"' in text


def test_an_event_on_its_last_day_is_still_upcoming(client, index):
    make_event(
        index,
        "Стажировка",
        datetime.datetime.combine(
            timezone.localdate() - datetime.timedelta(days=2), datetime.time()
        ),
        datetime.datetime.combine(timezone.localdate(), datetime.time()),
        all_day=True,
        kind="internship",
    )

    assert titles(get_html(client, "/events/")) == ["Стажировка"]
    assert titles(get_html(client, "/events/past/")) == []


def test_a_repeating_event_is_listed_once_per_date(client, index):
    make_event(index, "Еженедельная встреча", wall(1), repeat="weekly", repeat_count=4)

    assert titles(get_html(client, "/events/")) == ["Еженедельная встреча"] * 4


def test_cancelled_events_and_dates_stay_visible_and_marked(client, index):
    make_event(
        index, "Отменённый мастер-класс", wall(2), status="cancelled", status_note="Болезнь"
    )
    start = wall(1)
    make_event(
        index,
        "Клуб по четвергам",
        start,
        repeat="weekly",
        repeat_count=3,
        changes=[
            {"original_date": start.date() + datetime.timedelta(days=7), "note": "Праздник"},
            {
                "original_date": start.date() + datetime.timedelta(days=14),
                "action": "move",
                "new_date": start.date() + datetime.timedelta(days=15),
                "note": "Перенесли на пятницу",
            },
        ],
    )

    text = get_html(client, "/events/")

    assert titles(text) == [
        "Клуб по четвергам",
        "Отменённый мастер-класс",
        "Клуб по четвергам",
        "Клуб по четвергам",
    ]
    items = text.split('<li class="caseclub-event')[1:]
    cancelled = [item for item in items if item.startswith(" caseclub-event--cancelled")]
    assert len(cancelled) == 2
    assert all(translated("Cancelled") in item for item in cancelled)
    assert "Болезнь" in cancelled[0] and "Праздник" in cancelled[1]
    assert "Перенесли на пятницу" in items[3] and translated("Moved") in items[3]


# Filters, pagination and bad input


@pytest.fixture
def programme(index, topics):
    """Four upcoming events of two kinds and two topics, in two months."""
    next_month = month_ahead(1)
    after = month_ahead(2)
    make_event(
        index,
        "Заседание о ремонте",
        datetime.datetime.combine(next_month.replace(day=10), datetime.time(18)),
        kind="meeting",
        topics=[topics["repair"]],
    )
    make_event(
        index,
        "Мастер-класс о тарифах",
        datetime.datetime.combine(next_month.replace(day=12), datetime.time(11)),
        kind="master_class",
        topics=[topics["tariffs"]],
    )
    make_event(
        index,
        "Заседание о тарифах",
        datetime.datetime.combine(after.replace(day=5), datetime.time(18)),
        kind="meeting",
        topics=[topics["tariffs"], topics["repair"]],
    )
    make_event(
        index,
        "Стажировка",
        datetime.datetime.combine(after.replace(day=20), datetime.time()),
        datetime.datetime.combine(after.replace(day=24), datetime.time()),
        kind="internship",
        all_day=True,
    )
    return {"next_month": f"{next_month:%Y-%m}", "after": f"{after:%Y-%m}"}


ALL_UPCOMING = [
    "Заседание о ремонте",
    "Мастер-класс о тарифах",
    "Заседание о тарифах",
    "Стажировка",
]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "meeting"}, ["Заседание о ремонте", "Заседание о тарифах"]),
        ({"kind": "internship"}, ["Стажировка"]),
        ({"topic": "kapremont"}, ["Заседание о ремонте", "Заседание о тарифах"]),
        ({"topic": "tarify"}, ["Мастер-класс о тарифах", "Заседание о тарифах"]),
        ({"month": "next_month"}, ["Заседание о ремонте", "Мастер-класс о тарифах"]),
        ({"month": "after"}, ["Заседание о тарифах", "Стажировка"]),
        ({"kind": "meeting", "topic": "tarify"}, ["Заседание о тарифах"]),
        ({"kind": "meeting", "month": "next_month"}, ["Заседание о ремонте"]),
        ({"topic": "tarify", "month": "next_month"}, ["Мастер-класс о тарифах"]),
        ({"kind": "master_class", "topic": "kapremont"}, []),
        ({"kind": "meeting", "topic": "kapremont", "month": "after"}, ["Заседание о тарифах"]),
    ],
)
def test_filters_narrow_the_list_and_combine(client, programme, params, expected):
    if "month" in params:
        params = {**params, "month": programme[params["month"]]}

    assert titles(get_html(client, "/events/", **params)) == expected


def test_filters_offer_only_topics_of_published_events(client, programme, topics):
    TopicFactory(name="Тема без событий", slug="pusto")

    text = get_html(client, "/events/")

    assert 'value="kapremont"' in text and 'value="tarify"' in text
    assert "Тема без событий" not in text


def test_the_feed_links_follow_the_kind_filter(client, programme):
    text = get_html(client, "/events/", kind="meeting")

    assert 'href="/events/ical/?kind=meeting"' in text
    assert 'href="webcal://testserver/events/ical/?kind=meeting"' in text


@pytest.mark.parametrize(
    "params",
    [
        {"month": "13"},
        {"month": "2026-13"},
        {"month": "2026-00"},
        {"month": "abc"},
        {"month": "0001-01"},
        {"month": "9999-12"},
        {"kind": "nonsense"},
        {"topic": "no-such-topic"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"kind": "nonsense", "month": "2026-13", "topic": "", "page": "0"},
    ],
)
def test_bad_filters_show_the_unfiltered_list(client, programme, params):
    assert titles(get_html(client, "/events/", **params)) == ALL_UPCOMING
    get_html(client, "/events/past/", **params)


def test_a_bad_filter_is_dropped_and_the_good_ones_still_apply(client, programme):
    assert titles(get_html(client, "/events/", kind="meeting", month="2026-13")) == [
        "Заседание о ремонте",
        "Заседание о тарифах",
    ]


def test_pages_of_events_keep_the_filters(client, index, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "EVENTS_PER_PAGE": 2}
    for day in range(1, 6):
        make_event(index, f"Встреча {day}", wall(day), kind="meeting")
    make_event(index, "Мастер-класс", wall(3, hour=10), kind="master_class")

    first = get_html(client, "/events/", kind="meeting")
    second = get_html(client, "/events/", kind="meeting", page="2")
    last = get_html(client, "/events/", kind="meeting", page="abc")

    assert titles(first) == ["Встреча 1", "Встреча 2"]
    assert titles(second) == ["Встреча 3", "Встреча 4"]
    assert titles(last) == titles(first)
    assert 'href="?kind=meeting&amp;page=2" rel="next"' in first


# The month grid


def test_the_month_grid_lists_each_days_events(client, programme):
    after = month_ahead(2)
    url = f"/events/calendar/{after.year}/{after.month}/"

    text = get_html(client, url)

    assert "<caption>" in text
    assert text.count('<th scope="col">') == 7
    monday = translated("Monday")
    assert text.index(f'title="{monday}"') < text.index(f'title="{translated("Sunday")}"')
    fifth = text.split(f'datetime="{after.replace(day=5):%Y-%m-%d}"')[1].split("</td>")[0]
    assert "Заседание о тарифах" in fifth and "18:00" in fifth
    # The five-day internship is on each of its days, and on no other.
    assert text.count(">Стажировка</a>") == 5
    for day in range(20, 25):
        cell = text.split(f'datetime="{after.replace(day=day):%Y-%m-%d}"')[1].split("</td>")[0]
        assert "Стажировка" in cell
    assert "Заседание о ремонте" not in text


def test_the_month_grid_links_to_the_months_around_it(client, index):
    text = get_html(client, "/events/calendar/2026/1/")

    assert 'href="/events/calendar/2025/12/" rel="prev"' in text
    assert 'href="/events/calendar/2026/2/" rel="next"' in text
    december = get_html(client, "/events/calendar/2026/12/")
    assert 'href="/events/calendar/2027/1/" rel="next"' in december


def test_the_calendar_opens_on_this_month_in_the_sites_zone(client, index):
    make_event(index, "Скорое заседание", wall(0, hour=23, minute=30))

    text = get_html(client, "/events/calendar/")

    today = timezone.localdate()
    assert f'datetime="{today:%Y-%m-%d}"' in text
    assert 'aria-current="date"' in text
    assert "Скорое заседание" in text


def test_the_month_grid_marks_cancelled_events(client, index):
    make_event(index, "Отменённая встреча", wall(1), status="cancelled")
    day = timezone.localdate() + datetime.timedelta(days=1)

    text = get_html(client, f"/events/calendar/{day.year}/{day.month}/")

    assert "caseclub-calendar__event--cancelled" in text
    assert translated("Cancelled") in text


@pytest.mark.parametrize(
    "url",
    [
        "/events/calendar/2026/13/",
        "/events/calendar/2026/0/",
        "/events/calendar/0/1/",
        "/events/calendar/1899/12/",
        "/events/calendar/2201/1/",
        "/events/calendar/99999999999999999999/1/",
        "/events/calendar/2026/abc/",
    ],
)
def test_months_off_the_calendar_are_not_found(client, index, url):
    assert client.get(url).status_code == 404


def test_the_grid_stops_at_its_first_and_last_months(client, index):
    first = get_html(client, "/events/calendar/1900/1/")
    last = get_html(client, "/events/calendar/2200/12/")

    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


# Times, in the event's own zone


@pytest.mark.parametrize("site_zone", ["UTC", "America/New_York", "Asia/Vladivostok"])
def test_times_are_shown_in_the_events_zone_whatever_the_sites(client, index, settings, site_zone):
    settings.TIME_ZONE = site_zone
    start = datetime.datetime.combine(month_ahead(1).replace(day=15), datetime.time(18))
    event = make_event(index, "Заседание в Волгограде", start, time_zone=VOLGOGRAD)

    listing = get_html(client, "/events/")
    grid = get_html(client, f"/events/calendar/{start.year}/{start.month}/")
    detail = get_html(client, event.url)

    for text in (listing, grid, detail):
        assert "18:00" in text
        assert VOLGOGRAD in text  # named: it is not the site's zone
    assert "18:00–20:00" in listing
    assert "UTC+03:00" in listing
    assert json_ld(detail)["startDate"] == f"{start:%Y-%m-%d}T18:00:00+03:00"


def test_the_zone_is_not_named_when_it_is_the_sites(client, index):
    make_event(index, "Местное заседание", wall(3), time_zone=VOLGOGRAD)

    text = get_html(client, "/events/")

    assert "18:00" in text
    assert "UTC+03:00" not in text


def test_an_event_in_another_zone_keeps_its_own_wall_time(client, index):
    start = datetime.datetime.combine(month_ahead(1).replace(day=8), datetime.time(18))
    make_event(index, "Встреча в Берлине", start, time_zone="Europe/Berlin")

    text = get_html(client, "/events/")

    assert "18:00" in text
    assert "Europe/Berlin" in text


def test_a_multi_day_event_shows_its_dates_only(client, index, settings):
    settings.LANGUAGE_CODE = "en"
    first = month_ahead(2).replace(day=12)
    make_event(
        index,
        "Internship",
        datetime.datetime.combine(first, datetime.time()),
        datetime.datetime.combine(first.replace(day=16), datetime.time()),
        all_day=True,
    )

    text = get_html(client, "/events/")

    assert f"{first:%B} 12–16, {first.year}" in text
    assert "0:00" not in text and "midnight" not in text


# The event page


@pytest.fixture
def hosts(db):
    return {
        "public": MemberFactory(name="Открытый Ведущий", role="chair", public_profile=True),
        "unconsented": MemberFactory(name="Скрытый Ведущий", public_profile=False),
        "former": MemberFactory(
            name="Бывший Ведущий",
            status="terminated",
            terminated_on=datetime.date(2026, 1, 15),
            termination_ground="voluntary",
            public_profile=True,
        ),
    }


def test_the_event_page_shows_what_a_visitor_needs(client, index, topics, hosts):
    event = make_event(
        index,
        "Мастер-класс по тарифам",
        wall(5, hour=11),
        kind="master_class",
        format="hybrid",
        venue_name="Коворкинг ресурсного центра",
        address="Волгоград, ул. Мира, 1",
        online_url="https://meet.example.org/club",
        audience="open",
        summary="Разбираем квитанции.",
        body=[("paragraph", "<p>Приносите квитанции за прошлый месяц.</p>")],
        topics=[topics["tariffs"]],
        hosts=list(hosts.values()),
        registration="external",
        registration_url="https://forms.example.org/tarify",
        capacity=25,
    )

    text = get_html(client, event.url)

    for expected in [
        "Мастер-класс по тарифам",
        "Коворкинг ресурсного центра",
        "Волгоград, ул. Мира, 1",
        "https://meet.example.org/club",
        "Разбираем квитанции.",
        "Приносите квитанции за прошлый месяц.",
        "Тарифы и начисления",
        "https://forms.example.org/tarify",
        "25",
        "11:00",
        "Открытый Ведущий",
        f'href="{event.url}ical/"',
    ]:
        assert expected in text


def test_only_consenting_active_hosts_are_named(client, index, hosts):
    event = make_event(index, "Заседание", wall(5), hosts=list(hosts.values()))

    text = get_html(client, event.url)

    assert "Открытый Ведущий" in text
    assert "Скрытый Ведущий" not in text
    assert "Бывший Ведущий" not in text
    assert [p["name"] for p in json_ld(text)["performer"]] == ["Открытый Ведущий"]


def test_a_cancelled_event_says_so_prominently(client, index):
    event = make_event(
        index, "Отменённое заседание", wall(5), status="cancelled", status_note="Нет кворума"
    )

    text = get_html(client, event.url)

    banner = text.split('class="caseclub-banner caseclub-banner--cancelled"')[1].split("</div>")[0]
    assert translated("Cancelled") in banner and "Нет кворума" in banner
    assert json_ld(text)["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_series_lists_its_next_ten_dates(client, index):
    start = wall(1)
    event = make_event(
        index,
        "Еженедельный клуб",
        start,
        repeat="weekly",
        repeat_count=15,
        changes=[
            {"original_date": start.date() + datetime.timedelta(days=14), "note": "Выходной"}
        ],
    )

    text = get_html(client, event.url)

    dates = text.split('id="caseclub-next-dates"')[1].split("</section>")[0]
    assert dates.count("<li") == 10
    assert dates.count("caseclub-dates__item--cancelled") == 1
    assert "Выходной" in dates


def test_a_past_event_shows_its_report_and_materials(client, index):
    document = get_document_model().objects.create(
        title="Презентация", file=ContentFile(b"%PDF-1.4", name="slides.pdf")
    )
    event = make_event(
        index,
        "Прошедший мастер-класс",
        wall(-3),
        report="<p>Пришли сорок человек.</p>",
        materials=[("document", document)],
        registration="external",
        registration_url="https://forms.example.org/old",
    )

    text = get_html(client, event.url)

    assert 'id="caseclub-report"' in text and "Пришли сорок человек." in text
    assert "Презентация" in text and document.url in text
    assert "https://forms.example.org/old" not in text  # registration has closed


def test_google_calendar_link_has_the_utc_instants(client, index):
    start = datetime.datetime.combine(month_ahead(1).replace(day=15), datetime.time(18))
    event = make_event(
        index,
        "Заседание",
        start,
        start + datetime.timedelta(hours=2),
        venue_name="Коворкинг",
        address="ул. Мира, 1",
        summary="Повестка: тарифы",
    )

    text = get_html(client, event.url)

    href = re.search(r'href="(https://calendar\.google\.com/[^"]*)"', text)[1]
    query = parse_qs(urlsplit(html.unescape(href)).query)
    assert query["action"] == ["TEMPLATE"]
    assert query["text"] == ["Заседание"]
    assert query["dates"] == [f"{start:%Y%m%d}T150000Z/{start:%Y%m%d}T170000Z"]
    assert query["location"] == ["Коворкинг, ул. Мира, 1"]
    assert "Повестка: тарифы" in query["details"][0]


def test_google_calendar_link_for_an_all_day_event_has_dates(client, index):
    first = month_ahead(2).replace(day=12)
    event = make_event(
        index,
        "Стажировка",
        datetime.datetime.combine(first, datetime.time()),
        datetime.datetime.combine(first.replace(day=16), datetime.time()),
        all_day=True,
    )

    text = get_html(client, event.url)

    href = re.search(r'href="(https://calendar\.google\.com/[^"]*)"', text)[1]
    # Google reads the end date as exclusive.
    assert parse_qs(urlsplit(html.unescape(href)).query)["dates"] == [
        f"{first:%Y%m}12/{first:%Y%m}17"
    ]


def test_a_preview_shows_the_drafts_own_dates(rf, index):
    event = make_event(index, "Заседание", wall(5), repeat="weekly", repeat_count=3)
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    request = rf.get(event.url)
    request.user = AnonymousUser()
    request.is_preview = True

    text = event_page.event_detail(event, request).render().content.decode()

    assert "19:00–21:00" in text and "18:00" not in text
    dates = text.split('id="caseclub-next-dates"')[1].split("</section>")[0]
    assert dates.count("19:00–21:00") == 3


# JSON-LD


def test_json_ld_describes_the_event_for_schema_org(client, index):
    image = ImageFactory()
    start = datetime.datetime.combine(month_ahead(1).replace(day=15), datetime.time(18))
    event = make_event(
        index,
        "Заседание клуба",
        start,
        venue_name="Коворкинг",
        address="Волгоград, ул. Мира, 1",
        summary="Обсуждаем капремонт.",
        body=[("image", image), ("paragraph", "<p>Текст</p>")],
    )

    data = json_ld(get_html(client, event.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Заседание клуба"
    assert data["startDate"] == f"{start:%Y-%m-%d}T18:00:00+03:00"
    assert data["endDate"] == f"{start:%Y-%m-%d}T20:00:00+03:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Коворкинг",
        "address": "Волгоград, ул. Мира, 1",
    }
    assert data["description"] == "Обсуждаем капремонт."
    assert data["organizer"]["@type"] == "Organization" and data["organizer"]["name"]
    assert data["url"] == f"http://testserver{event.url}"
    assert data["image"][0].startswith("http://testserver/")
    assert "performer" not in data


def test_json_ld_of_a_hybrid_event_has_both_locations(client, index):
    event = make_event(
        index,
        "Гибридная встреча",
        wall(4),
        format="hybrid",
        venue_name="Коворкинг",
        address="ул. Мира, 1",
        online_url="https://meet.example.org/x",
    )

    data = json_ld(get_html(client, event.url))

    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][1]["url"] == "https://meet.example.org/x"
    assert "image" not in data


def test_json_ld_of_an_event_moved_online(client, index):
    event = make_event(
        index,
        "Встреча онлайн",
        wall(4),
        status="moved_online",
        venue_name="Коворкинг",
        online_url="https://meet.example.org/y",
    )

    data = json_ld(get_html(client, event.url))

    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/y"}


def test_json_ld_of_an_all_day_event_has_dates_only(client, index):
    first = month_ahead(2).replace(day=12)
    event = make_event(
        index,
        "Стажировка",
        datetime.datetime.combine(first, datetime.time()),
        datetime.datetime.combine(first.replace(day=16), datetime.time()),
        all_day=True,
    )

    data = json_ld(get_html(client, event.url))

    assert data["startDate"] == f"{first:%Y-%m}-12"
    assert data["endDate"] == f"{first:%Y-%m}-16"


def aware(wall_time) -> str:
    """A naive wall time in Volgograd as JSON-LD writes it."""
    return wall_time.replace(tzinfo=zoneinfo.ZoneInfo(VOLGOGRAD)).isoformat()


@pytest.mark.parametrize(
    ("hour", "minute", "described_days"),
    [
        (17, 59, 0),  # before today's date starts
        (19, 0, 0),  # while it is under way
        (20, 0, 0),  # the minute it ends
        (20, 1, 7),  # then the next week's
    ],
)
def test_json_ld_of_a_series_describes_its_date_until_it_has_ended(
    client, index, clock, hour, minute, described_days
):
    # Weekly at 18:00-20:00 from two weeks ago: today's is the third of six dates.
    event = make_event(index, "Клуб", wall(-14), repeat="weekly", repeat_count=6)

    clock.move_to(wall(0, hour, minute).replace(tzinfo=zoneinfo.ZoneInfo(VOLGOGRAD)))
    data = json_ld(get_html(client, event.url))

    assert OFFSET.match(data["startDate"]) and OFFSET.match(data["endDate"])
    assert data["startDate"] == aware(wall(described_days))
    assert data["endDate"] == aware(wall(described_days, 20))


def test_json_ld_of_a_moved_date_names_its_previous_start(client, index):
    start = wall(1)
    event = make_event(
        index,
        "Клуб",
        start,
        repeat="weekly",
        repeat_count=3,
        changes=[
            {
                "original_date": start.date(),
                "action": "move",
                "new_date": start.date() + datetime.timedelta(days=2),
                "note": "Перенос",
            }
        ],
    )

    data = json_ld(get_html(client, event.url))

    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"].startswith(f"{start:%Y-%m-%d}T18:00:00")


def test_json_ld_cannot_be_broken_out_of(client, index):
    title = 'Встреча </script><script>alert("x")</script> & «кавычки»'
    event = make_event(index, title, wall(4), summary="<b>жирный</b>")

    text = get_html(client, event.url)

    assert "<script>alert" not in text
    data = json_ld(text)
    assert data["name"] == title
    assert data["description"] == "<b>жирный</b>"


# Queries do not grow with the number of occurrences


def add_series(index, numbers, per_event, topics, hosts, first_day):
    for number in numbers:
        make_event(
            index,
            f"Серия {number}",
            datetime.datetime.combine(first_day, datetime.time(9 + number % 10)),
            repeat="daily",
            repeat_count=per_event,
            topics=topics,
            hosts=hosts,
            kind=["meeting", "master_class"][number % 2],
        )


@pytest.mark.parametrize("view", ["upcoming", "past", "calendar", "filtered"])
def test_queries_do_not_grow_with_the_number_of_occurrences(client, index, settings, view):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "EVENTS_PER_PAGE": 1000}
    topics = TopicFactory.create_batch(3)
    hosts = [MemberFactory(public_profile=True), MemberFactory(public_profile=False)]
    month = month_ahead(2)
    first_day = timezone.localdate() - datetime.timedelta(days=60) if view == "past" else month
    url = {
        "upcoming": "/events/",
        "past": "/events/past/",
        "calendar": f"/events/calendar/{month.year}/{month.month}/",
        "filtered": f"/events/?kind=meeting&topic={topics[0].slug}&month={month:%Y-%m}",
    }[view]
    expected = {
        "calendar": lambda text: text.count('class="caseclub-calendar__event"'),
        "filtered": lambda text: len(titles(text)),
    }.get(view, lambda text: len(titles(text)))

    add_series(index, range(2), 5, topics, hosts, first_day)
    small, small_html = count_queries(client, url)
    # Every day of the month has events: no series runs into the next one.
    add_series(index, range(2, 12), 28, topics, hosts, first_day)
    add_series(index, range(12, 22), 21, topics, hosts, first_day)
    large, large_html = count_queries(client, url)

    assert EventOccurrence.objects.count() == 500
    meetings = EventOccurrence.objects.filter(event__kind="meeting").count()
    if view == "filtered":
        assert (expected(small_html), expected(large_html)) == (5, meetings)
    else:
        assert (expected(small_html), expected(large_html)) == (10, 500)
    assert large == small


def test_the_body_shows_headings_as_headings(client, index):
    event = make_event(
        index,
        "Заседание",
        wall(3),
        body=[
            ("heading", "Как проходит заседание"),
            ("paragraph", RichText("<p>Разбираем обращения жителей.</p>")),
        ],
    )

    text = get_html(client, event.url)

    assert "<h2>Как проходит заседание</h2>" in text
    assert "Разбираем обращения жителей." in text
