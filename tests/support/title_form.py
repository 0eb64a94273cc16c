"""A small public form for testing what every form page and form endpoint share."""

from django import forms

from caseclub_wagtail.core.form_guard import ProtectedForm
from caseclub_wagtail.proposals.models import Proposal


class TitleForm(ProtectedForm):
    """A title, a choice and a list of tags, saved as a proposal by ``save_title``."""

    title = forms.CharField(label="Заголовок", max_length=20)
    colour = forms.ChoiceField(
        label="Цвет", required=False, choices=[("", "—"), ("red", "Красный"), ("blue", "Синий")]
    )
    tags = forms.MultipleChoiceField(
        label="Метки", required=False, choices=[("a", "А"), ("b", "Б"), ("c", "В")]
    )

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)


def save_title(form, *, page, request):
    """Save the form as a proposal whose text lists the tags."""
    return Proposal.objects.create(
        page=page,
        name="Автор",
        email="a@example.org",
        title=form.cleaned_data["title"],
        text=",".join(form.cleaned_data["tags"]),
    )
