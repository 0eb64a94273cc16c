"""The public case library's search, filters and order."""

from django import forms
from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.cases.choices import CaseResult, CaseStatus
from caseclub_wagtail.cases.models import CaseStudyPage
from caseclub_wagtail.core.filters import municipality_choices, topic_field
from caseclub_wagtail.core.search import Ranked, search_pks
from caseclub_wagtail.core.topics import Topic

# The filters of which a case has one value; the topic filter is counted apart.
SINGLE_VALUE_FACETS = ("status", "municipality", "result", "year")


class FirstAppealYear(ExtractYear):
    """The year of a date, read from SQLite's stored text instead of a Python function.

    Django's ``ExtractYear`` calls a Python function for every row on SQLite, which made
    the year's facet the slowest query of the library; PostgreSQL extracts it natively.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(SUBSTR({sql}, 1, 4) AS INTEGER)", params


class CaseFilterForm(forms.Form):
    """The case library's search, filters and order; an unknown value is simply not applied.

    Every filter value is labelled with the number of cases it would show,
    given the other filters and the search (``facet_counts``). A search is answered
    by the site's search backend (core.search), and its results come most relevant first
    unless another order is chosen.
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
        choices=[
            ("relevance", _("Most relevant first")),
            ("newest", _("Newest first")),
            ("updated", _("Recently updated")),
        ],
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = cases
        self.fields["status"].choices = [("", _("All statuses")), *CaseStatus.choices]
        self.fields["result"].choices = [("", _("All results")), *CaseResult.choices]
        self.fields["municipality"].choices = municipality_choices(cases, _("All municipalities"))
        years = (
            cases.filter(first_appeal_on__isnull=False)
            .annotate(year=FirstAppealYear("first_appeal_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]
        self.fields["topic"].queryset = Topic.objects.filter(case_studies__in=cases).distinct()
        self.is_valid()
        if self.is_bound and not self.cleaned_data.get("order"):
            # The order select shows the order the list is in: by relevance for a search.
            self.data = self.data.copy()
            self.data["order"] = self.cleaned_data["order"] = self.default_order()

    def query(self) -> str:
        """The words searched for, or an empty text."""
        return (getattr(self, "cleaned_data", {}).get("q") or "").strip()

    def default_order(self) -> str:
        """By relevance for a search, else the newest first."""
        return "relevance" if self.query() else "newest"

    def narrow(self, cases, skip=""):
        """``cases`` narrowed by the search and by every valid filter except ``skip``."""
        data = getattr(self, "cleaned_data", {})
        if self.query():
            cases = cases.filter(pk__in=self.matching_pks())
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

    def matching_pks(self) -> list[int]:
        """The cases that hold every word of the search, in any form, most relevant first.

        Asked of the search backend once; the library's queryset then reads only these.
        """
        if getattr(self, "_matches", None) is None:
            self._matches = search_pks(CaseStudyPage, self.query())
        return self._matches

    def ordered(self, cases):
        """``cases`` in the chosen order: a ``Ranked`` list for relevance, else a queryset."""
        order = getattr(self, "cleaned_data", {}).get("order") or self.default_order()
        if order == "relevance":
            if self.query():
                return Ranked(cases, self.matching_pks())
            order = "newest"
        return cases.order_by(*self.ORDERS[order])

    def counts(self, facet: str, field: str, cases=None) -> dict:
        """How many cases have each value of ``field``, with every filter but ``facet``."""
        cases = self.narrow(self.cases if cases is None else cases, skip=facet)
        rows = cases.order_by().values(field).annotate(count=Count("pk"))
        return {row[field]: row["count"] for row in rows}

    def facet_counts(self) -> dict[str, dict]:
        """For each filter, how many cases each value has, given the search and the others.

        The filters not applied are all counted over the same cases (those the search and
        the applied filters leave), so one grouped query counts them all; each applied
        filter, and the topics (a case has several), take one query more. The rows are the
        combinations of values, not the cases: their number does not grow with the library.
        Topics are counted by primary key; the HTML library and the API both read these.
        """
        data = getattr(self, "cleaned_data", {})
        with_year = self.cases.annotate(year=FirstAppealYear("first_appeal_on"))
        applied = [name for name in SINGLE_VALUE_FACETS if data.get(name)]
        free = [name for name in SINGLE_VALUE_FACETS if name not in applied]
        found = {name: {} for name in free}
        if free:
            rows = self.narrow(with_year).order_by().values(*free).annotate(count=Count("pk"))
            for row in rows:
                for name in free:
                    found[name][row[name]] = found[name].get(row[name], 0) + row["count"]
        for name in applied:
            found[name] = self.counts(name, name, cases=with_year)
        found["topic"] = self.counts("topic", "topics")
        return {
            name: found[name] for name in ("status", "topic", "municipality", "result", "year")
        }

    def count_facets(self):
        """Label each filter value with its number of cases (``facet_counts``)."""
        found = self.facet_counts()
        by_topic = found.pop("topic")
        for name, counted in found.items():
            field = self.fields[name]
            field.choices = [field.choices[0]] + [
                (value, f"{capfirst(label)} ({counted.get(value, 0)})")
                for value, label in field.choices[1:]
            ]
        self.fields["topic"].label_from_instance = lambda topic: (
            f"{topic.name} ({by_topic.get(topic.pk, 0)})"
        )
