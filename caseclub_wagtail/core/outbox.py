"""Queueing and sending the outbox's e-mails, with retries, through Django's mail API only.

Nothing here reads ``settings.EMAIL_*`` (Django 6.1 deprecates them): the host's
``EMAIL_BACKEND`` and its options reach us through ``get_connection()``, and the sender is
Django's ``DEFAULT_FROM_EMAIL``, which ``EmailMessage`` uses when given none.

Two senders may meet on one row: the send after a transaction commits and a cron run of
``caseclub_send_emails``, or two cron runs that overlap. Each attempt first claims the row
with a conditional update of its ``attempts`` counter, so only one of them sends it. A claim
is one short UPDATE on every database: no transaction stays open (and on SQLite, no write
lock is held) while a slow mail server is waited for.
"""

import datetime
import logging

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from caseclub_wagtail.core.outbox_models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

# After this many failed attempts an e-mail is no longer retried (a coordinator may resend
# it); with the delays below, the last attempt comes about a day after the first.
MAX_ATTEMPTS = 10
# The wait after the first failure, doubled after each further one, up to the longest.
FIRST_RETRY = datetime.timedelta(minutes=5)
LONGEST_RETRY = datetime.timedelta(hours=6)
# A claimed row is not due again for this long, so that another run does not send it while
# this one is still talking to the mail server; if this run dies, the row is retried then.
CLAIM = datetime.timedelta(minutes=15)
# The most of an error message kept on the row.
ERROR_LENGTH = 2000


def queue_email(recipient: str, subject: str, body: str) -> OutgoingEmail:
    """Save an e-mail in the caller's transaction and send it once that commits."""
    email = OutgoingEmail.objects.create(
        recipient=recipient,
        # A line break in a subject is a header injection to Django: keep it on one line.
        subject=" ".join(subject.split())[:255],
        body=body,
    )
    # robust: even a database error while recording the outcome is logged, never raised
    # into the request that has already saved the person's submission.
    transaction.on_commit(lambda: send_email(email), robust=True)
    return email


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait before the next attempt after ``attempts`` failed ones."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def unsent_emails():
    """The e-mails still to be sent, now or at a later attempt."""
    return (
        OutgoingEmail.objects.filter(
            status__in=[EmailStatus.PENDING, EmailStatus.FAILED], attempts__lt=MAX_ATTEMPTS
        )
        # The personal data purge blanks the address of old unsent ones: nobody to send to.
        .exclude(recipient="")
    )


def due_emails(now: datetime.datetime | None = None):
    """The e-mails to send or retry at ``now``, oldest first."""
    return (
        unsent_emails()
        .filter(next_attempt_at__lte=now or timezone.now())
        .order_by("next_attempt_at", "pk")
    )


def send_email(email: OutgoingEmail, connection=None) -> bool:
    """Try once to send ``email`` and record the outcome on its row; True if it was sent.

    False also when another sender has claimed it meanwhile. A mail error is never raised.
    """
    if not _claim(email):
        return False
    return _deliver(email, connection)


def send_pending(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Send every due e-mail over one connection; return how many were sent and failed.

    ``now`` (default: the current time) decides which are due.
    """
    due = list(due_emails(now))
    if not due:
        return 0, 0
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        # Each message then fails on its own and records why; the run goes on.
        logger.warning("Could not connect to the mail server", exc_info=True)
    sent = failed = 0
    try:
        for email in due:
            if not _claim(email):
                continue  # an overlapping run has it
            if _deliver(email, connection):
                sent += 1
            else:
                failed += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Could not close the mail connection", exc_info=True)
    return sent, failed


def resend(email: OutgoingEmail) -> bool:
    """Send ``email`` again now, whatever its state (a coordinator's resend); True if sent.

    One more attempt: a failure is recorded as usual, and one that has used up its
    attempts is not retried automatically afterwards.
    """
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.PENDING, next_attempt_at=timezone.now()
    )
    email.refresh_from_db()
    return send_email(email)


def _claim(email: OutgoingEmail) -> bool:
    """Take ``email`` for one attempt, unless another sender took it first."""
    claimed = (
        OutgoingEmail.objects.filter(pk=email.pk, attempts=email.attempts)
        .exclude(status=EmailStatus.SENT)
        .update(attempts=email.attempts + 1, next_attempt_at=timezone.now() + CLAIM)
    )
    if claimed:
        email.attempts += 1
    return bool(claimed)


def _deliver(email: OutgoingEmail, connection) -> bool:
    """Send the claimed ``email`` and record whether it went."""
    message = EmailMessage(
        subject=email.subject, body=email.body, to=[email.recipient], connection=connection
    )
    try:
        message.send()
    except Exception as error:
        # Whatever the backend raises (SMTP, DNS, a socket's timeout) is the mail's failure,
        # kept on the row to retry, never the person's.
        email.status = EmailStatus.FAILED
        email.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        email.save(update_fields=["status", "last_error", "next_attempt_at"])
        given_up = email.attempts >= MAX_ATTEMPTS
        # The address stays out of the log: it is personal data, and the row names it.
        logger.log(
            logging.ERROR if given_up else logging.WARNING,
            "Outgoing e-mail %s failed (attempt %s%s): %s",
            email.pk,
            email.attempts,
            ", the last" if given_up else "",
            email.last_error,
        )
        return False
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error"])
    return True
