"""Finding events with the site's search: by title, summary and body."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from caseclub_wagtail.models import EventPage
from tests.factories import make_event, make_event_index

VOLGOGRAD = ZoneInfo("Europe/Volgograd")


@pytest.fixture
def events(db, django_capture_on_commit_callbacks):
    """Three published events and a draft; the search index is filled on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        index = make_event_index(title="События")
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
    """An event of 5 March 2026 under ``index``, published unless ``live`` is false."""
    title = fields.pop("title")
    start = datetime.datetime(2026, 3, 5, 18)
    return make_event(index, title, start, body=list(body), live=live, **fields)


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
