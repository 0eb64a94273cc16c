"""The case library's RSS feed, as a feed reader sees it."""

import datetime
import itertools

import feedparser
import pytest
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from caseclub_wagtail.models import CaseAppeal, CaseStudyPage, CaseTimelineEntry
from tests.factories import TopicFactory, make_case, make_case_library

# Every test here reads the clock: cases are published days and hours before now.
pytestmark = pytest.mark.clock

D = datetime.date
_numbers = itertools.count(1)


def read_feed(client, url="/cases/rss/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "application/rss+xml"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def item_titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


def reload(case) -> CaseStudyPage:
    return CaseStudyPage.objects.get(pk=case.pk)


def published_days_ago(case, days):
    """Record the case as last published ``days`` ago."""
    when = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days)
    CaseStudyPage.objects.filter(pk=case.pk).update(
        first_published_at=when, last_published_at=when
    )
    return reload(case)


def republish(case):
    page = reload(case)
    page.get_latest_revision_as_object().save_revision().publish()
    return reload(case)


@pytest.fixture
def topics(db):
    return {
        "repair": TopicFactory(name="Капитальный ремонт", slug="kapremont"),
        "tariffs": TopicFactory(name="Тарифы и начисления", slug="tarify"),
    }


@pytest.fixture
def library(db, topics, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        library = make_case_library(intro="<p>Разобранные клубом <b>кейсы</b> ЖКХ.</p>")
        cases = {
            "roof": make_case(
                library,
                "Протекает кровля",
                summary="Кровля течёт после капремонта.",
                topics=[topics["repair"]],
                timeline=[(D(2025, 3, 1), "in_progress", "")],
            ),
            "tariff": make_case(
                library,
                "Двойные начисления",
                summary="Счета за вывоз мусора пришли дважды.",
                topics=[topics["tariffs"], topics["repair"]],
                timeline=[(D(2025, 4, 1), "resolved", "")],
            ),
            "elevator": make_case(
                library,
                "Лифт не работает",
                summary="Жильцы девятого этажа без лифта.",
                timeline=[(D(2025, 5, 1), "monitoring", "")],
            ),
        }
        make_case(library, "Черновик кейса", summary="Ещё не опубликован.", live=False)
    days = {"roof": 30, "tariff": 20, "elevator": 10}
    library.records = {key: published_days_ago(case, days[key]) for key, case in cases.items()}
    return library


def test_the_feed_is_rss_2_with_the_librarys_title_and_link(client, library):
    feed = read_feed(client)

    assert feed.version == "rss20"
    assert feed.feed.title == "Библиотека кейсов"
    assert feed.feed.link == "http://testserver/cases/"
    assert feed.feed.description == "Разобранные клубом кейсы ЖКХ."
    assert feed.feed.language == "ru"


def test_a_library_without_an_intro_describes_itself(client, db):
    make_case_library(title="Кейсы клуба")

    feed = read_feed(client)

    with translation.override("ru"):
        expected = translation.gettext("New and updated cases of %(library)s") % {
            "library": "Кейсы клуба"
        }
    assert feed.feed.description == expected
    assert feed.entries == []


def test_items_come_latest_publication_first(client, library):
    assert item_titles(read_feed(client)) == [
        "Лифт не работает",
        "Двойные начисления",
        "Протекает кровля",
    ]


def test_an_item_links_to_the_case_and_tells_its_summary_and_topics(client, library):
    case = library.records["tariff"]

    (item,) = [entry for entry in read_feed(client).entries if entry.title == case.title]

    assert item.link == f"http://testserver{case.url}"
    assert item.link == "http://testserver/cases/" + case.slug + "/"
    assert item.summary == "Счета за вывоз мусора пришли дважды."
    categories = [tag.term for tag in item.tags]
    assert {"Тарифы и начисления", "Капитальный ремонт"} <= set(categories)
    assert item.published_parsed[:6] == case.last_published_at.utctimetuple()[:6]
    assert item.id.startswith(f"http://testserver{case.url}")
    assert item.guidislink is False


def test_a_case_without_topics_has_no_topic_categories(client, library):
    (item,) = [e for e in read_feed(client).entries if e.title == "Лифт не работает"]

    categories = {tag.term for tag in item.get("tags", [])}
    assert not categories & {"Тарифы и начисления", "Капитальный ремонт"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"topic": "kapremont"}, ["Двойные начисления", "Протекает кровля"]),
        ({"topic": "tarify"}, ["Двойные начисления"]),
        ({"status": "monitoring"}, ["Лифт не работает"]),
        ({"topic": "kapremont", "status": "in_progress"}, ["Протекает кровля"]),
        ({"q": "кровля"}, ["Протекает кровля"]),
        ({"q": "жильцы", "topic": "kapremont"}, []),
        ({"topic": "nope"}, ["Лифт не работает", "Двойные начисления", "Протекает кровля"]),
    ],
    ids=[
        "topic",
        "another-topic",
        "status",
        "topic-and-status",
        "search",
        "search-and-topic",
        "unknown-topic",
    ],
)
def test_the_feed_follows_the_librarys_filters(client, library, params, expected):
    assert item_titles(read_feed(client, **params)) == expected


def test_a_republished_case_comes_first_with_a_new_guid(client, library):
    before = {entry.title: entry.id for entry in read_feed(client).entries}

    republish(library.records["roof"])

    feed = read_feed(client)
    assert item_titles(feed) == ["Протекает кровля", "Лифт не работает", "Двойные начисления"]
    after = {entry.title: entry.id for entry in feed.entries}
    assert after["Протекает кровля"] != before["Протекает кровля"]
    assert after["Лифт не работает"] == before["Лифт не работает"]
    assert after["Двойные начисления"] == before["Двойные начисления"]
    assert feed.entries[0].link == f"http://testserver{library.records['roof'].url}"


def test_the_guids_stay_the_same_until_a_case_is_republished(client, library):
    first = [entry.id for entry in read_feed(client).entries]
    second = [entry.id for entry in read_feed(client).entries]

    assert first == second
    assert len(set(first)) == 3


def test_a_draft_of_a_live_case_changes_nothing_in_the_feed(client, library):
    before = [(entry.title, entry.id, entry.summary) for entry in read_feed(client).entries]
    draft = reload(library.records["roof"]).get_latest_revision_as_object()
    draft.summary = "Черновая формулировка"
    draft.save_revision()

    after = [(entry.title, entry.id, entry.summary) for entry in read_feed(client).entries]

    assert after == before


def test_unpublished_cases_are_not_in_the_feed(client, library):
    reload(library.records["tariff"]).unpublish()

    titles = item_titles(read_feed(client))

    assert titles == ["Лифт не работает", "Протекает кровля"]
    assert "Черновик кейса" not in titles


def test_a_private_case_is_not_in_the_feed(client, library):
    PageViewRestriction.objects.create(
        page=library.records["elevator"], restriction_type="password", password="x"
    )

    assert item_titles(read_feed(client)) == ["Двойные начисления", "Протекает кровля"]


def test_another_librarys_cases_are_not_in_the_feed(client, library):
    other = make_case_library(slug="other-cases", title="Другая библиотека")
    make_case(other, "Кейс другой библиотеки")

    assert "Кейс другой библиотеки" not in item_titles(read_feed(client))
    assert item_titles(read_feed(client, "/other-cases/rss/")) == ["Кейс другой библиотеки"]


def add_published(library, count):
    """Cases published an hour apart, the last one the latest."""
    start = timezone.now() - datetime.timedelta(days=30)
    for number in range(count):
        n = next(_numbers)
        when = start + datetime.timedelta(hours=number)
        case = CaseStudyPage(
            title=f"Кейс {number:02d}",
            slug=f"feed-{n}",
            summary=f"Сводка кейса {number}",
            live=True,
            first_published_at=when,
            last_published_at=when,
        )
        case.appeals = [CaseAppeal(received_on=D(2025, 1, 1), summary="Жалоба")]
        case.timeline = [CaseTimelineEntry(date=D(2025, 1, 2), status="in_progress")]
        library.add_child(instance=case)


def test_the_feed_has_at_most_twenty_items(client, db):
    library = make_case_library()
    add_published(library, 23)

    feed = read_feed(client)

    assert item_titles(feed) == [f"Кейс {number:02d}" for number in range(22, 2, -1)]


def test_control_characters_pasted_into_a_case_do_not_break_the_feed(client, library):
    make_case(library, "Кровля\x0bтечёт", summary="Текст\x0cиз Word")

    feed = read_feed(client)

    # Word's line and page breaks keep the words apart.
    assert "Кровля течёт" in item_titles(feed)
    entry = next(entry for entry in feed.entries if entry.title == "Кровля течёт")
    assert entry.description == "Текст из Word"


def test_a_case_made_live_without_a_revision_comes_last_with_its_url_as_guid(client, library):
    case = make_case(library, "Импортированный кейс")
    CaseStudyPage.objects.filter(pk=case.pk).update(
        live_revision=None, first_published_at=None, last_published_at=None
    )

    feed = read_feed(client)
    html = client.get("/cases/", {"order": "updated"}).content.decode()

    assert item_titles(feed)[-1] == "Импортированный кейс"
    assert feed.entries[-1].id == "http://testserver" + case.url
    assert html.rindex("Импортированный кейс") > html.index("caseclub-case-card")
