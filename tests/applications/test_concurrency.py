"""Admissions at the same moment: different registry numbers, and nobody admitted twice.

Real threads, each on its own database connection. On PostgreSQL the registry's number
sequence and the application's conditional update keep them apart; on SQLite the IMMEDIATE
transactions of tests/settings.py serialise them, so the same test passes there too.
"""

import pytest

from caseclub_wagtail.applications import service
from caseclub_wagtail.models import Member, MembershipApplication
from tests.factories import ApplicationFactory, MemberFactory, admin_user
from tests.support.threads import at_once

pytestmark = pytest.mark.clock

APPLICANTS = 6


def admitting(application_pk, user):
    """One coordinator's admission, with the application loaded as their request loads it."""
    application = MembershipApplication.objects.get(pk=application_pk)
    return lambda: service.admit(application, user)


@pytest.mark.django_db(transaction=True)
def test_applications_admitted_at_once_get_different_consecutive_numbers():
    highest = MemberFactory().registry_number
    user = admin_user(username="coordinator")
    applications = [ApplicationFactory() for _n in range(APPLICANTS)]

    outcomes = at_once([admitting(application.pk, user) for application in applications])

    assert all(isinstance(outcome, Member) for outcome in outcomes), outcomes
    numbers = sorted(
        Member.objects.exclude(registry_number=highest).values_list("registry_number", flat=True)
    )
    assert numbers == list(range(highest + 1, highest + 1 + APPLICANTS))
    assert MembershipApplication.objects.filter(status="admitted").count() == APPLICANTS


@pytest.mark.django_db(transaction=True)
def test_one_application_admitted_twice_at_once_makes_one_member():
    user = admin_user(username="coordinator")
    application = ApplicationFactory()

    outcomes = at_once([admitting(application.pk, user) for _n in range(2)])

    admitted = [outcome for outcome in outcomes if isinstance(outcome, Member)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, service.AlreadyDecided)]
    assert (len(admitted), len(refused)) == (1, 1), outcomes
    assert Member.objects.count() == 1
    application.refresh_from_db()
    assert application.member == admitted[0]
