"""A series says how it repeats, in Russian and English, on its page and in the listings."""

import datetime
import html
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from caseclub_wagtail.events.recurrence import Rule
from caseclub_wagtail.events.rule_text import describe
from tests.factories import make_event, make_event_index

THURSDAY = datetime.datetime(2027, 3, 11, 18)  # the second Thursday of March 2027
RULE = re.compile(r'<p class="caseclub-card__meta caseclub-event__rule">(?P<text>[^<]*)</p>')


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.mark.parametrize(
    ("rule", "first", "all_day", "russian", "english"),
    [
        pytest.param(
            Rule("monthly", monthly_by_weekday=True),
            THURSDAY,
            False,
            "каждый второй четверг месяца в 18:00",
            "every second Thursday of the month at 6 p.m.",
            id="second-thursday",
        ),
        pytest.param(
            Rule("monthly", monthly_by_weekday=True, count=10),
            datetime.datetime(2027, 1, 28, 18),
            False,
            "каждый четвёртый четверг месяца в 18:00, 10 раз",
            "every fourth Thursday of the month at 6 p.m., 10 times",
            id="fourth-thursday-ten-times",
        ),
        pytest.param(
            Rule("monthly", monthly_by_weekday=True, monthly_by_last_weekday=True),
            datetime.datetime(2027, 1, 29, 10),
            False,
            "каждую последнюю пятницу месяца в 10:00",
            "every last Friday of the month at 10 a.m.",
            id="last-friday",
        ),
        pytest.param(
            Rule("monthly", interval=2, monthly_by_weekday=True),
            datetime.datetime(2027, 1, 3, 12),
            False,
            "каждое первое воскресенье месяца в 12:00, раз в 2 месяца",
            "every first Sunday of the month at noon, every 2 months",
            id="first-sunday-every-other-month",
        ),
        pytest.param(
            Rule("weekly", weekdays=("TH", "TU")),
            datetime.datetime(2027, 3, 9, 18),
            False,
            "каждую неделю по вторникам и четвергам в 18:00",
            "every week on Tuesdays and Thursdays at 6 p.m.",
            id="tuesdays-and-thursdays",
        ),
        pytest.param(
            Rule("weekly", weekdays=("MO", "WE", "FR")),
            datetime.datetime(2027, 3, 8, 18),
            False,
            "каждую неделю по понедельникам, средам и пятницам в 18:00",
            "every week on Mondays, Wednesdays and Fridays at 6 p.m.",
            id="three-weekdays",
        ),
        pytest.param(
            Rule("weekly", interval=2, weekdays=("MO",)),
            datetime.datetime(2027, 3, 8, 18),
            True,
            "каждые 2 недели по понедельникам",
            "every 2 weeks on Mondays",
            id="every-two-weeks-all-day",
        ),
        pytest.param(
            Rule("weekly", interval=5),
            datetime.datetime(2027, 3, 6, 18),
            True,
            "каждые 5 недель по субботам",
            "every 5 weeks on Saturdays",
            id="every-five-weeks",
        ),
        pytest.param(
            Rule("weekly", interval=21),
            datetime.datetime(2027, 3, 6, 18),
            True,
            "каждую 21 неделю по субботам",
            "every 21 weeks on Saturdays",
            id="every-twenty-one-weeks",
        ),
        pytest.param(
            Rule("weekly"),
            datetime.datetime(2027, 3, 8, 18),
            False,
            "каждый понедельник в 18:00",
            "every Monday at 6 p.m.",
            id="every-monday",
        ),
        pytest.param(
            Rule("weekly", weekdays=("WE",)),
            datetime.datetime(2027, 3, 10, 18),
            True,
            "каждую среду",
            "every Wednesday",
            id="every-wednesday",
        ),
        pytest.param(
            Rule("weekly"),
            datetime.datetime(2027, 3, 14, 18),
            True,
            "каждое воскресенье",
            "every Sunday",
            id="every-sunday",
        ),
        pytest.param(
            Rule("daily"),
            datetime.datetime(2027, 3, 8, 9, 30),
            True,
            "ежедневно",
            "every day",
            id="daily",
        ),
        pytest.param(
            Rule("daily", interval=3, until=datetime.date(2027, 12, 31)),
            datetime.datetime(2027, 3, 8, 9, 30),
            False,
            "каждые 3 дня в 9:30 до 31 декабря 2027 г.",
            "every 3 days at 9:30 a.m. until Dec. 31, 2027",
            id="every-three-days-until",
        ),
        pytest.param(
            Rule("monthly"),
            datetime.datetime(2027, 3, 12, 18),
            False,
            "каждый месяц 12-го числа в 18:00",
            "every month on the 12th at 6 p.m.",
            id="the-12th",
        ),
        pytest.param(
            Rule("monthly", interval=3, count=4),
            datetime.datetime(2027, 3, 22, 18),
            True,
            "каждые 3 месяца 22-го числа, 4 раза",
            "every 3 months on the 22nd, 4 times",
            id="every-three-months-the-22nd",
        ),
        pytest.param(
            Rule("monthly", count=21),
            datetime.datetime(2027, 3, 1, 18),
            True,
            "каждый месяц 1-го числа, 21 раз",
            "every month on the 1st, 21 times",
            id="the-1st-21-times",
        ),
        pytest.param(
            Rule("monthly", count=5),
            datetime.datetime(2027, 3, 3, 18),
            True,
            "каждый месяц 3-го числа, 5 раз",
            "every month on the 3rd, 5 times",
            id="the-3rd-5-times",
        ),
        pytest.param(
            Rule("monthly", interval=21),
            datetime.datetime(2027, 3, 30, 18),
            True,
            "каждый 21 месяц 30-го числа",
            "every 21 months on the 30th",
            id="every-twenty-one-months-the-30th",
        ),
        pytest.param(
            Rule("yearly"),
            datetime.datetime(2027, 3, 5, 18),
            True,
            "ежегодно 5 марта",
            "every year on March 5",
            id="yearly",
        ),
        pytest.param(
            Rule("yearly", interval=5, until=datetime.date(2040, 3, 5)),
            datetime.datetime(2027, 3, 5, 11),
            False,
            "каждые 5 лет 5 марта в 11:00 до 5 марта 2040 г.",
            "every 5 years on March 5 at 11 a.m. until March 5, 2040",
            id="every-five-years",
        ),
    ],
)
def test_a_rule_reads_as_a_calendar_app_would_say_it(rule, first, all_day, russian, english):
    with translation.override("ru"):
        assert describe(rule, first, all_day) == russian
    with translation.override("en"):
        assert describe(rule, first, all_day) == english


def test_an_event_that_does_not_repeat_has_no_rule_text():
    assert describe(Rule(""), THURSDAY) == ""


# The pages


@pytest.fixture
def index(db):
    return make_event_index()


def series(index, title="Заседание клуба", **fields):
    return make_event(
        index,
        title,
        THURSDAY,
        repeat="monthly",
        repeat_monthly_by="weekday",
        summary="Разбираем кейсы о капитальном ремонте.",
        **fields,
    )


def page_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_event_page_says_how_the_series_repeats(client, index):
    event = series(index)

    text = page_html(client, event.url)

    assert "Повторяется: каждый второй четверг месяца в 18:00" in re.sub(r"<[^>]+>", "", text)


def test_a_single_event_page_says_nothing_of_repeating(client, index):
    event = make_event(index, "Мастер-класс", THURSDAY)

    assert "Повторяется" not in page_html(client, event.url)


def test_the_listings_say_how_each_series_repeats(client, index):
    series(index, repeat_count=3)
    make_event(index, "Мастер-класс", THURSDAY)
    make_event(
        index,
        "Прошлая серия",
        datetime.datetime(2026, 10, 1, 10),
        repeat="weekly",
        repeat_count=2,
    )

    upcoming = [m["text"] for m in RULE.finditer(page_html(client, "/events/"))]
    past = [m["text"] for m in RULE.finditer(page_html(client, "/events/past/"))]

    assert upcoming == ["Каждый второй четверг месяца в 18:00, 3 раза"] * 3
    assert past == ["Каждый четверг в 10:00, 2 раза"] * 2


def test_the_rule_text_adds_no_queries_to_a_listing(client, index, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "EVENTS_PER_PAGE": 1000}
    counts = []
    for size in (1, 4):
        while len(index.get_children()) < size:
            series(index, title=f"Серия {len(index.get_children())}", repeat_count=5)
        client.get("/events/")  # a first visit fills the site caches
        with CaptureQueriesContext(connection) as queries:
            text = page_html(client, "/events/")
        assert len(RULE.findall(text)) == 5 * size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_summary_introduces_the_event_before_its_facts_and_calendar_links(client, index):
    event = series(index)

    text = page_html(client, event.url)

    positions = [
        text.index("<h1>"),
        text.index("caseclub-event-page__summary"),
        text.index('<dl class="caseclub-facts">'),
        text.index('<section class="caseclub-add-to-calendar"'),
    ]
    assert positions == sorted(positions)
    assert "Разбираем кейсы о капитальном ремонте." in text
