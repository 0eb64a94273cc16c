"""The public event listings' filters."""

import calendar

from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.date_range import FIRST_YEAR, LAST_YEAR
from caseclub_wagtail.core.filters import topic_field
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.events.choices import EventKind

# The month filter accepts only the range events may have (see date_range): beyond it,
# month arithmetic and time-zone conversion overflow Python's dates.


class EventFilterForm(forms.Form):
    """The event listings' filters; an unknown or invalid value is simply not applied."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *EventKind.choices],
    )
    topic = topic_field()
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(
            format="%Y-%m", attrs={"type": "month", "pattern": "[0-9]{4}-[0-9]{2}"}
        ),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(events__in=events).distinct()

    def clean_month(self):
        month = self.cleaned_data.get("month")
        if month and not FIRST_YEAR <= month.year <= LAST_YEAR:
            raise forms.ValidationError(_("Choose a month between 1900 and 2200."))
        return month

    def filter(self, occurrences):
        """Narrow ``occurrences`` by the valid filters; ignore the invalid ones."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("kind"):
            occurrences = occurrences.filter(event__kind=data["kind"])
        if data.get("topic"):
            occurrences = occurrences.filter(event__topics=data["topic"])
        if data.get("month"):
            # By the days as the event's own zone reads them, as the listing shows them.
            first = data["month"]
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            occurrences = occurrences.filter(first_day__lte=last, last_day__gte=first)
        return occurrences
