"""A person's registration for one date of an event."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.registrations.choices import ACTIVE_STATUSES, RegistrationStatus


def new_secret() -> str:
    """A random secret of one registration; its management tokens are signed with it."""
    return secrets.token_urlsafe(24)


class EventRegistration(models.Model):
    """One person registered for one date of an event, as the date was planned.

    ``date`` is the occurrence's original date in the event's zone: rebuilding the stored
    occurrences, republishing or moving the series' time never moves or loses it.
    """

    event = models.ForeignKey(
        "caseclub_wagtail.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    date = models.DateField(_("date"), help_text=_("the date as planned, in the event's zone"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    organization = models.CharField(_("organisation"), max_length=255, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    member = models.ForeignKey(
        "caseclub_wagtail.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    message = models.TextField(
        _("message"), blank=True, help_text=_("the coordinator's message on cancelling")
    )
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        indexes = [
            models.Index(fields=["event", "date", "status"], name="caseclub_registration_seats"),
        ]
        constraints = [
            # One live registration per address and date; a cancelled or anonymised one
            # leaves the address free to register again.
            models.UniqueConstraint(
                fields=["event", "date", "email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="caseclub_registration_once_per_date",
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.date.isoformat()}"
