"""The registry's rules, kept by the model and the database whatever the entry point."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from caseclub_wagtail.models import Member, NumberSequence
from tests.factories import MemberFactory

MARCH_1 = datetime.date(2025, 3, 1)


def validation_errors(member) -> dict:
    """The errors ``full_clean`` reports for ``member``, by field; empty when valid."""
    try:
        member.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def terminated(**kwargs):
    return MemberFactory.build(
        status="terminated",
        terminated_on=kwargs.pop("terminated_on", datetime.date(2025, 9, 1)),
        termination_ground=kwargs.pop("termination_ground", "voluntary"),
        **kwargs,
    )


# One chair


def test_a_second_active_chair_is_invalid_and_the_error_names_the_chair(db):
    MemberFactory(role="chair", name="Петров Пётр Ильич")

    errors = validation_errors(MemberFactory.build(role="chair"))

    assert list(errors) == ["role"]
    assert "Петров Пётр Ильич" in errors["role"][0]


def test_the_chair_is_valid_when_edited(db):
    chair = MemberFactory(role="chair")
    chair.name = "Петров Пётр Ильич"

    assert validation_errors(chair) == {}


def test_any_number_of_deputy_chairs_is_valid(db):
    MemberFactory(role="deputy_chair")
    MemberFactory(role="deputy_chair")

    assert validation_errors(MemberFactory.build(role="deputy_chair")) == {}


def test_a_former_chair_does_not_block_a_new_one(db):
    former = terminated(role="chair")
    former.save()

    assert validation_errors(MemberFactory.build(role="chair")) == {}


def test_a_chair_whose_membership_ends_does_not_count_as_a_second_chair(db):
    MemberFactory(role="chair")

    assert validation_errors(terminated(role="chair")) == {}


def test_the_database_refuses_a_second_active_chair_without_validation(db):
    MemberFactory(role="chair")

    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(name="Второй Председатель", category="mentor", role="chair")

    assert Member.objects.filter(role="chair").count() == 1


def test_the_database_refuses_a_second_chair_made_by_a_bulk_update(db):
    MemberFactory(role="chair")
    deputy = MemberFactory(role="deputy_chair")

    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=deputy.pk).update(role="chair")

    deputy.refresh_from_db()
    assert deputy.role == "deputy_chair"


def test_the_database_accepts_a_new_chair_beside_a_former_one(db):
    terminated(role="chair").save()

    Member.objects.create(name="Новый Председатель", category="mentor", role="chair")

    assert Member.objects.filter(role="chair").count() == 2


# Ending membership


def test_an_ended_membership_needs_its_date(db):
    errors = validation_errors(terminated(terminated_on=None))

    assert list(errors) == ["terminated_on"]


def test_an_ended_membership_needs_its_ground(db):
    errors = validation_errors(terminated(termination_ground=""))

    assert list(errors) == ["termination_ground"]


def test_an_ended_membership_without_date_or_ground_reports_both(db):
    member = MemberFactory.build(status="terminated")

    assert sorted(validation_errors(member)) == ["terminated_on", "termination_ground"]


def test_membership_cannot_end_before_it_began(db):
    member = terminated(admitted_on=MARCH_1, terminated_on=datetime.date(2025, 2, 28))

    errors = validation_errors(member)

    assert list(errors) == ["terminated_on"]


def test_membership_may_end_on_the_day_it_began(db):
    member = terminated(admitted_on=MARCH_1, terminated_on=MARCH_1)

    assert validation_errors(member) == {}


@pytest.mark.parametrize("ground", ["voluntary", "non_compliance"])
def test_the_two_grounds_of_the_regulation_are_accepted(db, ground):
    assert validation_errors(terminated(termination_ground=ground)) == {}


def test_an_unknown_ground_is_refused(db):
    errors = validation_errors(terminated(termination_ground="expelled"))

    assert list(errors) == ["termination_ground"]


def test_an_active_membership_has_no_end_date(db):
    member = MemberFactory.build(terminated_on=datetime.date(2025, 9, 1))

    assert list(validation_errors(member)) == ["terminated_on"]


def test_an_active_membership_has_no_ground_for_ending(db):
    member = MemberFactory.build(termination_ground="voluntary")

    assert list(validation_errors(member)) == ["termination_ground"]


def test_a_plain_active_member_is_valid(db):
    assert validation_errors(MemberFactory.build()) == {}


# Registry numbers


def test_registry_numbers_are_sequential(db):
    numbers = [MemberFactory().registry_number for _ in range(3)]

    assert numbers == [1, 2, 3]


def test_saving_again_keeps_the_registry_number(db):
    MemberFactory()
    member = MemberFactory()

    member.name = "Новое Имя"
    member.save()

    member.refresh_from_db()
    assert member.registry_number == 2


def test_a_lost_counter_row_does_not_lead_to_reuse(db):
    for _ in range(3):
        MemberFactory()
    NumberSequence.objects.all().delete()

    assert MemberFactory().registry_number == 4


def test_the_number_of_a_removed_entry_is_not_reused(db):
    for _ in range(3):
        MemberFactory()
    Member.objects.get(registry_number=3).delete()

    assert MemberFactory().registry_number == 4


def test_a_registry_number_is_not_required_for_validation(db):
    member = MemberFactory.build()

    assert member.registry_number is None
    assert validation_errors(member) == {}


# Querysets


def test_public_holds_only_active_consenting_members(db):
    MemberFactory(name="Видимый Участник", public_profile=True)
    MemberFactory(name="Без Согласия", public_profile=False)
    former = terminated(name="Бывший Участник", public_profile=True)
    former.save()

    assert [member.name for member in Member.objects.public()] == ["Видимый Участник"]


def test_leadership_first_orders_chair_deputies_members(db):
    MemberFactory(name="Абрамов Участник")
    MemberFactory(name="Яковлев Заместитель", role="deputy_chair")
    MemberFactory(name="Щукин Председатель", role="chair")
    MemberFactory(name="Борисов Заместитель", role="deputy_chair")
    MemberFactory(name="Васильев Участник")

    assert [member.name for member in Member.objects.leadership_first()] == [
        "Щукин Председатель",
        "Борисов Заместитель",
        "Яковлев Заместитель",
        "Абрамов Участник",
        "Васильев Участник",
    ]


def test_a_failed_first_save_does_not_keep_a_registry_number(db):
    chair = MemberFactory(role="chair")
    second = MemberFactory.build(role="chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    assert second.registry_number is None
    second.role = "member"
    second.save()
    assert second.registry_number == chair.registry_number + 1
