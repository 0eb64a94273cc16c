"""TEMPORARY lead placeholder, replaced by the guard helper's module on merge."""

from caseclub_wagtail.core.outbox_models import OutgoingEmail


def queue_email(recipient, subject, body):
    return OutgoingEmail.objects.create(recipient=recipient, subject=subject, body=body)
