"""Placeholder of the outbox's sending: only what the coordinators' outbox admin calls.

The other helper's core/outbox.py (queueing, backoff, sending what is pending) replaces
this file on merge.
"""

import logging

from django.core.mail import send_mail
from django.utils import timezone

from caseclub_wagtail.core.outbox_models import EmailStatus

logger = logging.getLogger(__name__)


def resend(email):
    """Send ``email`` again now, recording whether it was sent or failed."""
    email.status = EmailStatus.PENDING
    email.attempts += 1
    try:
        send_mail(email.subject, email.body, None, [email.recipient])
    except Exception as error:  # a mail server's failure is recorded, never raised
        logger.warning("E-mail %s to %s failed: %s", email.pk, email.recipient, error)
        email.status = EmailStatus.FAILED
        email.last_error = str(error)
    else:
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
    email.save()
    return email.status == EmailStatus.SENT
