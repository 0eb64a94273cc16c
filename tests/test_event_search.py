"""Finding events with the site's search: by title, summary and body."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Site

from caseclub_wagtail.models import EventIndexPage, EventPage

VOLGOGRAD = ZoneInfo("Europe/Volgograd")


@pytest.fixture
def events(db, django_capture_on_commit_callbacks):
    """Three published events and a draft; the search index is filled on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        root = Site.objects.get(is_default_site=True).root_page
        index = EventIndexPage(title="События", slug="events")
        root.add_child(instance=index)
        index.save_revision().publish()
        add_event(
            index,
            title="Заседание клуба",
            summary="Обсуждаем устав и новые кейсы",
            body=[("paragraph", "<p>Разбор спора о поставке зерна</p>")],
        )
        add_event(
            index,
            title="Мастер-класс по переговорам",
            summary="Практикум для наставников",
            body=[("heading", "Медиация в арбитраже")],
        )
        add_event(index, title="Стажировка в палате", summary="Пять дней практики")
        add_event(index, title="Черновик про медиацию", summary="Устав", live=False)


def add_event(index, *, live=True, body=(), **fields):
    start = datetime.datetime(2026, 3, 5, 18, tzinfo=VOLGOGRAD)
    event = EventPage(
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="Europe/Volgograd",
        body=list(body),
        live=live,
        **fields,
    )
    index.add_child(instance=event)
    revision = event.save_revision()
    if live:
        revision.publish()
    return event


def found(query) -> list[str]:
    return sorted(page.title for page in EventPage.objects.live().search(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("заседание", ["Заседание клуба"], id="title"),
        pytest.param("переговорам", ["Мастер-класс по переговорам"], id="title-word"),
        pytest.param("устав", ["Заседание клуба"], id="summary"),
        pytest.param("наставников", ["Мастер-класс по переговорам"], id="summary-word"),
        pytest.param("зерна", ["Заседание клуба"], id="body-paragraph"),
        pytest.param("медиация", ["Мастер-класс по переговорам"], id="body-heading"),
        pytest.param("космос", [], id="nothing"),
    ],
)
def test_published_events_are_found_by_title_summary_and_body(events, query, expected):
    assert found(query) == expected


def test_an_unpublished_event_is_no_longer_found(events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get(title="Стажировка в палате").unpublish()

    assert found("стажировка") == []


def test_an_edited_summary_is_found_after_publishing(events, django_capture_on_commit_callbacks):
    event = EventPage.objects.get(title="Стажировка в палате")
    with django_capture_on_commit_callbacks(execute=True):
        draft = event.get_latest_revision_as_object()
        draft.summary = "Неделя в арбитражном суде"
        draft.save_revision().publish()

    assert found("арбитражном") == ["Стажировка в палате"]
