"""The link that lets a person see and cancel their registration.

A token is the registration's number signed with the site's secret key salted with the
registration's own random secret: it cannot be guessed or forged, and it stops working
when the secret changes, which cancelling and anonymising do.

The token is written ``<number>-<signature>``: Wagtail serves only page paths of word
characters and hyphens, so the signer's colon becomes a hyphen (the number holds none, so
the first hyphen is always the separator; the base64url signature may hold more).
"""

from django.core import signing

from caseclub_wagtail.registrations.models import EventRegistration

SALT = "caseclub_wagtail.registration."
SEPARATOR = "-"


def manage_token(registration: EventRegistration) -> str:
    """The token of ``registration``'s management link."""
    signer = signing.Signer(salt=SALT + registration.secret)
    return signer.sign(str(registration.pk)).replace(signer.sep, SEPARATOR, 1)


def registration_from_token(token: str) -> EventRegistration | None:
    """The registration a token belongs to, or None for a forged, used or unknown token."""
    number, _, signature = token.partition(SEPARATOR)
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        return None
    registration = EventRegistration.objects.select_related("event").filter(pk=int(number)).first()
    if registration is None or not registration.secret:
        return None
    try:
        signer = signing.Signer(salt=SALT + registration.secret)
        signed = signer.unsign(f"{number}{signer.sep}{signature}")
    except signing.BadSignature:
        return None
    return registration if signed == number else None
