"""Phone numbers people type into the public forms, read with Google's libphonenumber."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Phone numbers typed without a country code are Russian ones.
PHONE_REGION = "RU"
BAD_PHONE = _("Enter a phone number, for example +7 900 123-45-67.")


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
