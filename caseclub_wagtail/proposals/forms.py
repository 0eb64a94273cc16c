"""The public proposal form: who proposes, their registry number if a member, the proposal.

It checks the registry number against the registry when one is given, and never writes
anything: the view (or the API) saves it through ``service.submit_proposal``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.form_guard import ProtectedForm
from caseclub_wagtail.members.models import Member
from caseclub_wagtail.members.querysets import REGISTRY_MISMATCH

TEXT_MAX = 5000


class ProposalForm(ProtectedForm):
    """A proposal to improve the club's work (3.6)."""

    name = forms.CharField(label=_("Name"), max_length=255)
    registry_number = forms.IntegerField(
        label=_("Registry number"),
        min_value=1,
        max_value=999_999_999,
        required=False,
        help_text=_("if you are a member of the club: your number in its registry"),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_(
            "the club's reply is sent here; a member gives the address the registry holds"
        ),
        error_messages={"invalid": _("Enter an e-mail address such as name@example.org.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("a few words; empty: the first words of your proposal"),
    )
    proposal = forms.CharField(
        label=_("Your proposal"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, data=None, files=None, *, request, page=None, **kwargs):
        super().__init__(data, files, request=request, **kwargs)
        self.page = page
        self.member = None

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("registry_number")
        email = cleaned.get("email")
        # The field's own error already says what is wrong with a bad number or address.
        if number is not None and email:
            self.member = Member.objects.registered_as(number, email)
            if self.member is None:
                self.add_error(
                    "registry_number",
                    forms.ValidationError(REGISTRY_MISMATCH, code="not_a_member"),
                )
        return cleaned
