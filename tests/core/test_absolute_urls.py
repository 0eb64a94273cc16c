"""One rule for absolute URLs: the host the visitor came by, else the Site record.

The Site record says ``localhost`` (as after ``wagtail start``) while visitors come by
``club.example.org``: the page, its feeds, its calendar links and its JSON-LD must all
name the host the visitor used.
"""

import datetime
import json
import re
import zoneinfo
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
import time_machine
import vobject
from bs4 import BeautifulSoup
from wagtail.models import Site

from caseclub_wagtail.core import absolute_urls
from caseclub_wagtail.models import EventPage
from tests.factories import make_case, make_case_library, make_event, make_event_index

pytestmark = pytest.mark.django_db

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")
HOST = "club.example.org"
JSON_LD = re.compile(r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=VOLGOGRAD), tick=False):
        yield


@pytest.fixture
def pages(db):
    index = make_event_index()
    start = datetime.datetime(2026, 5, 14, 18)
    event = make_event(index, "Заседание клуба", start, slug="meeting")
    library = make_case_library()
    case = make_case(library, "Протекает кровля", slug="roof")
    return {"index": index, "event": event, "case": case}


def get(client, path, secure=False):
    response = client.get(path, HTTP_HOST=HOST, secure=secure)
    assert response.status_code == 200, path
    return response


def json_ld(response):
    (data,) = [json.loads(m["data"]) for m in JSON_LD.finditer(response.content.decode())]
    return data


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
def test_every_absolute_url_names_the_host_the_visitor_came_by(client, pages, secure):
    scheme = "https" if secure else "http"
    event_url = f"{scheme}://{HOST}/events/meeting/"

    (vevent,) = vobject.readOne(get(client, "/events/ical/", secure).content.decode()).vevent_list
    event_page = get(client, "/events/meeting/", secure)
    event_data = json_ld(event_page)
    google = soup(event_page).find("a", href=re.compile("^https://calendar.google.com/"))["href"]
    webcal = soup(get(client, "/events/", secure)).find("a", href=re.compile("^webcal:"))["href"]
    feed = feedparser.parse(get(client, "/cases/rss/", secure).content)
    case_data = json_ld(get(client, "/cases/roof/", secure))

    assert vevent.url.value == event_url
    assert vevent.description.value.endswith(event_url)
    assert event_data["url"] == event_url
    assert event_data["organizer"]["url"] == f"{scheme}://{HOST}/"
    assert parse_qs(urlsplit(google).query)["details"][0].endswith(event_url)
    assert webcal == f"webcal://{HOST}/events/ical/"
    assert feed.feed.link == f"{scheme}://{HOST}/cases/"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        f"{scheme}://{HOST}/cases/rss/"
    ]
    assert [entry.link for entry in feed.entries] == [f"{scheme}://{HOST}/cases/roof/"]
    assert case_data["url"] == case_data["mainEntityOfPage"] == f"{scheme}://{HOST}/cases/roof/"
    assert case_data["publisher"]["url"] == f"{scheme}://{HOST}/"


def test_a_host_the_site_does_not_allow_gets_a_400_not_links_to_it(client, pages, settings):
    settings.ALLOWED_HOSTS = [HOST]

    assert client.get("/events/ical/", HTTP_HOST="evil.example.net").status_code == 400
    assert client.get("/events/ical/", HTTP_HOST=HOST).status_code == 200


def test_without_a_request_urls_come_from_the_pages_site_record(pages):
    event = pages["event"]
    assert absolute_urls.page_url(event) == "http://localhost/events/meeting/"
    assert absolute_urls.absolute_url("/events/ical/") == "http://localhost/events/ical/"
    # A file served from elsewhere (a CDN, object storage) keeps its own URL.
    cdn = "https://cdn.example.org/images/photo.png"
    assert absolute_urls.absolute_url(cdn) == cdn

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = HOST, 443
    site.save()

    event = EventPage.objects.get(pk=event.pk)  # a page keeps the site paths it has read
    assert absolute_urls.page_url(event) == f"https://{HOST}/events/meeting/"
    assert absolute_urls.absolute_url("/events/ical/") == f"https://{HOST}/events/ical/"


def test_without_a_site_record_urls_fall_back_to_the_admin_base_url(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.org/"
    Site.objects.all().delete()

    assert absolute_urls.absolute_url("/events/ical/") == "https://admin.example.org/events/ical/"
