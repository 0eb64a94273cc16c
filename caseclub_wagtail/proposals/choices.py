"""The choices of proposals: stored values are a contract, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    NEW = "new", _("new")
    UNDER_REVIEW = "under_review", _("under review")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


# An answered proposal is closed: PERSONAL_DATA_DAYS after, its personal data goes.
CLOSED_STATUSES = (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED)
