"""The checks a registration's fields pass, shared by the HTML form and the API.

Each is a plain function: the form calls it from its ``clean_*`` methods, the API from its
endpoint, so both refuse the same input with the same translated message.
"""

import datetime

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.members.models import Member
from caseclub_wagtail.registrations.seats import RegistrableDate, event_dates

# Phone numbers typed without a country code are Russian ones.
PHONE_REGION = "RU"
# One message whichever of the two did not match: it must not tell a stranger which
# registry numbers exist, nor whose address a number has.
MEMBER_MISMATCH = _(
    "No active member of the club has this registry number and this e-mail. "
    "Type them as the registry holds them."
)
BAD_PHONE = _("Enter a phone number, for example +7 900 123-45-67.")
CHOOSE_DATE = _("Choose a date of the event.")
NO_SUCH_DATE = _("The event has no such date.")
DATE_CANCELLED = _("This date is cancelled.")
REGISTRATION_CLOSED = _("Registration for this date is closed.")


def member_for(registry_number, email: str) -> Member | None:
    """The active member whose registry number and e-mail are these, or None."""
    number = str(registry_number if registry_number is not None else "").strip()
    email = (email or "").strip()
    if not number.isdigit() or len(number) > 9 or not email:
        return None
    return Member.objects.active().filter(registry_number=int(number), email__iexact=email).first()


def normalise_phone(value: str) -> str:
    """A phone number in E.164 (``+79175554433``); "" for none; ValidationError if invalid."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(BAD_PHONE, code="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(BAD_PHONE, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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
