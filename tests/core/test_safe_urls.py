"""Stored URLs are rendered as links only when they are http, https or mailto.

Code or an import can write anything into a URL field, past the form's validation;
a ``javascript:`` URL drawn as a link runs in the visitor's browser. Every URL the
package renders (the member's website, an event's online and registration links, a
case's external resources, and the JSON-LD, calendar links, feeds and API that carry
them) goes through ``safe_url``.
"""

import datetime
import html
import json
import re
import zoneinfo
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.template import Context, Template

from caseclub_wagtail.core.safe_urls import safe_url
from caseclub_wagtail.models import CaseStudyPage, EventPage, Member
from tests.factories import (
    MemberFactory,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
)

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")
NOW = datetime.datetime(2026, 3, 2, 12, tzinfo=VOLGOGRAD)
JSON_LD = re.compile(r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.S)

# (stored value, what is rendered)
SAFE = [
    ("https://club.example.org/", "https://club.example.org/"),
    ("http://club.example.org/path?q=1&b=2#top", "http://club.example.org/path?q=1&b=2#top"),
    ("HTTPS://CLUB.EXAMPLE.ORG", "HTTPS://CLUB.EXAMPLE.ORG"),
    ("HtTp://club.example.org", "HtTp://club.example.org"),
    ("https://клуб.рф/встреча", "https://клуб.рф/встреча"),
    ("https://meet.example.org:8443/room", "https://meet.example.org:8443/room"),
    ("mailto:club@example.org", "mailto:club@example.org"),
    ("MAILTO:club@example.org?subject=Заявка", "MAILTO:club@example.org?subject=Заявка"),
    # Around the URL and inside it, what a browser would drop anyway.
    ("  https://club.example.org/  ", "https://club.example.org/"),
    ("\thttps://club.example.org/\n", "https://club.example.org/"),
    ("\x00\x1fhttps://club.example.org/", "https://club.example.org/"),
    ("https://club.example.org/\x01", "https://club.example.org/"),
    ("https://club.exa\nmple.org/", "https://club.example.org/"),
    ("\u00a0https://club.example.org/\u3000", "https://club.example.org/"),
]
UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\x00javascript:alert(1)",
    "\u00a0javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "javascript&colon;alert(1)",
    "java\x00script:alert(1)",
    "java\u200bscript:alert(1)",
    "\ufeffjavascript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "%6Aavascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "ftp://files.example.org/",
    "tel:+78442555555",
    "//evil.example/",
    "\\\\evil.example\\share",
    "/relative/path",
    "evil.example",
    "https:evil.example",
    "https:/evil.example",
    "https://",
    "https://[::1",
    "https://club.exa\x01mple.org/",
    "",
    None,
]


@pytest.mark.parametrize(("value", "expected"), SAFE)
def test_http_https_and_mailto_links_are_kept(value, expected):
    assert safe_url(value) == expected


@pytest.mark.parametrize("value", UNSAFE)
def test_every_other_url_is_refused(value):
    assert safe_url(value) == ""


def render(source: str, **context) -> str:
    return Template("{% load caseclub_wagtail_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(("value", "expected"), SAFE[:3])
def test_the_template_filter_gives_safe_links(value, expected):
    assert render("{{ url|caseclub_safe_url }}", url=value) == html.escape(expected)


@pytest.mark.parametrize("value", UNSAFE[:8])
def test_the_template_filter_gives_nothing_for_unsafe_links(value):
    source = '{% with url=url|caseclub_safe_url %}{% if url %}<a href="{{ url }}">{% endif %}'
    assert render(source + "{% endwith %}", url=value) == ""


# Rendered pages: a stored hostile URL never becomes a link, in any output.

HOSTILE = [
    "javascript:alert(1)",
    "  JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:alert(1)",
    "//evil.example/alert(1)",
]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def links(text: str) -> list[str]:
    """Every URL the page's elements point at."""
    soup = BeautifulSoup(text, "html.parser")
    return [
        element[name]
        for name in ("href", "src", "action", "formaction")
        for element in soup.find_all(attrs={name: True})
    ]


def assert_never_linked(text: str) -> None:
    for url in links(text):
        assert safe_url(url) or url.startswith(("/", "?", "#", "webcal://")), url
    assert "alert(1)" not in text


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_members_website_is_shown_only_when_safe(client, directory, hostile):
    member = MemberFactory(public_profile=True, name="Кузнецова Дарья")
    # Written by an import, past the form's URL validation.
    Member.objects.filter(pk=member.pk).update(website=hostile)

    text = get(client, f"/members/{member.registry_number}/")

    assert "<h1>Кузнецова Дарья</h1>" in text
    assert_never_linked(text)
    facts = BeautifulSoup(text, "html.parser").select("dl.caseclub-facts dt")
    assert "Сайт" not in [dt.get_text() for dt in facts]  # no "Website" without a link
    assert_never_linked(get(client, "/members/"))


@pytest.mark.django_db
def test_a_members_safe_website_is_linked(client, directory):
    member = MemberFactory(public_profile=True, website="https://chistydom.example.ru/")

    text = get(client, f"/members/{member.registry_number}/")

    assert "https://chistydom.example.ru/" in links(text)


@pytest.fixture
def index(db):
    return make_event_index()


def hostile_event(index, hostile, **fields) -> EventPage:
    event = make_event(
        index,
        "Заседание онлайн",
        datetime.datetime(2026, 3, 19, 18),
        format="hybrid",
        venue_name="Ресурсный центр",
        online_url="https://meet.example.org/club",
        registration="external",
        registration_url="https://forms.example.org/zapis",
        **fields,
    )
    EventPage.objects.filter(pk=event.pk).update(online_url=hostile, registration_url=hostile)
    return EventPage.objects.get(pk=event.pk)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_an_events_stored_links_are_never_rendered_when_unsafe(client, index, hostile):
    event = hostile_event(index, hostile)

    text = get(client, event.url)

    assert_never_linked(text)
    assert not BeautifulSoup(text, "html.parser").select("a.caseclub-button")  # no Register
    (data,) = [json.loads(m["data"]) for m in JSON_LD.finditer(text)]
    virtual = [place for place in data["location"] if place["@type"] == "VirtualLocation"]
    assert virtual == [{"@type": "VirtualLocation", "url": f"http://testserver{event.url}"}]
    (google,) = [url for url in links(text) if url.startswith("https://calendar.google.com/")]
    assert "alert(1)" not in "".join(sum(parse_qs(urlsplit(google).query).values(), []))
    for feed_url in (event.url + "ical/", index.url + "ical/"):
        feed = get(client, feed_url)
        assert "alert(1)" not in feed.replace("\r\n ", "")  # unfolded
    assert_never_linked(get(client, index.url))


@pytest.mark.parametrize("hostile", HOSTILE[:2])
def test_the_api_gives_no_unsafe_event_link(client, index, hostile):
    event = hostile_event(index, hostile)

    data = client.get(f"/api/v2/pages/{event.pk}/", {"format": "json"}).json()

    assert data["online_url"] == "" and data["registration_url"] == ""


def test_an_events_safe_links_are_rendered(client, index):
    event = hostile_event(index, "https://meet.example.org/club")

    found = links(get(client, event.url))

    assert "https://meet.example.org/club" in found
    assert found.count("https://meet.example.org/club") == 2  # the online link and Register


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_cases_external_resource_is_linked_only_when_safe(client, hostile):
    library = make_case_library()
    # A StreamField's JSON is not validated by code that writes it.
    case = make_case(
        library,
        "Кейс с ресурсом",
        practices=[
            (
                "resource",
                {"title": "Разъяснение фонда", "url": hostile, "description": "Памятка"},
            ),
            (
                "resource",
                {"title": "Закон о ЖКХ", "url": "https://example.org/law", "description": ""},
            ),
        ],
    )
    assert CaseStudyPage.objects.get(pk=case.pk).practices[0].value["url"] == hostile

    text = get(client, case.url)

    assert_never_linked(text)
    practices = BeautifulSoup(text, "html.parser").find(
        "section", attrs={"aria-labelledby": "caseclub-practices"}
    )
    assert "Разъяснение фонда" in practices.get_text() and "Памятка" in practices.get_text()
    assert [(a["href"], a.get_text()) for a in practices.find_all("a")] == [
        ("https://example.org/law", "Закон о ЖКХ")
    ]
