"""The stored dates of events: the editor's changes to single dates, and every occurrence.

Below the page models: the occurrence logic reads and writes these without importing
the pages, and the pages import that logic to keep their dates in step on save.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from caseclub_wagtail.core.date_range import out_of_range_error, year_in_range
from caseclub_wagtail.events.choices import EventStatus, OccurrenceAction


class EventOccurrenceChange(Orderable):
    """One date of a repeating event, cancelled or moved by the editor."""

    event = ParentalKey(
        "caseclub_wagtail.EventPage", on_delete=models.CASCADE, related_name="occurrence_changes"
    )
    original_date = models.DateField(
        _("date in the series"), help_text=_("the date the occurrence was due on")
    )
    action = models.CharField(
        _("change"),
        max_length=10,
        choices=OccurrenceAction.choices,
        default=OccurrenceAction.CANCEL,
    )
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end time"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("action")]),
        FieldRowPanel(
            [FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to single dates")

    def clean(self):
        super().clean()
        errors = {
            name: out_of_range_error()
            for name in ("original_date", "new_date")
            if not year_in_range(getattr(self, name))
        }
        if errors:
            raise ValidationError(errors)
        if self.action == OccurrenceAction.MOVE and not self.new_date:
            raise ValidationError({"new_date": _("Enter the date the occurrence moves to.")})
        if self.new_start_time and self.new_end_time and self.new_end_time < self.new_start_time:
            raise ValidationError({"new_end_time": _("The new end is before the new start.")})


class EventOccurrence(models.Model):
    """One stored occurrence of a published event; listings and feeds read only these."""

    event = models.ForeignKey(
        "caseclub_wagtail.EventPage", on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    original_start = models.DateTimeField(_("originally starts"))
    # The days it takes place on, as its event's zone reads them: the month filter
    # matches these, so an occurrence is listed under the months its dates are shown in.
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    is_moved = models.BooleanField(_("moved"), default=False)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event occurrence")
        verbose_name_plural = _("event occurrences")
        indexes = [
            models.Index(fields=["start"], name="caseclub_occurrence_start"),
            models.Index(fields=["event", "start"], name="caseclub_occurrence_event"),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED
