import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.models.events import EventKind
from caseclub_wagtail.models.members import MemberCategory
from caseclub_wagtail.models.topics import Topic


def _fold(text: str) -> str:
    """Lower-case text, with ё read as е, as Russian readers type it."""
    return text.casefold().replace("ё", "е")


def _contains(needle: str, *values: str) -> bool:
    return any(needle in _fold(value) for value in values)


def topic_field() -> forms.ModelChoiceField:
    """A filter by topic slug; each form narrows the queryset to the topics it shows."""
    return forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.none(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )


class MemberDirectoryFilterForm(forms.Form):
    """The public directory's filters; an unknown value is simply not applied."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *MemberCategory.choices],
    )
    topic = topic_field()
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *((name, name) for name in members.municipalities()),
        ]
        self.fields["topic"].queryset = Topic.objects.filter(
            members__in=members
        ).distinct()

    def filter(self, members):
        """Narrow ``members`` by the valid filters; ignore the invalid ones."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("category"):
            members = members.filter(category=data["category"])
        if data.get("topic"):
            members = members.filter(expertise=data["topic"])
        if data.get("municipality"):
            members = members.filter(municipality=data["municipality"])
        query = _fold((data.get("q") or "").strip())
        if query:
            # Matched in Python: SQLite's LIKE folds only ASCII case, and the
            # registry's names are Russian.
            rows = members.values_list("pk", "name", "organization", "municipality")
            members = members.filter(
                pk__in=[pk for pk, *values in rows if _contains(query, *values)]
            )
        return members


# The month filter accepts only this range: beyond it, month arithmetic and
# time-zone conversion overflow Python's dates.
FIRST_YEAR = 1900
LAST_YEAR = 2200


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
            first = timezone.make_aware(datetime.datetime.combine(data["month"], datetime.time()))
            following = (data["month"] + datetime.timedelta(days=31)).replace(day=1)
            after = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
            occurrences = occurrences.filter(overlapping(first, after))
        return occurrences


def overlapping(first: datetime.datetime, after: datetime.datetime) -> Q:
    """Occurrences that take place at some time from ``first`` up to, not including, ``after``.

    An all-day occurrence's end is the start of its last day, so it overlaps
    while that day does.
    """
    return Q(start__lt=after) & (
        Q(end__gt=first) | Q(event__all_day=True, end__gt=first - datetime.timedelta(days=1))
    )
