"""The public member directory's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.filters import municipality_choices, topic_field
from caseclub_wagtail.core.search import Ranked, search_pks
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.members.choices import MemberCategory
from caseclub_wagtail.members.models import Member


class MemberDirectoryFilterForm(forms.Form):
    """The public directory's filters; an unknown value is simply not applied.

    A search is answered by the site's search backend (core.search); ``ordered`` puts
    its results most relevant first.
    """

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
        if self.query():
            members = members.filter(pk__in=self.matching_pks())
        return members

    def query(self) -> str:
        """The words searched for, or an empty text."""
        return (getattr(self, "cleaned_data", {}).get("q") or "").strip()

    def matching_pks(self) -> list[int]:
        """The members whose public name, organisation or place hold every word searched."""
        if getattr(self, "_matches", None) is None:
            self._matches = search_pks(Member, self.query())
        return self._matches

    def ordered(self, members):
        """``members`` most relevant first for a search, else in the directory's order."""
        members = members.leadership_first()
        return Ranked(members, self.matching_pks()) if self.query() else members
