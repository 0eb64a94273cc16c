"""A members-only event's online link is never public: not on its page, nor in any feed.

Every output a visitor, a subscriber or the API reads is checked, for an online and a
hybrid members-only event; open events go on showing their link everywhere.
"""

import datetime
import html
import json
import re
import zoneinfo
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
import vobject
from django.utils import translation

from tests.factories import make_event, make_event_index

pytestmark = pytest.mark.django_db

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")
NOW = datetime.datetime(2026, 3, 2, 12, tzinfo=VOLGOGRAD)
START = datetime.datetime(2026, 3, 19, 18)
LINK = "https://meet.example.org/club-closed?pwd=s3cret"
JSON_LD = re.compile(r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.S)
GOOGLE = re.compile(r'href="(https://calendar\.google\.com/[^"]*)"')


def russian(message: str) -> str:
    with translation.override("ru"):
        return translation.gettext(message)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def index(db):
    return make_event_index()


def meeting(index, fmt, audience, **fields):
    defaults = {"venue_name": "Ресурсный центр", "address": "Волгоград, ул. Мира, 1"}
    if fmt == "online":
        defaults = {}
    return make_event(
        index,
        f"Заседание ({fmt}, {audience})",
        START,
        format=fmt,
        audience=audience,
        online_url=LINK,
        registration_url="https://forms.example.org/zapis",
        **{**defaults, **fields},
    )


def page_html(client, event) -> str:
    response = client.get(event.url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(text: str) -> dict:
    (data,) = [json.loads(m["data"]) for m in JSON_LD.finditer(text)]
    return data


def virtual_location(data: dict) -> dict:
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    (virtual,) = [place for place in locations if place["@type"] == "VirtualLocation"]
    return virtual


def google_query(text: str) -> dict:
    return parse_qs(urlsplit(html.unescape(GOOGLE.search(text)[1])).query)


def vevent(body: bytes, title: str):
    calendar = vobject.readOne(body.decode())
    (event,) = [item for item in calendar.vevent_list if item.summary.value == title]
    return event


PRIVATE = [("online", "members_only"), ("hybrid", "members_only")]
OPEN = [("online", "open"), ("hybrid", "open")]


@pytest.mark.parametrize(("fmt", "audience"), PRIVATE)
def test_the_page_says_members_get_the_link_and_never_shows_it(client, index, fmt, audience):
    event = meeting(index, fmt, audience)

    text = page_html(client, event)

    assert "meet.example.org" not in text
    assert russian("Registered club members will receive the link to join.") in text
    assert "Ссылку на подключение получат зарегистрированные члены клуба" in text


@pytest.mark.parametrize(("fmt", "audience"), OPEN)
def test_an_open_events_page_links_to_the_meeting(client, index, fmt, audience):
    event = meeting(index, fmt, audience)

    text = page_html(client, event)

    assert f'href="{html.escape(LINK)}"' in text
    assert russian("Registered club members will receive the link to join.") not in text


@pytest.mark.parametrize(("fmt", "audience"), PRIVATE)
def test_json_ld_points_its_virtual_location_at_the_page(client, index, fmt, audience):
    event = meeting(index, fmt, audience)

    text = page_html(client, event)

    assert virtual_location(json_ld(text))["url"] == f"http://testserver{event.url}"


@pytest.mark.parametrize(("fmt", "audience"), OPEN)
def test_json_ld_of_an_open_event_gives_the_link(client, index, fmt, audience):
    event = meeting(index, fmt, audience)

    assert virtual_location(json_ld(page_html(client, event)))["url"] == LINK


def test_google_calendar_says_online_without_the_link(client, index):
    online = meeting(index, "online", "members_only")
    hybrid = meeting(index, "hybrid", "members_only")

    online_text, hybrid_text = page_html(client, online), page_html(client, hybrid)

    assert google_query(online_text)["location"] == ["Онлайн"]
    assert google_query(hybrid_text)["location"] == [
        "Ресурсный центр, Волгоград, ул. Мира, 1, Онлайн"
    ]
    for text in (online_text, hybrid_text):
        assert "meet.example.org" not in "".join(sum(google_query(text).values(), []))


def test_google_calendar_of_an_open_event_gives_the_link(client, index):
    online = meeting(index, "online", "open")
    hybrid = meeting(index, "hybrid", "open")

    assert google_query(page_html(client, online))["location"] == [LINK]
    assert google_query(page_html(client, hybrid))["location"] == [
        f"Ресурсный центр, Волгоград, ул. Мира, 1, {LINK}"
    ]


def test_the_feed_and_the_event_file_never_hold_the_link(client, index):
    online = meeting(index, "online", "members_only")
    hybrid = meeting(index, "hybrid", "members_only")
    notice = "Ссылку на подключение получат зарегистрированные члены клуба."

    feed = client.get(index.url + "ical/")
    files = [client.get(event.url + "ical/") for event in (online, hybrid)]

    for response in (feed, *files):
        assert response.status_code == 200
        assert b"meet.example.org" not in response.content
    for body in (feed.content, files[0].content):
        entry = vevent(body, online.title)
        assert entry.location.value == "Онлайн"
        assert notice in entry.description.value
    for body in (feed.content, files[1].content):
        entry = vevent(body, hybrid.title)
        assert entry.location.value == "Ресурсный центр, Волгоград, ул. Мира, 1"
        assert notice in entry.description.value


def test_the_feed_of_open_events_gives_the_link(client, index):
    online = meeting(index, "online", "open")
    hybrid = meeting(index, "hybrid", "open")

    feed = client.get(index.url + "ical/").content

    assert vevent(feed, online.title).location.value == LINK
    description = vevent(feed, hybrid.title).description.value
    assert f"Онлайн: {LINK}" in description
    assert "зарегистрированные члены клуба" not in description


def test_a_members_only_event_in_person_says_nothing_of_a_link(client, index):
    # A leftover link from when it was planned online: not shown, nor announced.
    event = meeting(index, "in_person", "members_only")

    text = page_html(client, event)
    feed = client.get(index.url + "ical/").content

    assert "meet.example.org" not in text and b"meet.example.org" not in feed
    assert "зарегистрированные члены клуба" not in text
    assert "зарегистрированные члены клуба" not in vevent(feed, event.title).description.value


def test_an_event_moved_online_keeps_a_members_only_link_private(client, index):
    event = meeting(index, "in_person", "members_only", status="moved_online")

    text = page_html(client, event)

    assert "meet.example.org" not in text
    assert virtual_location(json_ld(text))["url"] == f"http://testserver{event.url}"
    assert google_query(text)["location"] == ["Онлайн"]
    entry = vevent(client.get(event.url + "ical/").content, event.title)
    assert entry.location.value == "Онлайн"
    assert "Ссылку на подключение получат зарегистрированные члены клуба." in (
        entry.description.value
    )


def test_listings_and_the_month_grid_never_hold_the_link(client, index):
    meeting(index, "online", "members_only")
    meeting(index, "hybrid", "members_only")

    for url in (index.url, index.url + "calendar/2026/3/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Заседание (online, members_only)" in response.content.decode()
        assert b"meet.example.org" not in response.content


def test_the_api_gives_the_link_of_open_events_only(client, index):
    private = meeting(index, "online", "members_only")
    public = meeting(index, "online", "open")

    def api(event):
        response = client.get(f"/api/v2/pages/{event.pk}/", {"format": "json"})
        assert response.status_code == 200
        return response.json()

    assert api(private)["online_url"] == "" and api(private)["audience"]["code"] == "members_only"
    assert "meet.example.org" not in json.dumps(api(private))
    assert api(public)["online_url"] == LINK
    assert api(public)["registration_url"] == "https://forms.example.org/zapis"
