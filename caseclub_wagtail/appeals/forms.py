"""The public appeal form: who writes, how to reach them, where and what, and the files.

The form checks everything and writes nothing: ``service.submit_appeal`` saves the appeal.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail import conf
from caseclub_wagtail.appeals import attachments
from caseclub_wagtail.core.form_guard import ProtectedForm
from caseclub_wagtail.core.phones import normalise_phone
from caseclub_wagtail.core.topics import Topic

NO_CONTACT = _("Give an e-mail address or a phone number, so that we can answer you.")


class MultipleFileInput(forms.FileInput):
    """A file input that lets the person choose several files at once."""

    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several uploaded files, each checked as Django checks one, as a list."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(item, initial) for item in data if item]
        return [one(data, initial)] if data else []


class AppealForm(ProtectedForm):
    """An appeal to the club: a problem in a building, in the citizen's own words."""

    name = forms.CharField(label=_("Name"), max_length=255)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.org.")},
        help_text=_("we send the appeal's reference number here"),
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    address = forms.CharField(
        label=_("Building's address"),
        max_length=500,
        help_text=_("the street and house number of the building the appeal is about"),
    )
    municipality = forms.CharField(
        label=_("Municipality"),
        max_length=255,
        required=False,
        help_text=_("city or district of the region"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.order_by("name", "pk"),
        to_field_name="slug",
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the topics in the list.")},
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("what the problem is, since when, and whom you have already asked"),
    )
    attachments = AttachmentsField(
        label=_("Files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": attachments.ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["attachments"].help_text = _(
            "up to %(count)d photos or PDF scans, each at most %(size)s MB"
        ) % {"count": attachments.MAX_FILES, "size": conf.get("APPEAL_ATTACHMENT_MB")}
        self.checked_files = []

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_attachments(self):
        self.checked_files = attachments.check_files(self.cleaned_data["attachments"])
        return self.cleaned_data["attachments"]

    def clean(self):
        cleaned = super().clean()
        # Only when both fields are otherwise valid: an invalid one already has its error.
        if "email" in cleaned and "phone" in cleaned:
            if not cleaned["email"] and not cleaned["phone"]:
                self.add_error("email", forms.ValidationError(NO_CONTACT, code="no_contact"))
        return cleaned
