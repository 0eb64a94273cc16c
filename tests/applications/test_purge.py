"""The personal data of decided membership applications goes PERSONAL_DATA_DAYS after."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from caseclub_wagtail.applications.purge import anonymise_applications
from caseclub_wagtail.models import Member, MembershipApplication
from tests.factories import ApplicationFactory, MemberFactory, TopicFactory

pytestmark = pytest.mark.clock


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def applications(db):
    member = MemberFactory(email="old@example.org")
    topic = TopicFactory()
    return {
        "old_admitted": ApplicationFactory(
            status="admitted", decided_at=days_ago(400), member=member, expertise=[topic]
        ),
        "old_declined": ApplicationFactory(
            status="declined", decided_at=days_ago(400), reason="Не из региона"
        ),
        "recent": ApplicationFactory(status="declined", decided_at=days_ago(10)),
        "waiting": ApplicationFactory(created_at=days_ago(500)),
    }


def test_decided_applications_lose_their_personal_data_after_the_cutoff(applications):
    count = anonymise_applications(days_ago(365))

    assert count == 2
    for key in ("old_admitted", "old_declined"):
        application = MembershipApplication.objects.get(pk=applications[key].pk)
        assert (application.name, application.email, application.phone) == ("", "", "")
        assert (application.bio, application.organization, application.reason) == ("", "", "")
        assert application.anonymised_at == timezone.now()
        # What the club counts stays.
        assert application.status == applications[key].status
        assert application.category == "owner"
    admitted = MembershipApplication.objects.get(pk=applications["old_admitted"].pk)
    assert admitted.member.email == "old@example.org"  # the registry keeps its own entry
    assert admitted.expertise.count() == 1
    for key in ("recent", "waiting"):
        assert MembershipApplication.objects.get(pk=applications[key].pk).email


def test_a_second_run_changes_nothing(applications):
    anonymise_applications(days_ago(365))

    assert anonymise_applications(days_ago(365)) == 0


def test_the_purge_command_reports_the_applications(applications):
    out = io.StringIO()
    call_command("caseclub_purge_personal_data", "--dry-run", stdout=out)

    assert "2 membership applications would be anonymised" in out.getvalue()
    assert MembershipApplication.objects.filter(anonymised_at__isnull=False).count() == 0

    out = io.StringIO()
    call_command("caseclub_purge_personal_data", stdout=out)

    assert "2 membership applications anonymised" in out.getvalue()
    assert Member.objects.count() == 1
