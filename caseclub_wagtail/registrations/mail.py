"""The e-mails registration sends: each is queued in the outbox, never sent inline."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.core.outbox import queue_email
from caseclub_wagtail.registrations.choices import RegistrationStatus
from caseclub_wagtail.registrations.models import EventRegistration
from caseclub_wagtail.registrations.seats import RegistrableDate, find_date
from caseclub_wagtail.registrations.tokens import manage_token


def when_text(event, registration: EventRegistration) -> str:
    """The registration's date in the event's own zone, as the person reads it."""
    item = find_date(event, registration.date)
    if item is None:
        return date_format(registration.date, "j E Y")
    return date_text(event, item)


def date_text(event, item: RegistrableDate) -> str:
    """When one date of the event takes place, in the event's own zone."""
    start = item.start.astimezone(event.zone)
    if event.all_day:
        return date_format(start, "j E Y")
    return f"{date_format(start, 'j E Y, H:i')} ({event.time_zone})"


def manage_url(registration: EventRegistration, request=None) -> str:
    """The absolute link to the registration's own page."""
    base = registration.event.get_full_url(request) or ""
    return f"{base}registration/{manage_token(registration)}/"


def details(registration: EventRegistration, request=None) -> str:
    """The lines every e-mail about a registration ends with."""
    event = registration.event
    lines = [
        _("Event: %(title)s") % {"title": event.title},
        _("Date: %(when)s") % {"when": when_text(event, registration)},
    ]
    place = event.place().one_line()
    if place:
        lines.append(_("Place: %(place)s") % {"place": place})
    lines.append(_("Your registration: %(url)s") % {"url": manage_url(registration, request)})
    return "\n".join(lines)


def greeting(registration: EventRegistration) -> str:
    return _("Hello, %(name)s!") % {"name": registration.name}


def send(registration: EventRegistration, subject: str, text: str, request=None) -> None:
    body = "\n\n".join([greeting(registration), text, details(registration, request)])
    queue_email(registration.email, subject, body)


def registered(registration: EventRegistration, place: int | None, request=None) -> None:
    """Confirms a registration, or a place on the waitlist."""
    title = registration.event.title
    if registration.status == RegistrationStatus.WAITLISTED:
        subject = _("You are on the waitlist: %(title)s") % {"title": title}
        text = _(
            "All seats are taken, so you are number %(place)s on the waitlist. "
            "We will write to you if a seat becomes free."
        ) % {"place": place}
    else:
        subject = _("You are registered: %(title)s") % {"title": title}
        text = _("Your seat is booked.")
    send(registration, subject, text, request)
    tell_coordinators(registration, request)


def link_again(registration: EventRegistration, request=None) -> None:
    """Sends the link to a registration again, to the address it was made with."""
    subject = _("Your registration: %(title)s") % {"title": registration.event.title}
    text = _("Here is the link to your registration again. Its status: %(status)s.") % {
        "status": registration.get_status_display()
    }
    send(registration, subject, text, request)


def promoted(registration: EventRegistration, request=None) -> None:
    """Tells a person on the waitlist that a seat became free for them."""
    subject = _("A seat is yours: %(title)s") % {"title": registration.event.title}
    send(registration, subject, _("A seat became free and it is now yours."), request)


def cancelled(registration: EventRegistration, request=None) -> None:
    """Confirms a cancellation, with the coordinator's message when they cancelled it."""
    subject = _("Registration cancelled: %(title)s") % {"title": registration.event.title}
    text = _("Your registration is cancelled.")
    if registration.message:
        text = "\n\n".join([text, registration.message])
    event = registration.event
    lines = "\n".join(
        [
            _("Event: %(title)s") % {"title": event.title},
            _("Date: %(when)s") % {"when": when_text(event, registration)},
        ]
    )
    body = "\n\n".join([greeting(registration), text, lines])
    queue_email(registration.email, subject, body)


def date_changed(registration: EventRegistration, what: str, request=None) -> None:
    """Tells a registered person that their date was cancelled or moved."""
    subject = _("Change to %(title)s") % {"title": registration.event.title}
    send(registration, subject, what, request)


def tell_coordinators(registration: EventRegistration, request=None) -> None:
    """Tells the coordinators of a new registration, when the site names their address."""
    site = registration.event.get_site()
    if site is None:
        return
    address = FormSettings.for_site(site).coordinators_email
    if not address:
        return
    event = registration.event
    subject = _("New registration: %(title)s") % {"title": event.title}
    body = "\n".join(
        [
            _("Date: %(when)s") % {"when": when_text(event, registration)},
            _("Status: %(status)s") % {"status": registration.get_status_display()},
        ]
    )
    queue_email(address, subject, body)
