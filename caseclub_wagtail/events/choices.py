"""The choices of the event fields: stored values are a contract, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """The club's forms of work (3.9 of the regulation)."""

    MEETING = "meeting", _("meeting")
    MASTER_CLASS = "master_class", _("master class")
    INTERNSHIP = "internship", _("internship")
    OTHER = "other", _("other event")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")
    POSTPONED = "postponed", _("postponed")
    RESCHEDULED = "rescheduled", _("rescheduled")
    MOVED_ONLINE = "moved_online", _("moved online")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("in person and online")


class EventAudience(models.TextChoices):
    OPEN = "open", _("open to everyone")
    MEMBERS_ONLY = "members_only", _("club members only")


class RepeatFrequency(models.TextChoices):
    NONE = "", _("does not repeat")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    YEARLY = "yearly", _("yearly")


class MonthlyRepeatBy(models.TextChoices):
    DAY_OF_MONTH = "day_of_month", _("on the same day of the month (e.g. the 12th)")
    WEEKDAY = "weekday", _("on the same weekday (e.g. the second Thursday)")
    LAST_WEEKDAY = "last_weekday", _("on the last weekday of the month (e.g. the last Thursday)")


class OccurrenceAction(models.TextChoices):
    CANCEL = "cancel", _("cancelled")
    MOVE = "move", _("moved")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("no registration")
    EXTERNAL = "external", _("an external form (the registration link)")
    INTERNAL = "internal", _("the site's own form")
