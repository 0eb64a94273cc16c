"""Registrations written straight to the database, and what a visitor types into the form."""

import datetime

from caseclub_wagtail.models import EventRegistration


def add_registrations(event, date: datetime.date, count: int, *, status="confirmed", first=1):
    """``count`` registrations of ``event`` for ``date``, numbered from ``first``, in one query."""
    return EventRegistration.objects.bulk_create(
        EventRegistration(
            event=event,
            date=date,
            status=status,
            name=f"Записанный Участник {number}",
            email=f"guest{number}@example.org",
        )
        for number in range(first, first + count)
    )


def registration_data(**fields) -> dict:
    """What a visitor types into the registration form (the protection fields aside)."""
    data = {
        "name": "Петрова Анна Сергеевна",
        "email": "anna.petrova@example.org",
        "phone": "",
        "organization": "ТСЖ «Мира, 10»",
        "comment": "",
        "consent": "on",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}
