"""The management link: only the token e-mailed to the person opens their registration."""

import datetime

import pytest

from caseclub_wagtail.registrations.purge import anonymise_registrations
from caseclub_wagtail.registrations.seats import event_dates
from caseclub_wagtail.registrations.service import cancel, register
from caseclub_wagtail.registrations.tokens import manage_token, registration_from_token
from tests.factories import make_event, make_event_index, wall

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture
def people():
    event = make_event(make_event_index(), "Стажировка", wall(14), registration="internal")
    date = event_dates(event)[0].date
    return [
        register(event, date, name="Анна", email="anna@example.org"),
        register(event, date, name="Борис", email="boris@example.org"),
    ]


def test_the_e_mailed_token_opens_its_own_registration(people):
    anna, boris = people

    assert registration_from_token(manage_token(anna)) == anna
    assert registration_from_token(manage_token(boris)) == boris
    assert manage_token(anna) != manage_token(boris)


def test_a_forged_signature_opens_nothing(people):
    anna = people[0]
    number, _, signature = manage_token(anna).partition("-")
    forged = ("A" if signature[0] != "A" else "B") + signature[1:]

    assert registration_from_token(f"{number}-{forged}") is None
    assert registration_from_token(f"{number}-") is None
    assert registration_from_token(number) is None


def test_a_token_given_another_registrations_number_opens_nothing(people):
    anna, boris = people
    _, _, signature = manage_token(anna).partition("-")

    assert registration_from_token(f"{boris.pk}-{signature}") is None
    assert registration_from_token(f"{anna.pk + 100}-{signature}") is None


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        ":",
        "garbage",
        "-",
        "abc-def",
        "-1-abc",
        "1.0-abc",
        " 1-abc",
        "1:abc",  # the signer's own separator, which a page path cannot hold
        "²-abc",  # a digit to str.isdigit, not to int()
        "١-abc",  # an Arabic-Indic one
        "9" * 40 + "-abc",
        "1-abc-def",
        "\x00-abc",
    ],
)
def test_a_garbage_token_opens_nothing(people, garbage):
    assert registration_from_token(garbage) is None


def test_the_token_stops_working_once_used_to_cancel(people):
    anna = people[0]
    token = manage_token(anna)

    cancel(registration_from_token(token))

    assert registration_from_token(token) is None


def test_no_token_works_after_the_personal_data_is_removed(people):
    anna = people[0]
    token = manage_token(anna)

    anonymise_registrations(anna.date + datetime.timedelta(days=1))

    assert registration_from_token(token) is None
    anna.refresh_from_db()
    assert registration_from_token(manage_token(anna)) is None
