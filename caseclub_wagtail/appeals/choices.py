"""The choices of appeals: stored values are a contract, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppealStatus(models.TextChoices):
    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    LINKED = "linked", _("linked to a case")


# An appeal in these states is closed: PERSONAL_DATA_DAYS after, its personal data goes.
CLOSED_STATUSES = (AppealStatus.REJECTED, AppealStatus.LINKED)
