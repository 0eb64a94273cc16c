"""The choices of registrations: stored values are a contract, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waitlist")
    CANCELLED = "cancelled", _("cancelled")
    ATTENDED = "attended", _("attended")
    NO_SHOW = "no_show", _("did not come")


# The states that hold a seat: a person who came (or did not) held theirs.
SEAT_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
# The states in which the same person may not register again for the same date.
ACTIVE_STATUSES = (*SEAT_STATUSES, RegistrationStatus.WAITLISTED)
