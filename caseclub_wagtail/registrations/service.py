"""Placeholder of the lead's registration service: only what the coordinators' inbox calls.

The lead's own service.py (seats, the waitlist, e-mails) replaces this file on merge.
"""

from django.utils import timezone

from caseclub_wagtail.registrations.choices import RegistrationStatus


def cancel(registration, message="", request=None):
    """Cancel ``registration`` with the coordinator's ``message``."""
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.message = message
    registration.save(update_fields=["status", "cancelled_at", "message", "updated_at"])
    return registration
