import calendar
import datetime
import re

from django import forms
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.date_range import FIRST_YEAR, LAST_YEAR
from caseclub_wagtail.models.cases import CaseResult, CaseStatus, CaseStudyPage
from caseclub_wagtail.models.events import EventKind
from caseclub_wagtail.models.members import MemberCategory
from caseclub_wagtail.models.topics import Topic


def _fold(text: str) -> str:
    """Lower-case text, with ё read as е, as Russian readers type it."""
    return text.casefold().replace("ё", "е")


def _contains(needle: str, *values: str) -> bool:
    return any(needle in _fold(value) for value in values)


# Russian words change their endings (кровля, кровли, кровлю): a search word of
# five letters or more is matched without its last vowels and soft signs.
ENDING_LETTERS = "аеиоуыэюяйь"


def search_stems(query: str) -> list[str]:
    """The words of ``query``, folded and stripped of a changing ending."""
    stems = []
    for word in re.findall(r"\w+", _fold(query)):
        stem = word
        while len(stem) > 4 and len(word) - len(stem) < 2 and stem[-1] in ENDING_LETTERS:
            stem = stem[:-1]
        stems.append(stem)
    return stems


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
        self.fields["topic"].queryset = Topic.objects.filter(members__in=members).distinct()

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


def overlapping(first: datetime.datetime, after: datetime.datetime) -> Q:
    """Occurrences that take place at some time from ``first`` up to, not including, ``after``.

    An all-day occurrence's end is the start of its last day, so it overlaps
    while that day does.
    """
    return Q(start__lt=after) & (
        Q(end__gt=first) | Q(event__all_day=True, end__gt=first - datetime.timedelta(days=1))
    )


class CaseFilterForm(forms.Form):
    """The case library's search, filters and order; an unknown value is simply not applied.

    Every filter value is labelled with the number of cases it would show,
    given the other filters and the search: one query per filter.
    """

    ORDERS = {
        "newest": (F("first_published_at").desc(nulls_last=True), "-pk"),
        "updated": (F("last_published_at").desc(nulls_last=True), "-pk"),
    }

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    topic = topic_field()
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    result = forms.ChoiceField(label=_("Result"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year of the first appeal"), required=False, coerce=int, empty_value=None
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("Newest first")), ("updated", _("Recently updated"))],
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = cases
        self.fields["status"].choices = [("", _("All statuses")), *CaseStatus.choices]
        self.fields["result"].choices = [("", _("All results")), *CaseResult.choices]
        municipalities = (
            cases.exclude(municipality="")
            .order_by("municipality")
            .values_list("municipality", flat=True)
            .distinct()
        )
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *((name, name) for name in municipalities),
        ]
        years = (
            cases.filter(first_appeal_on__isnull=False)
            .annotate(year=ExtractYear("first_appeal_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]
        self.fields["topic"].queryset = Topic.objects.filter(case_studies__in=cases).distinct()
        self.is_valid()

    def narrow(self, cases, skip=""):
        """``cases`` narrowed by the search and by every valid filter except ``skip``."""
        data = getattr(self, "cleaned_data", {})
        query = (data.get("q") or "").strip()
        if query:
            cases = cases.filter(pk__in=self.matching_pks(query))
        if data.get("status") and skip != "status":
            cases = cases.filter(status=data["status"])
        if data.get("topic") and skip != "topic":
            cases = cases.filter(topics=data["topic"])
        if data.get("municipality") and skip != "municipality":
            cases = cases.filter(municipality=data["municipality"])
        if data.get("result") and skip != "result":
            cases = cases.filter(result=data["result"])
        if data.get("year") and skip != "year":
            cases = cases.filter(first_appeal_on__year=data["year"])
        return cases

    def matching_pks(self, query: str) -> list[int]:
        """The cases whose texts hold every word of ``query``, in whatever form.

        Matched in Python, in two queries whatever the size of the library:
        SQLite's LIKE and the search backends' default configurations neither
        fold Cyrillic case nor allow for Russian word endings.
        """
        if getattr(self, "_matches", None) is None:
            stems = search_stems(query)
            texts = {
                pk: _fold(" ".join(strip_tags(value) for value in values))
                for pk, *values in self.cases.values_list(
                    "pk", "title", "summary", "problem", "municipality", "outcome", "lessons"
                )
            }
            tagged = CaseStudyPage.topics.through.objects.filter(casestudypage_id__in=list(texts))
            for pk, name in tagged.values_list("casestudypage_id", "topic__name"):
                texts[pk] += " " + _fold(name)
            self._matches = [
                pk for pk, text in texts.items() if all(stem in text for stem in stems)
            ]
        return self._matches

    def ordered(self, cases):
        order = getattr(self, "cleaned_data", {}).get("order") or "newest"
        return cases.order_by(*self.ORDERS[order])

    def counts(self, facet: str, field: str, cases=None) -> dict:
        """How many cases have each value of ``field``, with every filter but ``facet``."""
        cases = self.narrow(self.cases if cases is None else cases, skip=facet)
        rows = cases.order_by().values(field).annotate(count=Count("pk"))
        return {row[field]: row["count"] for row in rows}

    def count_facets(self):
        """Label each filter value with its number of cases: one query per filter."""
        with_year = self.cases.annotate(year=ExtractYear("first_appeal_on"))
        found = {
            "status": self.counts("status", "status"),
            "municipality": self.counts("municipality", "municipality"),
            "result": self.counts("result", "result"),
            "year": self.counts("year", "year", cases=with_year),
        }
        for name, counted in found.items():
            field = self.fields[name]
            field.choices = [field.choices[0]] + [
                (value, f"{capfirst(label)} ({counted.get(value, 0)})")
                for value, label in field.choices[1:]
            ]
        by_topic = self.counts("topic", "topics")
        self.fields["topic"].label_from_instance = lambda topic: (
            f"{topic.name} ({by_topic.get(topic.pk, 0)})"
        )
