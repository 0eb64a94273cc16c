"""The coordinators' inbox of proposals: read them, reply, accept or decline.

Listed and filtered by status, when received and whether a member sent it, searched in the
names, addresses, titles and texts, exported as CSV and XLSX. A coordinator replies with
``service.reply``, which e-mails the author.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from caseclub_wagtail.core.exports import local_naive, local_time
from caseclub_wagtail.core.inboxes import InboxActionMixin, InboxFilter, InboxModelAdmin
from caseclub_wagtail.proposals import service
from caseclub_wagtail.proposals.choices import ProposalStatus
from caseclub_wagtail.proposals.models import Proposal

# The periods of the "received" filter: the value in the address, and how many days back.
PERIODS = {"today": 0, "week": 7, "month": 30, "year": 365}


def field_heading(name):
    return capfirst(Proposal._meta.get_field(name).verbose_name)


class StatusFilter(InboxFilter):
    title = capfirst(gettext_lazy("status"))
    parameter_name = "status"
    field_name = "status"

    def lookups(self, request, model_admin):
        return ProposalStatus.choices

    def clean(self, value):
        return ProposalStatus(value)


class ReceivedFilter(InboxFilter):
    """Proposals received today, or in the last week, month or year."""

    title = capfirst(gettext_lazy("received"))
    parameter_name = "received"
    field_name = "created_at__gte"

    def lookups(self, request, model_admin):
        return [
            ("today", _("Today")),
            ("week", _("Past 7 days")),
            ("month", _("Past 30 days")),
            ("year", _("Past year")),
        ]

    def clean(self, value):
        if value not in PERIODS:
            raise ValueError(value)
        today = timezone.localdate() - datetime.timedelta(days=PERIODS[value])
        return datetime.datetime.combine(today, datetime.time.min, timezone.get_current_timezone())


class MemberFilter(InboxFilter):
    """Whether the author gave a registry number that matched an active member."""

    title = capfirst(gettext_lazy("sent by a member"))
    parameter_name = "member"
    field_name = "member__isnull"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def clean(self, value):
        answers = {"yes": False, "no": True}
        if value not in answers:
            raise ValueError(value)
        return answers[value]


def get_proposal(pk):
    """The proposal ``pk``, or a 404 for any other text in the address."""
    try:
        pk = Proposal._meta.pk.to_python(pk)
    except ValidationError as error:
        raise Http404 from error
    return get_object_or_404(Proposal, pk=pk)


class ReplyForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[(status.value, status.label) for status in service.REPLY_STATUSES],
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=service.TITLE_MAX,
        required=False,
        help_text=gettext_lazy(
            "what the public list of accepted proposals shows; empty: the first words"
        ),
    )
    reply = forms.CharField(
        label=gettext_lazy("Reply"),
        max_length=5000,
        required=False,
        help_text=gettext_lazy(
            "e-mailed to the author; for an accepted proposal, shown on the page too when "
            "it lists them"
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ReplyView(InboxActionMixin, WagtailAdminTemplateMixin, FormView):
    """Asks for the status, the title and the reply, then sends it (``service.reply``)."""

    template_name = "caseclub_wagtail/admin/reply_proposal.html"
    form_class = ReplyForm
    page_title = gettext_lazy("Reply to the proposal")
    header_icon = "help"

    def load_row(self, instance_pk, **kwargs):
        self.proposal = get_proposal(instance_pk)

    def get_page_subtitle(self):
        return str(self.proposal)

    def get_initial(self):
        proposal = self.proposal
        status = proposal.status
        if status == ProposalStatus.NEW:
            status = ProposalStatus.UNDER_REVIEW
        return {"status": status, "title": proposal.title, "reply": proposal.reply}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            proposal=self.proposal,
            index_url=self.get_index_url(),
            next=self.next_query(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        proposal = service.reply(
            self.proposal, self.request.user, data["status"], data["reply"], data["title"]
        )
        if service.tells_author(data["status"], data["reply"]) and proposal.email:
            message = _("%(proposal)s: %(status)s; the author is told by e-mail.")
        else:
            message = _("%(proposal)s: %(status)s.")
        messages.success(
            self.request,
            message % {"proposal": proposal, "status": proposal.get_status_display()},
        )
        return redirect(self.get_index_url())


class ProposalInbox(InboxModelAdmin):
    """Proposals to improve the club's work, for the coordinators."""

    model = Proposal
    menu_label = gettext_lazy("Proposals")
    menu_icon = "help"
    menu_order = 330
    list_display = ("title", "person", "from_member", "status", "created_at")
    list_filter = (StatusFilter, ReceivedFilter, MemberFilter)
    search_fields = ("name", "email", "title", "text")
    ordering = ("-created_at",)
    inspect_view_fields = (
        "page",
        "status",
        "name",
        "registry_number",
        "member",
        "email",
        "title",
        "text",
        "reply",
        "replied_by",
        "replied_at",
        "consented_at",
        "created_at",
        "anonymised_at",
    )
    list_export = (
        "created_at",
        "name",
        "registry_number",
        "email",
        "title",
        "text",
        "get_status_display",
        "reply",
        "replied_at",
    )
    export_headings = {
        **{name: field_heading(name) for name in list_export if not name.startswith("get_")},
        # The field's own label is the registry's «наименование»: here it is a person's name.
        "name": capfirst(gettext_lazy("Name")),
        "get_status_display": field_heading("status"),
    }
    custom_field_preprocess = {
        "created_at": {"csv": local_time, "xlsx": local_naive},
        "replied_at": {"csv": local_time, "xlsx": local_naive},
    }
    export_filename = "proposals"

    def person(self, obj):
        return obj.name

    person.short_description = gettext_lazy("Name")
    person.admin_order_field = "name"

    def from_member(self, obj):
        # Words, not wagtail-modeladmin's icon, whose text is an untranslated "True"/"False".
        return _("yes") if obj.member_id is not None else _("no")

    from_member.short_description = gettext_lazy("member")

    def row_links(self, obj):
        return [("reply", _("Reply…"))] if obj.anonymised_at is None else []

    def get_extra_urls(self):
        return [self.action_url("reply", ReplyView)]
