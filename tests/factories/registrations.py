"""Registrations for an event's dates, in any state, as the form or the inbox leaves them."""

import factory
from django.utils import timezone

from caseclub_wagtail.models import EventRegistration
from caseclub_wagtail.registrations.choices import RegistrationStatus


class RegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Участница Номер {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = ""
    organization = "ТСЖ «Солнечный»"
    status = "confirmed"
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = EventRegistration


def registration(event, date=None, **fields) -> EventRegistration:
    """A registration for ``event`` on ``date`` (the event's first date unless given)."""
    date = date or timezone.localtime(event.start, event.zone).date()
    return RegistrationFactory(event=event, date=date, **fields)


def add_registrations(event, date, count, status=RegistrationStatus.CONFIRMED, *, first=0):
    """``count`` registrations of ``event`` for ``date`` (the date as planned), numbered from
    ``first``, in one query."""
    return EventRegistration.objects.bulk_create(
        EventRegistration(
            event=event,
            date=date,
            status=status,
            name=f"Участник {number}",
            email=f"person{number}@example.org",
            consented_at=timezone.now(),
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
