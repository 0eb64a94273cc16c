from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.models.members import MemberCategory
from caseclub_wagtail.models.topics import Topic


def _fold(text: str) -> str:
    """Lower-case text, with ё read as е, as Russian readers type it."""
    return text.casefold().replace("ё", "е")


def _contains(needle: str, *values: str) -> bool:
    return any(needle in _fold(value) for value in values)


class MemberDirectoryFilterForm(forms.Form):
    """The public directory's filters; an unknown value is simply not applied."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *MemberCategory.choices],
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
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
