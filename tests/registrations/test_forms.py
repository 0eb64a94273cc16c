"""The registration form on its own: the phone, the dates it offers, the registry check."""

import pytest
from django.test import RequestFactory

from caseclub_wagtail.registrations.forms import RegistrationForm
from caseclub_wagtail.registrations.seats import event_dates
from tests.factories import MemberFactory, make_event, make_event_index, registration_data, wall
from tests.support.registration_pages import protection_fields, relax_form_protection
from tests.support.translation import in_russian

pytestmark = pytest.mark.clock


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def index(db):
    return make_event_index()


def bound_form(event, item=None, **fields):
    request = RequestFactory().post("/")
    blank = RegistrationForm(request=request, event=event, item=item)
    data = {**protection_fields(blank), **registration_data(**fields)}
    return RegistrationForm(data, request=request, event=event, item=item)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("8 (8442) 55-12-34", "+78442551234"),
        ("+7 999 123-45-67", "+79991234567"),
        ("9991234567", "+79991234567"),
        ("+49 30 901820", "+4930901820"),
        ("", ""),
    ],
)
def test_a_phone_is_kept_in_international_form(index, typed, kept):
    event = make_event(index, "Заседание", wall(5), registration="internal")
    form = bound_form(event, event_dates(event)[0], phone=typed)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == kept


@pytest.mark.parametrize("typed", ["12345", "+7 999", "телефон", "8 (000) 000-00-00"])
def test_a_number_that_is_no_phone_is_refused(index, typed):
    event = make_event(index, "Заседание", wall(5), registration="internal")
    form = bound_form(event, event_dates(event)[0], phone=typed)

    assert not form.is_valid()
    assert form.errors["phone"] == [
        in_russian("Enter a phone number, for example +7 900 123-45-67.")
    ]


def test_a_series_offers_only_the_dates_still_open(index):
    event = make_event(
        index,
        "Клуб",
        wall(-7),
        registration="internal",
        registration_closes=24 * 8,
        repeat="weekly",
        repeat_count=4,
    )

    form = RegistrationForm(request=RequestFactory().get("/"), event=event)

    # Closing 8 days before each start: of -7, 0, 7 and 14 days from now, only 14 is open.
    values = [value for value, _label in form.fields["date"].widget.choices if value]
    assert values == [wall(14).date().isoformat()]


def test_the_registry_match_ignores_the_case_of_the_email(index):
    event = make_event(
        index, "Закрытое", wall(5), registration="internal", audience="members_only"
    )
    member = MemberFactory(email="Ivanov@Example.org")

    form = bound_form(
        event,
        event_dates(event)[0],
        registry_number=str(member.registry_number),
        email=" ivanov@example.ORG ",
    )

    assert form.is_valid(), form.errors
    assert form.member == member


def test_an_open_event_asks_no_registry_number(index):
    event = make_event(index, "Открытое", wall(5), registration="internal")

    form = bound_form(event, event_dates(event)[0])

    assert "registry_number" not in form.fields
    assert form.is_valid(), form.errors
    assert form.member is None
