"""Registrations for an event's dates, in any state, as the form or the inbox leaves them."""

import factory
from django.utils import timezone

from caseclub_wagtail.models import EventRegistration


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
