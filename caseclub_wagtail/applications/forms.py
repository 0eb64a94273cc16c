"""The public membership application form: the registry's fields, contacts and consents.

It checks what the person typed and never writes anything: the view (and the API) hand a
valid form to ``service.submit_application``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.form_guard import ProtectedForm
from caseclub_wagtail.core.phones import normalise_phone
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.members.choices import MemberCategory, MemberKind

# The most a person may write about themselves; the registry keeps it as rich text.
BIO_LENGTH = 4000
BAD_TOPIC = _("Choose the topics from the list.")


class MembershipApplicationForm(ProtectedForm):
    """An application to be entered into the registry of members (3.5 of the regulation)."""

    kind = forms.ChoiceField(
        label=_("I apply as"),
        choices=MemberKind.choices,
        initial=MemberKind.PERSON,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Full name or the organisation's name"), max_length=255)
    organization = forms.CharField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        help_text=_("for a person: the organisation you represent, if any"),
    )
    municipality = forms.CharField(
        label=_("Municipality"),
        max_length=255,
        required=False,
        help_text=_("city or district of the region"),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", "—"), *MemberCategory.choices],
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise"),
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": BAD_TOPIC, "invalid_pk_value": BAD_TOPIC},
    )
    bio = forms.CharField(
        label=_("About you"),
        max_length=BIO_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("your experience in housing and utilities; shown only with your consent"),
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address such as https://example.org.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.org.")},
        help_text=_("private: the club writes to you here; never shown on the site"),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        help_text=_("private: never shown on the site"),
    )
    public_profile = forms.BooleanField(
        label=_(
            "I consent to a public profile in the club's directory of members: my name, "
            "organisation, municipality, category, expertise, the text about me and my "
            "website (never my e-mail or phone)."
        ),
        required=False,
    )

    def __init__(self, data=None, files=None, *, request, page=None, **kwargs):
        super().__init__(data, files, request=request, **kwargs)
        self.page = page

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])
