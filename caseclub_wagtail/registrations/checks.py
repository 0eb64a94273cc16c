"""The checks a registration's date passes, shared by the HTML form and the API.

Each is a plain function: the form calls it from its ``clean_*`` methods, the API from its
endpoint, so both refuse the same input with the same translated message. Phones are read
by ``core.phones``, registry numbers by ``Member.objects.registered_as``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.registrations.seats import RegistrableDate, event_dates

CHOOSE_DATE = _("Choose a date of the event.")
NO_SUCH_DATE = _("The event has no such date.")
DATE_CANCELLED = _("This date is cancelled.")
REGISTRATION_CLOSED = _("Registration for this date is closed.")


def open_date_for(event, date: datetime.date | None, now: datetime.datetime) -> RegistrableDate:
    """The date of ``event`` a person registers for; ValidationError when it is not open.

    ``date`` is the date as planned; a single event may leave it out (its one date).
    """
    dates = event_dates(event)
    if date is None:
        if event.repeat or not dates:
            raise ValidationError(CHOOSE_DATE, code="date")
        item = dates[0]
    else:
        item = next((candidate for candidate in dates if candidate.date == date), None)
        if item is None:
            raise ValidationError(NO_SUCH_DATE, code="date")
    if item.is_cancelled:
        raise ValidationError(DATE_CANCELLED, code="date")
    if not item.is_open(now):
        raise ValidationError(REGISTRATION_CLOSED, code="date")
    return item
