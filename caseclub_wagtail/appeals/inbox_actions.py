"""The inbox's actions on one appeal, and the admin view that serves its private files.

Each action asks first (GET shows its form), then acts on a POST through ``service``,
and goes back to the listing with the filters the coordinator was looking at.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminPageChooser

from caseclub_wagtail.appeals import service
from caseclub_wagtail.appeals.choices import AppealStatus
from caseclub_wagtail.appeals.models import Appeal, AppealAttachment
from caseclub_wagtail.cases.models import CaseStudyIndexPage, CaseStudyPage
from caseclub_wagtail.core.inboxes import InboxActionMixin

SUMMARY_HELP = gettext_lazy(
    "the problem in your own words, anonymised: no names, addresses, e-mail or phone "
    "numbers (the case library refuses them)"
)


def get_row(model, pk):
    """The row ``pk`` of ``model``, or a 404 for any other text in the address."""
    try:
        pk = model._meta.pk.to_python(pk)
    except ValidationError as error:
        raise Http404 from error
    return get_object_or_404(model, pk=pk)


def add_errors(form, error: ValidationError) -> None:
    """Put a model's ValidationError beside the form's fields of the same names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Coordinator's note"),
        help_text=gettext_lazy("for the coordinators only: it is not sent to the citizen"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SummaryForm(forms.Form):
    """What every linking action asks: the anonymised summary of the appeal."""

    summary = forms.CharField(
        label=gettext_lazy("Anonymised summary"),
        help_text=SUMMARY_HELP,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, appeal, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.appeal = appeal
        self.user = user

    def clean_summary(self):
        summary = self.cleaned_data["summary"]
        try:
            service.case_appeal(self.appeal, summary)
        except ValidationError as error:
            raise ValidationError(error.message_dict.get("summary", error.messages)) from error
        return summary


class CreateCaseForm(SummaryForm):
    library = forms.ModelChoiceField(
        label=gettext_lazy("Case library"), queryset=CaseStudyIndexPage.objects.none()
    )
    title = forms.CharField(
        label=gettext_lazy("Title of the case"),
        help_text=gettext_lazy("empty: the first words of the summary"),
        max_length=255,
        required=False,
    )
    field_order = ["library", "title", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        libraries = CaseStudyIndexPage.objects.order_by("path")
        allowed = [page.pk for page in service.library_choices(self.user, libraries)]
        self.fields["library"].queryset = libraries.filter(pk__in=allowed)
        if len(allowed) == 1:
            self.fields["library"].initial = allowed[0]


class LinkCaseForm(SummaryForm):
    # A chooser that searches the library, rather than a list of every case.
    case = forms.ModelChoiceField(
        label=gettext_lazy("Case"),
        queryset=CaseStudyPage.objects.all(),
        widget=AdminPageChooser(target_models=[CaseStudyPage]),
    )
    field_order = ["case", "summary"]


class AppealActionView(InboxActionMixin, WagtailAdminTemplateMixin, FormView):
    """Shows the appeal and the action's form, then acts on a valid POST."""

    template_name = "caseclub_wagtail/admin/appeal_action.html"
    header_icon = "mail"
    button_label = ""

    def load_row(self, instance_pk, **kwargs):
        self.appeal = get_row(Appeal, instance_pk)

    def get_page_subtitle(self):
        return str(self.appeal)

    def allowed(self) -> bool:
        return self.appeal.status in service.OPEN_STATUSES

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            appeal=self.appeal,
            allowed=self.allowed(),
            button_label=self.button_label,
            index_url=self.get_index_url(),
            next=self.next_query(),
        )
        return context

    def form_valid(self, form):
        try:
            text = self.perform(form)
        except service.AppealClosed as error:
            messages.error(
                self.request,
                _("%(appeal)s is %(status)s: it can no longer be changed.")
                % {"appeal": error.appeal, "status": error.appeal.get_status_display()},
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        else:
            messages.success(self.request, text)
        return redirect(self.get_index_url())


class AcceptView(AppealActionView):
    form_class = NoteForm
    page_title = gettext_lazy("Accept the appeal")
    button_label = gettext_lazy("Accept")

    def allowed(self):
        return self.appeal.status == AppealStatus.NEW

    def perform(self, form):
        appeal = service.accept(self.appeal, self.request.user, form.cleaned_data["note"])
        return _("%(appeal)s is accepted.") % {"appeal": appeal}


class RejectView(AppealActionView):
    form_class = NoteForm
    page_title = gettext_lazy("Reject the appeal")
    button_label = gettext_lazy("Reject")

    def perform(self, form):
        appeal = service.reject(self.appeal, self.request.user, form.cleaned_data["note"])
        return _("%(appeal)s is rejected.") % {"appeal": appeal}


class CaseActionView(AppealActionView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "appeal": self.appeal, "user": self.request.user}


class CreateCaseView(CaseActionView):
    form_class = CreateCaseForm
    page_title = gettext_lazy("Create a draft case")
    button_label = gettext_lazy("Create the draft case")

    def perform(self, form):
        data = form.cleaned_data
        try:
            case = service.create_draft_case(
                self.appeal,
                data["library"],
                data["summary"],
                self.request.user,
                title=data["title"],
            )
        except PermissionDenied:
            raise ValidationError({"library": _("You may not add a case here.")}) from None
        return _("%(appeal)s is linked to the new draft case “%(case)s”.") % {
            "appeal": self.appeal,
            "case": case.title,
        }


class LinkCaseView(CaseActionView):
    form_class = LinkCaseForm
    page_title = gettext_lazy("Link the appeal to a case")
    button_label = gettext_lazy("Link to the case")

    def perform(self, form):
        case = form.cleaned_data["case"]
        try:
            published = service.link_case(
                self.appeal, case, form.cleaned_data["summary"], self.request.user
            )
        except PermissionDenied:
            raise ValidationError({"case": _("You may not edit this case.")}) from None
        if published:
            text = _("%(appeal)s is linked to “%(case)s”, published again with it.")
        else:
            text = _("%(appeal)s is linked to “%(case)s”; its entry waits in the case's draft.")
        return text % {"appeal": self.appeal, "case": case.title}


class AttachmentView(View):
    """An appeal's file, only to those who may view appeals; never cached, never shown inline."""

    model_admin = None
    http_method_names = ["get"]

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, instance_pk):
        attachment = get_row(AppealAttachment, instance_pk)
        storage = attachment.file.storage
        if not attachment.file or not storage.exists(attachment.file.name):
            raise Http404(_("The file was deleted with the appeal's personal data."))
        response = FileResponse(
            storage.open(attachment.file.name, "rb"),
            as_attachment=True,
            filename=str(attachment),
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
