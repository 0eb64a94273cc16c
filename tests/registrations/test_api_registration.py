"""Registering through the API, as a decoupled front end does it: form, POST, token, cancel."""

import datetime

import pytest

from caseclub_wagtail.core import form_guard
from caseclub_wagtail.core.outbox_models import OutgoingEmail
from caseclub_wagtail.models import EventRegistration
from caseclub_wagtail.registrations.tokens import manage_token
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
        index,
        "Чужая форма",
        wall(2),
        registration="external",
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
    assert data["manage_url"] == (f"http://testserver{single.url}registration/{data['token']}/")
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
    assert "+7 900 123-45-67" in data["errors"]["phone"][0]
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


def test_a_members_only_event_registers_an_active_member_whose_number_and_email_match(
    client, clock, index
):
    event = make_event(
        index, "Закрытая встреча", wall(2), registration="internal", audience="members_only"
    )
    member = MemberFactory(email="Olga@Example.org")
    gone = MemberFactory(email="gone@example.org", status="terminated", terminated_on=wall(-9))
    refusals = [
        {"registry_number": member.registry_number, "email": "other@example.org"},
        {"registry_number": member.registry_number + 100, "email": "olga@example.org"},
        {"registry_number": gone.registry_number, "email": "gone@example.org"},
        {"registry_number": "abc", "email": "olga@example.org"},
        {"email": "olga@example.org"},
    ]
    messages = {
        tuple(problem(post(client, clock, event, **fields))["errors"]["registry_number"])
        for fields in refusals
    }
    # One message whichever of the two did not match.
    assert messages == {
        (
            "В реестре нет действующего участника клуба с таким номером и таким адресом "
            "электронной почты. Укажите их так, как они записаны в реестре.",
        )
    }
    response = post(
        client, clock, event, registry_number=str(member.registry_number), email="olga@example.org"
    )
    assert response.status_code == 201, response.content
    assert EventRegistration.objects.get().member == member


def test_a_second_registration_for_the_same_date_is_a_conflict(client, clock, single):
    assert post(client, clock, single).status_code == 201
    data = problem(post(client, clock, single, email="IRINA@example.org "), 409)
    assert list(data["errors"]) == ["email"]
    assert "уже есть запись" in data["detail"]
    assert EventRegistration.objects.count() == 1


def test_a_rate_limited_address_is_told_to_wait_and_nothing_is_saved(
    client, clock, single, monkeypatch
):
    monkeypatch.setattr(form_guard, "is_rate_limited", lambda request: True)
    data = problem(post(client, clock, single), 429)
    assert data["title"] == "Слишком много запросов"
    assert not EventRegistration.objects.exists()


def test_the_protections_of_the_guard_are_named_as_fields(client, clock, single, monkeypatch):
    monkeypatch.setattr(
        form_guard,
        "check_protection",
        lambda data, request: {"fax": "робот", "form_started": "рано"},
    )
    data = problem(post(client, clock, single))
    assert data["errors"] == {"fax": ["робот"], "form_started": ["рано"]}
    assert not EventRegistration.objects.exists()


def test_a_form_post_from_another_site_is_refused(client, single):
    # What a hidden form on another site can send without a CORS preflight.
    body = '{"name": "Бот", "email": "bot@example.org", "consent": true}'
    response = client.post(API + path(single), body, content_type="text/plain")
    assert problem(response, 415)["detail"] == "Отправьте поля в формате JSON (application/json)."
    response = client.post(API + path(single), {"name": "Бот", "email": "bot@example.org"})
    assert problem(response, 400)
    assert not EventRegistration.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"name": ["a"], "email": "x@example.org"}', "name"),
        ('{"name": "a\\u0000b", "email": "x@example.org"}', "name"),
        ('{"consent": {"yes": 1}}', "consent"),
        ('{"comment": "' + "д" * 5001 + '"}', "comment"),
    ],
)
def test_a_value_of_the_wrong_kind_is_named(client, single, body, field):
    response = client.post(API + path(single), body, content_type="application/json")
    data = problem(response)
    assert data["parameter"] == field
    assert data["errors"][field] == [f"Значение поля «{field}» недопустимо."]


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"text"'])
def test_a_body_that_is_not_a_json_object_is_refused(client, single, body):
    response = client.post(API + path(single), body, content_type="application/json")
    assert problem(response)["status"] == 400


# The token


def test_the_token_shows_the_registration_with_no_contact_details(client, clock, single):
    post(client, clock, single, phone="+7 917 555-44-33", organization="ТСЖ «Мир»")
    waiting = [post(client, clock, single, email=f"w{n}@example.org").json() for n in range(2)]
    response = client.get(f"{API}registrations/{waiting[1]['token']}/")
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data == {
        "event": {"id": single.pk, "title": single.title, "url": f"http://testserver{single.url}"},
        "date": days(3),
        "start": f"{days(3)}T18:00:00+03:00",
        "status": {"code": "waitlisted", "label": "в листе ожидания"},
        "place": 1,
        "name": "Ирина Петрова",
    }
    assert "@" not in response.content.decode() and "917" not in response.content.decode()


def test_cancelling_frees_the_seat_for_the_first_on_the_waitlist(client, clock, single):
    first = post(client, clock, single, email="a@example.org").json()
    post(client, clock, single, email="b@example.org")
    waiting = post(client, clock, single, email="c@example.org").json()
    assert waiting["place"] == 1
    response = client.delete(f"{API}registrations/{first['token']}/")
    assert response.status_code == 204
    statuses = dict(EventRegistration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "cancelled",
        "b@example.org": "confirmed",
        "c@example.org": "confirmed",
    }
    promoted = client.get(f"{API}registrations/{waiting['token']}/").json()
    assert promoted["status"]["code"] == "confirmed" and promoted["place"] is None
    # The token worked once.
    assert problem(client.get(f"{API}registrations/{first['token']}/"), 404)
    assert problem(client.delete(f"{API}registrations/{first['token']}/"), 404)


@pytest.mark.parametrize(
    "token", ["1:forged", "999999:abc", "garbage", "1", "١:x", "1:" + "a" * 190]
)
def test_a_forged_token_opens_nothing(client, clock, single, token):
    post(client, clock, single)
    for method in (client.get, client.delete):
        data = problem(method(f"{API}registrations/{token}/"), 404)
        assert data["detail"] == "Ссылка на запись недействительна или уже использована."
    assert EventRegistration.objects.get().status == "confirmed"


def test_a_registration_marked_attended_is_no_longer_cancelled(client, clock, single):
    token = post(client, clock, single).json()["token"]
    EventRegistration.objects.update(status="attended")
    assert problem(client.delete(f"{API}registrations/{token}/"), 409)
    assert EventRegistration.objects.get().status == "attended"


def test_cancelling_is_rate_limited_too(client, clock, single, monkeypatch):
    token = post(client, clock, single).json()["token"]
    monkeypatch.setattr(form_guard, "is_rate_limited", lambda request: True)
    assert problem(client.delete(f"{API}registrations/{token}/"), 429)
    assert EventRegistration.objects.get().status == "confirmed"
