"""The choices of the case fields: stored values are a contract, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    """Where the club's work on a case stands (2.2 of the regulation)."""

    NEW = "new", _("identified")
    IN_PROGRESS = "in_progress", _("in progress")
    MONITORING = "monitoring", _("under monitoring")
    RESOLVED = "resolved", _("resolved")
    UNRESOLVED = "unresolved", _("unresolved")


class CaseResult(models.TextChoices):
    PENDING = "pending", _("pending")
    ACHIEVED = "achieved", _("achieved")
    PARTLY_ACHIEVED = "partly_achieved", _("partly achieved")
    NOT_ACHIEVED = "not_achieved", _("not achieved")


class AppealChannel(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    LETTER = "letter", _("letter")
    PHONE = "phone", _("phone call")
    EMAIL = "email", _("e-mail")
    WEBSITE = "website", _("website")
    OTHER = "other", _("other")


class CaseRole(models.TextChoices):
    MENTOR = "mentor", _("mentor")
    HOUSING_INSPECTOR = "housing_inspector", _("public housing inspector")
    VOLUNTEER_EXPERT = "volunteer_expert", _("volunteer expert")
    PARTICIPANT = "participant", _("participant")


class Likelihood(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")
