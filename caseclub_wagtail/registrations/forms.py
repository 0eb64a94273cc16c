"""The public registration form of an event: who comes, for which date, and their consent.

The form is given the event (the page object; this room never imports the event pages)
and the date when the URL names it; a series reached without a date asks for one. It
checks the date and, for a members-only event, the registry, and never writes anything:
the view registers through ``service.register``.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.form_guard import ProtectedForm
from caseclub_wagtail.core.phones import normalise_phone
from caseclub_wagtail.members.models import Member
from caseclub_wagtail.members.querysets import REGISTRY_MISMATCH
from caseclub_wagtail.registrations.seats import RegistrableDate, event_dates

# The stored value of EventPage.audience for members-only events (events.choices).
MEMBERS_ONLY = "members_only"

CLOSED = _("Registration for this date is closed.")
NOT_IN_SERIES = _("The event has no such date. Choose one of the dates in the list.")


def date_label(event, item: RegistrableDate) -> str:
    """A date as the visitor chooses it: its day and time in the event's own zone."""
    start = item.start.astimezone(event.zone)
    if event.all_day:
        return date_format(start, "j E Y")
    return date_format(start, "j E Y, H:i")


class RegistrationForm(ProtectedForm):
    """Registration for one date of an event; ``item`` is that date when the URL names it."""

    name = forms.CharField(label=_("Name"), max_length=255)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.org.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    organization = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = ["date", "registry_number", "name", "email", "phone", "organization"]

    def __init__(self, *args, event, item: RegistrableDate | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.item = item
        self.member = None
        self.dates = [] if item is not None else event_dates(event)
        if item is None:
            now = timezone.now()
            self.fields["date"] = forms.CharField(
                label=_("Date"),
                widget=forms.Select(
                    choices=[("", "—")]
                    + [
                        (choice.date.isoformat(), date_label(event, choice))
                        for choice in self.dates
                        if choice.is_open(now)
                    ]
                ),
            )
        if event.audience == MEMBERS_ONLY:
            self.fields["registry_number"] = forms.IntegerField(
                label=_("Registry number"),
                min_value=1,
                help_text=_("your number in the club's registry of members"),
            )
            self.fields["email"].help_text = _("the address the registry holds for you")
        self.order_fields(self.field_order)

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_date(self) -> RegistrableDate:
        value = self.cleaned_data["date"]
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError(NOT_IN_SERIES, code="unknown_date") from None
        for choice in self.dates:
            if choice.date == day:
                return choice
        raise forms.ValidationError(NOT_IN_SERIES, code="unknown_date")

    def clean(self):
        cleaned = super().clean()
        item = self.item if self.item is not None else cleaned.get("date")
        if item is not None and not item.is_open(timezone.now()):
            if "date" in self.fields:
                self.add_error("date", forms.ValidationError(CLOSED, code="closed"))
            else:
                raise forms.ValidationError(CLOSED, code="closed")
        if "registry_number" in self.fields:
            self.member = self.registry_member(
                cleaned.get("registry_number"), cleaned.get("email")
            )
        return cleaned

    def registry_member(self, number, email) -> Member | None:
        """The active member with this number and e-mail; one error whichever did not match."""
        if number is None or not email:
            return None  # the field's own error already says what is missing
        member = Member.objects.registered_as(number, email)
        if member is None:
            raise forms.ValidationError(REGISTRY_MISMATCH, code="not_a_member")
        return member

    @property
    def chosen_date(self) -> RegistrableDate:
        """The date the person registers for, once the form is valid."""
        return self.item if self.item is not None else self.cleaned_data["date"]
