"""The public member directory's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.filters import municipality_choices, topic_field
from caseclub_wagtail.core.text_search import contains, fold
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.members.choices import MemberCategory


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
        self.fields["municipality"].choices = municipality_choices(
            members, _("All municipalities")
        )
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
        query = fold((data.get("q") or "").strip())
        if query:
            # Matched in Python: SQLite's LIKE folds only ASCII case, and the
            # registry's names are Russian.
            rows = members.values_list("pk", "name", "organization", "municipality")
            members = members.filter(
                pk__in=[pk for pk, *values in rows if contains(query, *values)]
            )
        return members
