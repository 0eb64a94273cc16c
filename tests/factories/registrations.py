"""Registrations, written as the service writes them, for tests that need many at once."""

from django.utils import timezone

from caseclub_wagtail.models import EventRegistration
from caseclub_wagtail.registrations.choices import RegistrationStatus


def add_registrations(event, date, count, status=RegistrationStatus.CONFIRMED, start=0):
    """``count`` registrations of ``event`` for ``date`` (the date as planned), in one query."""
    return EventRegistration.objects.bulk_create(
        EventRegistration(
            event=event,
            date=date,
            status=status,
            name=f"Участник {start + number}",
            email=f"person{start + number}@example.org",
            consented_at=timezone.now(),
        )
        for number in range(count)
    )
