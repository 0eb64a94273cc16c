"""The choices of membership applications: stored values are a contract, labels translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("new")
    ADMITTED = "admitted", _("admitted")
    DECLINED = "declined", _("declined")


# A decided application is closed: PERSONAL_DATA_DAYS after, its personal data goes.
CLOSED_STATUSES = (ApplicationStatus.ADMITTED, ApplicationStatus.DECLINED)
