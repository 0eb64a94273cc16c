"""Control characters in any text that reaches a feed, as Word pastes them (a line break is
a vertical tab): every feed still answers, and reads back in strict parsers.

The RSS feed is read with feedparser (a document that is not well-formed XML is "bozo"),
the iCalendar files with icalendar and with vobject.
"""

import datetime

import feedparser
import icalendar
import pytest
import time_machine
import vobject
from django.db import connection

from caseclub_wagtail.core.feed_text import ical_line, ical_text, xml_text
from caseclub_wagtail.models import EventOccurrenceChange
from tests.factories import (
    TopicFactory,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
)

pytestmark = pytest.mark.django_db

# Every C0 control character, and DEL. PostgreSQL cannot store NUL in text at all (the
# admin's forms refuse it), so it reaches a feed only on other databases.
CONTROLS = [
    chr(code) for code in [*range(0x20), 0x7F] if code or connection.vendor != "postgresql"
]
# What XML 1.0 and RFC 5545 TEXT may carry of them.
LINE_BREAKS = {"\t", "\n", "\r"}


def control_id(character: str) -> str:
    return f"U+{ord(character):04X}"


def with_control(text: str, character: str) -> str:
    """``text`` with ``character`` between its words, and at its start and end."""
    return character + text.replace(" ", f" {character}", 1) + character


def words(text) -> str:
    """The words of ``text``, one space apart, whatever spacing the controls left."""
    return " ".join(str(text).split())


def forbidden_in(text: str) -> set[str]:
    return {character for character in text if character in CONTROLS} - LINE_BREAKS


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


# --- RSS --------------------------------------------------------------------------------


@pytest.mark.parametrize("character", CONTROLS, ids=control_id)
def test_the_rss_feed_takes_a_control_character_in_every_text(client, character):
    library = make_case_library(
        title=with_control("Библиотека кейсов", character),
        intro=f"<p>{with_control('Разобранные клубом кейсы', character)}</p>",
    )
    topic = TopicFactory(name=with_control("Капитальный ремонт", character))
    make_case(
        library,
        with_control("Протекает кровля", character),
        summary=with_control("Кровля течёт после капремонта.", character),
        topics=[topic],
    )

    response = client.get("/cases/rss/")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = feed.entries
    texts = {
        "channel title": feed.feed.title,
        "channel description": feed.feed.description,
        "item title": entry.title,
        "item description": entry.description,
        "item categories": " ".join(tag.term for tag in entry.tags),
    }
    for name, text in texts.items():
        assert not forbidden_in(text), name
    assert words(feed.feed.title) == "Библиотека кейсов"
    assert words(feed.feed.description) == "Разобранные клубом кейсы"
    assert words(entry.title) == "Протекает кровля"
    assert words(entry.description) == "Кровля течёт после капремонта."
    assert "Капитальный ремонт" in [words(tag.term) for tag in entry.tags]


def test_the_library_intro_is_read_as_text_not_as_html_entities(client):
    make_case_library(intro="<p>Кейсы&nbsp;клуба &amp; партнёров&#11;</p>")

    feed = feedparser.parse(client.get("/cases/rss/").content)

    assert not feed.bozo
    assert feed.feed.description == "Кейсы\xa0клуба & партнёров"


# --- iCalendar --------------------------------------------------------------------------


def hostile_calendar(character: str):
    """An index and a series whose every text holds ``character``; one date cancelled, one
    moved, each with a note, and the series postponed with a status note."""
    index = make_event_index(title=with_control("Календарь клуба", character))
    event = make_event(
        index,
        with_control("Заседание клуба", character),
        datetime.datetime(2026, 12, 3, 18),
        format="hybrid",
        venue_name=with_control("Торгово-промышленная палата", character),
        address=with_control("Волгоград, ул. Мира, 10", character),
        online_url="https://meet.example.org/club",
        summary=with_control("Разбор кейсов по капремонту", character),
        status="postponed",
        status_note=with_control("Зал на ремонте", character),
        repeat="weekly",
        repeat_count=4,
    )
    event.occurrence_changes = [
        EventOccurrenceChange(
            original_date=datetime.date(2026, 12, 10),
            action="cancel",
            note=with_control("Праздничный день", character),
        ),
        EventOccurrenceChange(
            original_date=datetime.date(2026, 12, 17),
            action="move",
            new_date=datetime.date(2026, 12, 18),
            note=with_control("Перенос по просьбе", character),
        ),
    ]
    event.save_revision().publish()
    return index, event


def read_with_vobject(body: str):
    # vobject keeps each TZID it has read for the whole process: forget them.
    zones = vars(vobject.icalendar)["__tzidMap"]
    utc = zones["UTC"]
    zones.clear()
    zones["UTC"] = utc
    return vobject.readOne(body)


def check_calendar_file(response, name: str):
    """The file parses in icalendar and vobject, with every text whole and no control left."""
    assert response.status_code == 200
    body = response.content.decode()
    assert not forbidden_in(body)
    assert "\r" not in body.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(body)
    assert words(calendar["x-wr-calname"]) == name
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 2  # the series and its moved date
    for vevent in vevents:
        assert words(vevent["summary"]) == "Заседание клуба"
        assert "Торгово-промышленная палата" in words(vevent["location"])
        assert "Волгоград, ул. Мира, 10" in words(vevent["location"])
    master, moved = sorted(vevents, key=lambda vevent: "recurrence-id" in vevent)
    assert "Разбор кейсов по капремонту" in words(master["description"])
    assert "Зал на ремонте" in words(master["description"])
    assert "Перенос по просьбе" in words(moved["description"])
    parsed = read_with_vobject(body)
    assert len(parsed.vevent_list) == 2
    assert all(words(v.summary.value) == "Заседание клуба" for v in parsed.vevent_list)


@pytest.mark.parametrize("character", CONTROLS, ids=control_id)
def test_the_calendar_files_take_a_control_character_in_every_text(client, character):
    index, event = hostile_calendar(character)

    check_calendar_file(client.get(index.url + "ical/"), "Календарь клуба")
    check_calendar_file(client.get(event.url + "ical/"), "Заседание клуба")


# --- The cleaners -----------------------------------------------------------------------


def test_word_breaks_become_spaces_and_other_controls_go():
    assert xml_text("Кровля\x0bтечёт\x0cдавно\x01\x1f\x7f!") == "Кровля течёт давно!"
    assert ical_text("Кровля\x0bтечёт\x0cдавно\x01\x1f\x7f!") == "Кровля течёт давно!"


def test_xml_keeps_tabs_and_line_breaks_and_drops_non_characters():
    assert xml_text("а\tб\nв\r\nг\ufffe\uffffд") == "а\tб\nв\r\nгд"


def test_ical_keeps_tabs_and_makes_every_line_break_a_line_feed():
    assert ical_text("а\tб\r\nв\rг\nд") == "а\tб\nв\nг\nд"


def test_a_one_line_ical_text_has_spaces_for_line_breaks():
    assert ical_line("Календарь\r\nклуба\x0b2026\n") == "Календарь клуба 2026 "
