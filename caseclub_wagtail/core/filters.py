"""Pieces the public filter forms of every feature share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.topics import Topic


def topic_field() -> forms.ModelChoiceField:
    """A filter by topic slug; each form narrows the queryset to the topics it shows."""
    return forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.none(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )


def municipalities(queryset) -> list[str]:
    """The distinct, non-empty municipalities of ``queryset``'s rows, in alphabetical order."""
    return list(
        queryset.exclude(municipality="")
        .order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    )


def municipality_choices(queryset, empty_label=None) -> list[tuple[str, str]]:
    """``municipalities(queryset)`` as choices, after ``empty_label`` when it is given."""
    choices = [(name, name) for name in municipalities(queryset)]
    return [("", empty_label), *choices] if empty_label is not None else choices
