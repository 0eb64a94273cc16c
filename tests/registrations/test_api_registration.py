"""Registering through the API, as a decoupled front end does it: form, POST, token, cancel."""

import datetime

import pytest

from caseclub_wagtail.core import form_guard
from caseclub_wagtail.models import EventRegistration
from caseclub_wagtail.registrations.tokens import manage_token
from caseclub_wagtail.core.outbox_models import OutgoingEmail
from tests.factories import MemberFactory, make_event, make_event_index, wall
from tests.support.api_reading import API, PROBLEM_JSON, get_json, get_problem

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture
def index(db):
    return make_event_index()


@pytest.fixture
def single(index):
    """A one-off meeting in three days with two seats."""
    return make_event(index, "Заседание клуба", wall(3), registration="internal", capacity=2)


@pytest.fixture
def series(index):
    """A weekly master class of four dates, one seat each."""
    return make_event(
        index,
        "Мастер-класс",
        wall(1),
        registration="internal",
        capacity=1,
        repeat="weekly",
        repeat_count=4,
    )


def path(event) -> str:
    return f"events/{event.pk}/registrations/"


def post(client, clock, event, **fields):
    """Fill the form as a person does: read it, take a few seconds, send it."""
    token = get_json(client, path(event))["timing_token"]
    clock.shift(5)
    body = {
        "name": "Ирина Петрова",
        "email": "irina@example.org",
        "consent": True,
        "form_started": token,
        **fields,
    }
    return client.post(API + path(event), body, content_type="application/json")


def problem(response, status=400) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == PROBLEM_JSON
    return response.json()


def days(n) -> str:
    return wall(n).date().isoformat()


# What the form shows


def test_the_form_gives_the_timing_token_the_consent_and_each_dates_seats(client, series):
    response = client.get(API + path(series))
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["timing_token"] == form_guard.timing_token()
    assert data["consent_text"]
    assert data["registry_number_required"] is False
    assert [item["date"] for item in data["dates"]] == [days(1), days(8), days(15), days(22)]
    first = data["dates"][0]
    assert first["seats_left"] == 1 and first["waitlist"] == 0 and first["is_open"] is True
    assert first["start"].startswith(f"{days(1)}T18:00:00+03:00")


def test_a_members_only_event_asks_for_the_registry_number(client, index):
    event = make_event(
        index, "Закрытая встреча", wall(2), registration="internal", audience="members_only"
    )
    assert get_json(client, path(event))["registry_number_required"] is True


def test_an_event_that_takes_no_registrations_here_is_not_found(client, index):
    external = make_event(
        index, "Чужая форма", wall(2), registration="external",
        registration_url="https://forms.example/club",
    )
    draft = make_event(index, "Черновик", wall(2), registration="internal", live=False)
    plain = make_event(index, "Без записи", wall(2))
    for event in (external, draft, plain):
        assert get_problem(client, path(event), status=404)["status"] == 404
        response = client.post(API + path(event), {}, content_type="application/json")
        assert problem(response, 404)["detail"]
    assert get_problem(client, "events/999999/registrations/", status=404)


# Registering


def test_a_person_gets_a_seat_a_token_and_an_email(client, clock, single):
    response = post(client, clock, single, phone="8 (917) 555-44-33", organization="ТСЖ «Мир»")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == {"code": "confirmed", "label": "подтверждена"}
    assert data["place"] is None
    assert data["date"] == days(3)
    registration = EventRegistration.objects.get()
    assert data["token"] == manage_token(registration)
    assert data["manage_url"] == (
        f"http://testserver{single.url}registration/{data['token']}/"
    )
    assert registration.phone == "+79175554433"
    assert registration.organization == "ТСЖ «Мир»"
    assert registration.consented_at is not None
    assert OutgoingEmail.objects.filter(recipient="irina@example.org").exists()


def test_when_the_seats_are_taken_people_join_the_waitlist_in_order(client, clock, single):
    places = []
    for number in range(4):
        data = post(client, clock, single, email=f"p{number}@example.org").json()
        places.append((data["status"]["code"], data["place"]))
    assert places == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    form = get_json(client, path(single))["dates"][0]
    assert form["seats_left"] == 0 and form["waitlist"] == 2


def test_a_series_date_is_chosen_by_its_planned_date(client, clock, series):
    response = post(client, clock, series, date=days(8))
    assert response.status_code == 201, response.content
    assert EventRegistration.objects.get().date == wall(8).date()
    dates = get_json(client, path(series))["dates"]
    assert [item["seats_left"] for item in dates] == [1, 0, 1, 1]


# Refused


def test_every_field_at_fault_is_named_in_russian_and_nothing_is_saved(client, clock, single):
    response = post(client, clock, single, name="  ", email="не-адрес", phone="12", consent=False)
    data = problem(response)
    assert set(data["errors"]) == {"name", "email", "phone", "consent"}
    assert data["errors"]["email"] == ["Введите правильный адрес электронной почты."]
    assert "+7 917 555-44-33" in data["errors"]["phone"][0]
    assert data["title"] == "Неверный запрос"
    assert not EventRegistration.objects.exists()


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (None, "Выберите дату мероприятия."),
        ("2026-13-01", "У мероприятия нет такой даты."),
        ("garbage", "У параметра «date» недопустимое значение."),
    ],
)
def test_a_series_needs_one_of_its_dates(client, clock, series, date, message):
    data = problem(post(client, clock, series, date=date))
    assert "date" in data["errors"]
    assert message in (data["errors"]["date"][0], data["detail"])


def test_a_date_that_is_not_in_the_series_is_refused(client, clock, series):
    data = problem(post(client, clock, series, date=days(2)))
    assert data["errors"] == {"date": ["У мероприятия нет такой даты."]}


@pytest.mark.clock(datetime.datetime(2026, 11, 11, 12, 0, tzinfo=datetime.UTC))
def test_registration_closes_before_the_start_when_the_event_says_so(client, clock, index):
    event = make_event(
        index, "Стажировка", wall(1, 10), registration="internal", registration_closes=24
    )
    data = problem(post(client, clock, event))
    assert data["errors"] == {"date": ["Запись на эту дату закрыта."]}
    assert get_json(client, path(event))["dates"][0]["is_open"] is False


def test_a_cancelled_date_takes_no_registrations(client, clock, index):
    event = make_event(
        index,
        "Приём",
        wall(1),
        registration="internal",
        repeat="weekly",
        repeat_count=3,
        changes=[{"original_date": wall(8).date(), "note": "праздник"}],
    )
    data = problem(post(client, clock, event, date=days(8)))
    assert data["errors"] == {"date": ["Эта дата отменена."]}
