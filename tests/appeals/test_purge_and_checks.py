"""Closed appeals lose their personal data and files; the host is warned of public files."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.utils import timezone

from caseclub_wagtail.appeals.purge import anonymise_appeals
from caseclub_wagtail.core import private_files
from caseclub_wagtail.models import Appeal, AppealAttachment, CaseStudyPage
from tests.factories import AppealFactory, TopicFactory, attach, make_case, make_case_library

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
DAYS = datetime.timedelta(days=1)


def closed(days_ago, status="rejected", **fields):
    now = timezone.now()
    return AppealFactory(
        status=status,
        note="Звонила Мария, просит перезвонить",
        created_at=now - (days_ago + 5) * DAYS,
        closed_at=now - days_ago * DAYS,
        **fields,
    )


def purge(*args) -> str:
    out = StringIO()
    call_command("caseclub_purge_personal_data", *args, stdout=out)
    return out.getvalue().strip()


def test_appeals_closed_long_ago_keep_only_what_the_club_counts(
    django_capture_on_commit_callbacks,
):
    roof = TopicFactory()
    case = make_case(make_case_library())
    old = closed(400, status="linked", case=case, topic=roof, phone="+79175554433")
    scan = attach(old)
    path = Path(scan.file.path)
    recent = closed(30)
    still_open = AppealFactory(status="accepted", created_at=timezone.now() - 900 * DAYS)

    with django_capture_on_commit_callbacks(execute=True):  # the files go on commit
        report = purge()

    assert "1 closed appeals anonymised (1 files deleted)" in report
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.address, old.description, old.note) == (("",) * 6)
    assert old.anonymised_at is not None
    # What the club counts stays: the number, status, topic, place, dates and the case.
    assert (old.status, old.topic, old.municipality, old.case) == (
        "linked",
        roof,
        "Волжский",
        CaseStudyPage.objects.get(pk=case.pk),
    )
    assert not path.exists()
    assert not AppealAttachment.objects.filter(appeal=old).exists()
    for untouched in (recent, still_open):
        untouched.refresh_from_db()
        assert untouched.name and untouched.anonymised_at is None


def test_a_dry_run_deletes_no_file_and_changes_no_appeal(django_capture_on_commit_callbacks):
    old = closed(400)
    path = Path(attach(old).file.path)

    with django_capture_on_commit_callbacks(execute=True):
        report = purge("--dry-run")

    assert "1 closed appeals would be anonymised (1 files would be deleted)" in report
    assert path.exists()
    old.refresh_from_db()
    assert old.name and old.attachments.count() == 1


def test_purging_again_finds_nothing_more(django_capture_on_commit_callbacks):
    closed(400)
    before = timezone.now() - 365 * DAYS
    with django_capture_on_commit_callbacks(execute=True):
        first = anonymise_appeals(before)

    assert first == (1, 0)
    assert anonymise_appeals(before) == (0, 0)
    assert Appeal.objects.get().anonymised_at is not None


def private_storage_warnings():
    return [message for message in run_checks() if message.id == "caseclub_wagtail.W010"]


def test_a_host_without_the_private_storage_is_warned(settings):
    assert private_storage_warnings() == []

    settings.STORAGES = {
        name: backend for name, backend in settings.STORAGES.items() if name != "caseclub_private"
    }

    assert not private_files.has_private_storage()
    [warning] = private_storage_warnings()
    assert "caseclub_private" in warning.msg
    assert "STORAGES" in warning.hint
