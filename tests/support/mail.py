"""A mail backend that fails, as a mail server that is down or refuses the message does."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

FAILING_BACKEND = "tests.support.mail.FailingEmailBackend"
ERROR = "the mail server refused the connection"


class FailingEmailBackend(BaseEmailBackend):
    """Every connection and every message fails with an SMTP error."""

    def open(self):
        raise smtplib.SMTPException(ERROR)

    def send_messages(self, email_messages):
        raise smtplib.SMTPException(ERROR)
