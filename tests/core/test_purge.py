"""caseclub_purge_personal_data: old registrations lose their personal data, and so does mail."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from caseclub_wagtail.models import EmailStatus, EventRegistration, OutgoingEmail
from tests.factories import MemberFactory, make_event, make_event_index, wall

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
DAYS = datetime.timedelta(days=1)


@pytest.fixture
def event(db):
    return make_event(make_event_index(), "Семинар по капремонту", wall(-400))


def register(event, days_ago, status="attended", **fields):
    fields = {
        "name": "Анна Петрова",
        "email": f"anna{days_ago}@example.org",
        "phone": "+7 902 000-00-00",
        "organization": "ТСЖ «Уют»",
        "comment": "Приду с коллегой",
        **fields,
    }
    return EventRegistration.objects.create(
        event=event, date=timezone.localdate() - days_ago * DAYS, status=status, **fields
    )


def mail(days_ago, status):
    email = OutgoingEmail.objects.create(
        recipient="anna@example.org", subject="Вы зарегистрированы", body="Анна, до встречи!"
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=status, created_at=timezone.now() - days_ago * DAYS
    )
    return email


def purge(*args) -> str:
    out = StringIO()
    call_command("caseclub_purge_personal_data", *args, stdout=out)
    return out.getvalue().strip()


def test_registrations_a_year_after_their_date_keep_only_what_reports_count(event):
    member = MemberFactory()
    old = register(event, 400, member=member)
    recent = register(event, 30, status="confirmed")

    report = purge()

    assert "1 registrations anonymised" in report
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.organization, old.comment) == ("",) * 5
    assert (old.member, old.status) == (member, "attended")
    assert old.date == timezone.localdate() - 400 * DAYS
    assert old.anonymised_at == timezone.now()
    recent.refresh_from_db()
    assert (recent.name, recent.email, recent.anonymised_at) == (
        "Анна Петрова",
        "anna30@example.org",
        None,
    )


def test_the_date_exactly_that_many_days_ago_is_kept_until_the_next_day(event):
    on_the_day = register(event, 365)

    assert "0 registrations anonymised" in purge()
    on_the_day.refresh_from_db()
    assert on_the_day.anonymised_at is None


def test_a_second_run_finds_nothing_more_to_do(event):
    register(event, 400)
    mail(400, EmailStatus.SENT)
    mail(400, EmailStatus.FAILED)
    purge()

    report = purge()
    assert "0 registrations anonymised, " in report
    assert report.endswith("0 sent e-mails deleted, 0 unsent e-mails blanked.")


def test_a_dry_run_reports_and_changes_nothing(event):
    old = register(event, 400)
    mail(400, EmailStatus.SENT)

    report = purge("--dry-run")

    assert "1 registrations would be anonymised, " in report
    assert "1 sent e-mails would be deleted" in report
    old.refresh_from_db()
    assert old.name == "Анна Петрова"
    assert OutgoingEmail.objects.count() == 1


def test_days_on_the_command_line_or_in_the_settings_set_the_age(event):
    recent = register(event, 30)

    assert "0 registrations anonymised" in purge()
    with override_settings(CASECLUB_WAGTAIL={"PERSONAL_DATA_DAYS": 20}):
        assert "1 registrations anonymised" in purge()
    recent.refresh_from_db()
    assert recent.anonymised_at is not None
    lately = register(event, 10)
    assert "1 registrations anonymised" in purge("--days", "5")
    lately.refresh_from_db()
    assert lately.anonymised_at is not None


def test_a_negative_age_is_refused(event):
    with pytest.raises(CommandError):
        purge("--days", "-1")


def test_old_sent_emails_are_deleted_and_old_unsent_ones_blanked():
    sent_long_ago = mail(400, EmailStatus.SENT)
    failed_long_ago = mail(400, EmailStatus.FAILED)
    pending_long_ago = mail(400, EmailStatus.PENDING)
    sent_lately = mail(30, EmailStatus.SENT)

    report = purge()

    assert report.endswith("1 sent e-mails deleted, 2 unsent e-mails blanked.")
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {
        failed_long_ago.pk,
        pending_long_ago.pk,
        sent_lately.pk,
    }
    assert not OutgoingEmail.objects.filter(pk=sent_long_ago.pk).exists()
    for email in (failed_long_ago, pending_long_ago):
        email.refresh_from_db()
        assert (email.recipient, email.body, email.status) == ("", "", EmailStatus.FAILED)
        assert email.subject == "Вы зарегистрированы"
    sent_lately.refresh_from_db()
    assert sent_lately.body == "Анна, до встречи!"


def test_a_blanked_email_is_never_sent(mailoutbox):
    mail(400, EmailStatus.PENDING)
    purge()

    call_command("caseclub_send_emails", stdout=StringIO())

    assert mailoutbox == []
