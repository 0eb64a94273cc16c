"""Taking, cancelling and handing on seats: the one place that writes registrations.

Every change to the seats of a date happens inside a transaction that first locks the
event's row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises transactions), then
counts again, then writes: two people taking the last seat at once never both get it.
E-mails are queued in the same transaction and sent only once it commits.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from caseclub_wagtail.registrations import mail
from caseclub_wagtail.registrations.choices import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    RegistrationStatus,
)
from caseclub_wagtail.registrations.models import EventRegistration, new_secret
from caseclub_wagtail.registrations.seats import find_date


class AlreadyRegistered(Exception):
    """The address already holds a live registration for this date."""

    def __init__(self, registration: EventRegistration):
        super().__init__(registration.pk)
        self.registration = registration


def lock_event(event) -> None:
    """Hold the event's row until the transaction ends: its seats change one at a time."""
    list(
        type(event)._base_manager.select_for_update(of=("self",)).filter(pk=event.pk).values("pk")
    )


def existing_registration(event, date: datetime.date, email: str) -> EventRegistration | None:
    """The live registration of ``email`` for this date, if there is one."""
    return (
        EventRegistration.objects.filter(
            event=event, date=date, email__iexact=email, status__in=ACTIVE_STATUSES
        )
        .select_related("event")
        .first()
    )


def taken_seats(event, date: datetime.date) -> int:
    return EventRegistration.objects.filter(
        event=event, date=date, status__in=SEAT_STATUSES
    ).count()


def has_free_seat(event, date: datetime.date) -> bool:
    return event.capacity is None or taken_seats(event, date) < event.capacity


def waitlist_place(registration: EventRegistration) -> int | None:
    """The person's place on the waitlist (1 is next), or None when they are not on it."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return EventRegistration.objects.filter(
        event_id=registration.event_id,
        date=registration.date,
        status=RegistrationStatus.WAITLISTED,
        pk__lte=registration.pk,
    ).count()


def register(
    event,
    date: datetime.date,
    *,
    name: str,
    email: str,
    phone: str = "",
    organization: str = "",
    comment: str = "",
    member=None,
    request=None,
) -> EventRegistration:
    """Register a person for one date: a seat if one is free, else the waitlist."""
    email = email.strip()
    with transaction.atomic():
        lock_event(event)
        existing = existing_registration(event, date, email)
        if existing is not None:
            raise AlreadyRegistered(existing)
        # Seats added since (a raised capacity) go to those waiting before a newcomer.
        fill_from_waitlist(event, date, request)
        status = (
            RegistrationStatus.CONFIRMED
            if has_free_seat(event, date)
            else RegistrationStatus.WAITLISTED
        )
        try:
            with transaction.atomic():
                registration = EventRegistration.objects.create(
                    event=event,
                    date=date,
                    status=status,
                    name=name,
                    email=email,
                    phone=phone,
                    organization=organization,
                    comment=comment,
                    member=member,
                    consented_at=timezone.now(),
                )
        except IntegrityError:
            # Only a database without row locks gets here: the unique constraint wins.
            raise AlreadyRegistered(existing_registration(event, date, email)) from None
        registration.event = event
        mail.registered(registration, waitlist_place(registration), request)
    return registration


def can_move_up(event, date: datetime.date) -> bool:
    """Whether a seat on this date still means something: it is on and has not begun."""
    item = find_date(event, date)
    return item is not None and not item.is_cancelled and timezone.now() < item.start


def fill_from_waitlist(event, date: datetime.date, request=None) -> list[EventRegistration]:
    """Move people up from the waitlist while seats are free; call with the event locked.

    Nobody is moved up to a date that is cancelled, gone from the series or under way:
    "a seat is yours" would be a false promise.
    """
    waiting = EventRegistration.objects.filter(
        event=event, date=date, status=RegistrationStatus.WAITLISTED
    ).order_by("pk")
    if event.capacity is not None:
        waiting = waiting[: max(event.capacity - taken_seats(event, date), 0)]
    waiting = list(waiting)
    if not waiting or not can_move_up(event, date):
        return []
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        registration.event = event
        mail.promoted(registration, request)
    return waiting


def cancel(registration: EventRegistration, message: str = "", request=None):
    """Cancel a confirmed or waitlisted registration, freeing its seat for the waitlist.

    Returns the cancelled registration, or None when it was no longer live (cancelled
    already, or marked attended). Its management link stops working.
    """
    event = registration.event
    with transaction.atomic():
        lock_event(event)
        current = (
            EventRegistration.objects.select_for_update()
            .filter(
                pk=registration.pk,
                status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
            )
            .first()
        )
        if current is None:
            return None
        current.event = event
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.message = message
        current.secret = new_secret()
        current.save(update_fields=["status", "cancelled_at", "message", "secret", "updated_at"])
        mail.cancelled(current, request)
        fill_from_waitlist(event, current.date, request)
    return current


def mark(registration: EventRegistration, status: str) -> None:
    """A coordinator marks whether the person came (attended or no_show)."""
    if status not in (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW):
        raise ValueError(status)
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
