"""The events API's answers to bad requests, its languages and its caching."""

import pytest
from django.utils import translation

from caseclub_wagtail.events.choices import EventKind, EventStatus
from tests.factories import TopicFactory, make_event, make_event_index, wall
from tests.support.translation import in_russian

pytestmark = pytest.mark.clock

API = "/api/caseclub/"


@pytest.fixture
def event(db):
    return make_event(make_event_index(), "Заседание", wall(2), repeat="weekly", repeat_count=3)


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("events/", {"kind": "nonsense"}, "kind"),
        ("events/", {"status": "over"}, "status"),
        ("events/", {"format": "paper"}, "format"),
        ("events/", {"audience": "all"}, "audience"),
        ("events/", {"order": "random"}, "order"),
        ("events/", {"starts_after": "yesterday"}, "starts_after"),
        ("events/", {"starts_before": "2026-13-01"}, "starts_before"),
        ("events/", {"starts_after": "2026-02-30T10:00"}, "starts_after"),
        ("events/", {"starts_after": "1" * 100}, "starts_after"),
        ("events/", {"upcoming": "maybe"}, "upcoming"),
        ("events/", {"limit": "-1"}, "limit"),
        ("events/", {"limit": "0"}, "limit"),
        ("events/", {"limit": "100000"}, "limit"),
        ("events/", {"offset": "abc"}, "offset"),
        ("events/", {"offset": "-5"}, "offset"),
        ("events/", {"search": "кровля " * 1500}, "search"),
        ("events/", {"topic": "roofs\x00"}, "topic"),
        ("occurrences/", {"kind": "nonsense"}, "kind"),
        ("occurrences/", {"starts_before": "soon"}, "starts_before"),
        ("occurrences/", {"limit": "101"}, "limit"),
        ("occurrences/", {"event": "abc"}, "event"),
        ("occurrences/", {"event": "99999999999999999999"}, "event"),
        ("events/abc/", {}, "id"),
        ("events/0/", {}, "id"),
        ("events/99999999999999999999/", {}, "id"),
    ],
)
def test_bad_input_is_a_problem_that_names_the_parameter(client, event, path, params, parameter):
    response = client.get(API + path, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["parameter"] == parameter
    assert problem["detail"] == in_russian(
        "The parameter “%(name)s” has a value that is not accepted.", name=parameter
    )


def test_an_unknown_event_is_a_problem_404(client, event):
    response = client.get(f"{API}events/{event.pk + 1000}/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == in_russian("There is no such event.")


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"starts_after": "0001-01-01"}, 1),
        ({"starts_before": "0001-01-01T00:00:00+14:00"}, 0),
        ({"starts_before": "9999-12-31"}, 1),
        ({"starts_after": "9999-12-31T23:59:59-14:00"}, 0),
    ],
)
def test_dates_beyond_the_years_of_events_are_the_ends_of_the_range(client, event, params, count):
    assert client.get(API + "events/", params).json()["count"] == count


def test_an_unknown_topic_or_event_lists_nothing(client, event):
    assert client.get(API + "events/", {"topic": "no-such-topic"}).json()["count"] == 0
    assert client.get(API + "occurrences/", {"event": event.pk + 1000}).json()["count"] == 0


def test_the_limit_may_be_100_and_the_offset_past_the_end(client, event):
    assert client.get(API + "events/", {"limit": 100}).json()["count"] == 1
    data = client.get(API + "occurrences/", {"offset": 50}).json()
    assert data == {"count": 3, "items": []}


def test_labels_are_russian_by_default_and_english_when_asked(client, event):
    TopicFactory()
    russian = client.get(API + "events/").json()["items"][0]
    english = client.get(API + "events/", HTTP_ACCEPT_LANGUAGE="en").json()["items"][0]

    with translation.override("ru"):
        assert russian["kind"] == {"code": "meeting", "label": str(EventKind.MEETING.label)}
        assert russian["status"]["label"] == str(EventStatus.SCHEDULED.label)
    assert russian["kind"]["label"] == "заседание"
    assert english["kind"] == {"code": "meeting", "label": "meeting"}
    assert english["repeat"]["text"].startswith("every")
    assert russian["repeat"]["text"].startswith("кажд")


def test_a_problem_is_written_in_the_requests_language(client, event):
    russian = client.get(API + "events/", {"kind": "nonsense"}).json()
    english = client.get(API + "events/", {"kind": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en").json()

    assert english["detail"] == "The parameter “kind” has a value that is not accepted."
    assert russian["detail"] != english["detail"]


@pytest.mark.parametrize("path", ["events/", "occurrences/", "events/{pk}/"])
def test_answers_carry_an_etag_and_honour_if_none_match(client, event, path):
    url = API + path.format(pk=event.pk)
    first = client.get(url)

    assert first["Cache-Control"] == "public, max-age=60"
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag

    event.title = "Заседание, новое название"
    event.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_if_none_match_is_read_as_http_says(client, event):
    url = API + "events/"
    etag = client.get(url)["ETag"]

    # A cache sends every tag it holds, or a weak one; "*" matches whatever the answer is.
    for header in (f'"elsewhere", {etag}', f"W/{etag}", "*"):
        assert client.get(url, HTTP_IF_NONE_MATCH=header).status_code == 304, header
    # Another tag gets the whole answer.
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"x{etag[1:]}').status_code == 200


def test_the_openapi_description_lists_the_filters_and_their_values(client, db):
    description = client.get(API + "openapi.json").json()

    parameters = {
        parameter["name"]: parameter
        for parameter in description["paths"]["/api/caseclub/events/"]["get"]["parameters"]
    }
    assert set(parameters) >= {
        "kind",
        "topic",
        "status",
        "format",
        "audience",
        "starts_after",
        "starts_before",
        "upcoming",
        "search",
        "order",
        "limit",
        "offset",
    }
    kinds = parameters["kind"]["schema"]["anyOf"][0]["enum"]
    assert kinds == ["meeting", "master_class", "internship", "other"]
    occurrence_parameters = description["paths"]["/api/caseclub/occurrences/"]["get"]["parameters"]
    assert "event" in {parameter["name"] for parameter in occurrence_parameters}


def test_the_openapi_description_gives_errors_as_problems(client, db):
    description = client.get(API + "openapi.json").json()

    for path in ("/api/caseclub/events/", "/api/caseclub/events/{id}/"):
        responses = description["paths"][path]["get"]["responses"]
        for status in ("400", "404"):
            content = responses[status]["content"]
            assert list(content) == ["application/problem+json"]
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }
        assert list(responses["200"]["content"]) == ["application/json"]


def test_an_offset_postgresql_cannot_store_is_read_as_its_instant(client, event):
    # ISO 8601 allows +18:22; PostgreSQL refuses offsets beyond ±15:59.
    far = client.get(API + "events/", {"starts_after": "1969-03-02T15:07:41+18:22"})
    utc = client.get(API + "events/", {"starts_after": "1969-03-01T20:45:41Z"})

    assert far.status_code == 200
    assert far.json() == utc.json()
