"""The outbox: e-mails are rows first, sent after the commit, retried when the server fails."""

import datetime
import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from caseclub_wagtail.core import outbox
from caseclub_wagtail.models import EmailStatus, OutgoingEmail
from tests.support.mail import ERROR, FAILING_BACKEND

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
MINUTES = datetime.timedelta(minutes=1)


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND


def queue(recipient="anna@example.org", subject="Вы зарегистрированы", body="До встречи!"):
    return OutgoingEmail.objects.create(recipient=recipient, subject=subject, body=body)


def test_a_queued_email_is_sent_only_once_its_transaction_commits(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            email = outbox.queue_email("anna@example.org", "Вы зарегистрированы", "До встречи!")
            assert OutgoingEmail.objects.get().status == EmailStatus.PENDING
            assert mailoutbox == []

    assert [(m.to, m.subject, m.body) for m in mailoutbox] == [
        (["anna@example.org"], "Вы зарегистрированы", "До встречи!")
    ]
    email.refresh_from_db()
    assert (email.status, email.attempts, email.sent_at) == (EmailStatus.SENT, 1, timezone.now())


def test_a_rolled_back_transaction_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.queue_email("anna@example.org", "Вы зарегистрированы", "До встречи!")
            raise RuntimeError("the registration failed")

    assert mailoutbox == []
    assert not OutgoingEmail.objects.exists()


def test_the_sender_is_the_sites_default_from_address(settings, mailoutbox):
    settings.DEFAULT_FROM_EMAIL = "club@example.org"

    assert outbox.send_email(queue())
    assert mailoutbox[0].from_email == "club@example.org"


def test_a_subject_with_a_line_break_is_sent_on_one_line(mailoutbox):
    email = outbox.queue_email("anna@example.org", "Вы зарегистрированы:\nсеминар", "Текст")

    assert outbox.send_email(email)
    assert mailoutbox[0].subject == "Вы зарегистрированы: семинар"


def test_a_failing_mail_server_never_reaches_the_person_and_the_email_is_kept(
    failing_mail, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue_email("anna@example.org", "Вы зарегистрированы", "До встречи!")

    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 1
    assert ERROR in email.last_error
    assert email.sent_at is None
    assert email.next_attempt_at == timezone.now() + 5 * MINUTES
    assert [r.levelno for r in caplog.records if r.name == outbox.__name__] == [logging.WARNING]
    assert "anna@example.org" not in caplog.text


def test_a_failed_email_is_retried_after_a_growing_wait(settings, failing_mail, clock):
    email = queue()
    assert not outbox.send_email(email)

    clock.shift(4 * MINUTES)
    assert outbox.send_pending() == (0, 0)  # not yet due
    clock.shift(1 * MINUTES)
    assert outbox.send_pending() == (0, 1)
    email.refresh_from_db()
    assert (email.attempts, email.next_attempt_at) == (2, timezone.now() + 10 * MINUTES)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(10 * MINUTES)
    assert outbox.send_pending() == (1, 0)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 3, "")


def test_the_wait_doubles_up_to_six_hours():
    waits = [outbox.retry_delay(attempts) for attempts in range(1, 10)]

    assert waits[:4] == [5 * MINUTES, 10 * MINUTES, 20 * MINUTES, 40 * MINUTES]
    assert waits[-1] == datetime.timedelta(hours=6)
    assert waits == sorted(waits)


def test_after_the_last_attempt_an_email_is_no_longer_retried(failing_mail, clock, caplog):
    email = queue()
    for _attempt in range(outbox.MAX_ATTEMPTS):
        outbox.send_pending()
        clock.shift(datetime.timedelta(hours=7))

    assert outbox.send_pending() == (0, 0)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, outbox.MAX_ATTEMPTS)
    assert caplog.records[-1].levelno == logging.ERROR


def test_a_coordinator_resends_an_email_that_was_given_up(mailoutbox):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED, attempts=outbox.MAX_ATTEMPTS, last_error="timed out"
    )

    assert outbox.resend(email)
    email.refresh_from_db()
    assert (email.status, email.last_error) == (EmailStatus.SENT, "")
    assert len(mailoutbox) == 1


def test_a_resent_email_that_fails_again_says_why(failing_mail):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENT)

    assert not outbox.resend(email)
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert ERROR in email.last_error


def test_two_senders_of_one_email_send_it_once(mailoutbox):
    # The send after the commit and an overlapping cron run both read the row.
    first, second = queue(), OutgoingEmail.objects.get()

    assert outbox.send_email(first)
    assert not outbox.send_email(second)
    assert len(mailoutbox) == 1
    assert OutgoingEmail.objects.get().attempts == 1


def test_a_run_sends_every_due_email_and_leaves_the_rest(mailoutbox):
    due = [queue(recipient=f"person{number}@example.org") for number in range(3)]
    later = queue(recipient="later@example.org")
    OutgoingEmail.objects.filter(pk=later.pk).update(
        status=EmailStatus.FAILED, next_attempt_at=timezone.now() + 5 * MINUTES
    )
    sent = queue(recipient="sent@example.org")
    OutgoingEmail.objects.filter(pk=sent.pk).update(status=EmailStatus.SENT)

    assert outbox.send_pending() == (3, 0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(email.recipient for email in due)


def test_the_command_sends_what_is_waiting_and_says_so(mailoutbox):
    queue(recipient="anna@example.org")
    queue(recipient="boris@example.org")
    out = StringIO()

    call_command("caseclub_send_emails", stdout=out)

    assert len(mailoutbox) == 2
    assert out.getvalue().strip() == "2 sent, 0 failed, 0 waiting for a later attempt."
    assert OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 2


def test_the_command_keeps_going_when_the_mail_server_is_down(failing_mail):
    queue(recipient="anna@example.org")
    queue(recipient="boris@example.org")
    out = StringIO()

    call_command("caseclub_send_emails", stdout=out)

    assert out.getvalue().strip() == "0 sent, 2 failed, 2 waiting for a later attempt."
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.FAILED}


def test_a_command_run_with_nothing_due_sends_nothing(mailoutbox):
    out = StringIO()

    call_command("caseclub_send_emails", stdout=out)

    assert out.getvalue().strip() == "0 sent, 0 failed, 0 waiting for a later attempt."
