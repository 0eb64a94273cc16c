"""Removing the personal data of old registrations, keeping what reports count."""

import datetime

from django.utils import timezone

from caseclub_wagtail.registrations.models import EventRegistration


def anonymise_registrations(before: datetime.date) -> int:
    """Blank the personal data of registrations for dates before ``before``; return how many.

    The event, the date, the status (attendance) and the member stay, so counts and the
    registry's attendance figures survive. Safe to run again: done ones are skipped. The
    secret is blanked too, so no management link works any more.
    """
    return EventRegistration.objects.filter(date__lt=before, anonymised_at__isnull=True).update(
        name="",
        email="",
        phone="",
        organization="",
        comment="",
        message="",
        secret="",
        anonymised_at=timezone.now(),
    )
