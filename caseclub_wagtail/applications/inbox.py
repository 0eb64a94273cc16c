"""The coordinators' inbox of membership applications, and its two actions.

Listed and filtered by status, municipality, category, date received and whether the
e-mail is already an active member's (a second application from a member is flagged);
searched, inspected, exported as CSV and XLSX. A coordinator admits an application (a
confirmation page, then ``service.admit`` enters the person into the registry) or declines
it with a reason the person is e-mailed.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from caseclub_wagtail.applications import service
from caseclub_wagtail.applications.choices import ApplicationStatus
from caseclub_wagtail.applications.models import MembershipApplication
from caseclub_wagtail.core.exports import local_naive, local_time
from caseclub_wagtail.core.filters import municipalities
from caseclub_wagtail.core.inboxes import InboxActionMixin, InboxFilter, InboxModelAdmin
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.members.choices import MemberCategory
from caseclub_wagtail.members.models import Member

YES, NO = "yes", "no"
# The exported columns that are the model's own fields, headed by their verbose names.
MODEL_FIELDS = {field.name for field in MembershipApplication._meta.get_fields()}
# The periods of the «received» filter: how many days back from today each begins.
PERIODS = {"today": 0, "week": 6, "month": 29, "year": 364}


def field_heading(name):
    return capfirst(MembershipApplication._meta.get_field(name).verbose_name)


def with_member_flag(queryset):
    """Each application with ``already_member``: its e-mail is an active member's.

    The member its own admission made does not count; an empty (anonymised) e-mail matches
    nobody. One subquery: the listing's query count does not grow with the rows.
    """
    members = (
        Member.objects.active()
        .exclude(email="")
        .filter(email__iexact=OuterRef("email"))
        .exclude(pk=Coalesce(OuterRef("member_id"), Value(0)))
    )
    return queryset.annotate(already_member=Exists(members))


class StatusFilter(InboxFilter):
    title = capfirst(gettext_lazy("status"))
    parameter_name = "status"
    field_name = "status"

    def lookups(self, request, model_admin):
        return ApplicationStatus.choices

    def clean(self, value):
        return ApplicationStatus(value)


class CategoryFilter(InboxFilter):
    title = capfirst(gettext_lazy("category"))
    parameter_name = "category"
    field_name = "category"

    def lookups(self, request, model_admin):
        return MemberCategory.choices

    def clean(self, value):
        return MemberCategory(value)


class MunicipalityFilter(InboxFilter):
    title = capfirst(gettext_lazy("municipality"))
    parameter_name = "municipality"
    field_name = "municipality"

    def lookups(self, request, model_admin):
        names = municipalities(MembershipApplication.objects.all())
        return [(name, name) for name in names]

    def clean(self, value):
        if not value.strip():
            raise ValueError(value)
        return value


class ReceivedFilter(InboxFilter):
    """When the application came: today, or within the last week, month or year."""

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
        first_day = timezone.localdate() - datetime.timedelta(days=PERIODS[value])
        return datetime.datetime.combine(
            first_day, datetime.time.min, timezone.get_current_timezone()
        )


class AlreadyMemberFilter(InboxFilter):
    title = gettext_lazy("Already a member")
    parameter_name = "already_member"
    field_name = "already_member"

    def lookups(self, request, model_admin):
        return [(YES, _("Yes")), (NO, _("No"))]

    def clean(self, value):
        if value not in (YES, NO):
            raise ValueError(value)
        return value == YES


def get_application(pk):
    """The application ``pk``, or a 404 for any other text in the address."""
    try:
        pk = MembershipApplication._meta.pk.to_python(pk)
    except ValidationError as error:
        raise Http404 from error
    return get_object_or_404(MembershipApplication, pk=pk)


class DecisionView(InboxActionMixin, WagtailAdminTemplateMixin, FormView):
    """The base of «admit» and «decline»: the application, a form, and back to the list."""

    header_icon = "user"

    def load_row(self, instance_pk, **kwargs):
        self.application = get_application(instance_pk)

    def get_page_subtitle(self):
        return str(self.application)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.application,
            is_new=self.application.status == ApplicationStatus.NEW,
            index_url=self.get_index_url(),
            next=self.next_query(),
        )
        return context

    def decide(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.decide(form)
        except service.AlreadyDecided as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, message)
        return redirect(self.get_index_url())


class AdmitView(DecisionView):
    """Asks to confirm, then enters the applicant into the registry (``service.admit``)."""

    template_name = "caseclub_wagtail/admin/admit_application.html"
    form_class = forms.Form
    page_title = gettext_lazy("Admit to the club")

    def dispatch(self, request, *args, **kwargs):
        # Admission writes a registry entry: it needs the right to add one, too.
        if not request.user.has_perm("caseclub_wagtail.add_member"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def decide(self, form):
        member = service.admit(self.application, self.request.user)
        return _(
            "%(name)s is admitted: number %(number)s in the registry; they are told by e-mail."
        ) % {"name": member.name, "number": member.registry_number}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("sent to the applicant in the e-mail that tells them"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DeclineView(DecisionView):
    """Asks for the reason, then declines the application (``service.decline``)."""

    template_name = "caseclub_wagtail/admin/decline_application.html"
    form_class = DeclineForm
    page_title = gettext_lazy("Decline the application")

    def decide(self, form):
        service.decline(self.application, self.request.user, form.cleaned_data["reason"])
        return _("%(application)s is declined; the applicant is told by e-mail.") % {
            "application": self.application
        }


class ApplicationInbox(InboxModelAdmin):
    """Applications for membership, for the coordinators."""

    model = MembershipApplication
    menu_label = gettext_lazy("Membership applications")
    menu_icon = "user"
    menu_order = 320
    list_display = (
        "name",
        "kind",
        "category",
        "municipality",
        "status",
        "member_flag",
        "created_at",
    )
    list_filter = (
        StatusFilter,
        MunicipalityFilter,
        CategoryFilter,
        ReceivedFilter,
        AlreadyMemberFilter,
    )
    search_fields = ("name", "organization", "municipality", "email")
    ordering = ("-created_at",)
    inspect_view_fields = (
        "status",
        "kind",
        "name",
        "organization",
        "municipality",
        "category",
        "expertise",
        "bio",
        "website",
        "email",
        "phone",
        "public_profile",
        "consented_at",
        "created_at",
        "decided_at",
        "decided_by",
        "reason",
        "member",
        "anonymised_at",
    )
    list_export = (
        "created_at",
        "get_status_display",
        "get_kind_display",
        "name",
        "organization",
        "municipality",
        "get_category_display",
        "expertise_names",
        "email",
        "phone",
        "website",
        "profile_consent",
        "member_flag",
        "decided_at",
        "reason",
    )
    export_headings = {
        **{name: field_heading(name) for name in list_export if name in MODEL_FIELDS},
        "get_status_display": field_heading("status"),
        "get_kind_display": field_heading("kind"),
        "get_category_display": field_heading("category"),
        "expertise_names": field_heading("expertise"),
        "profile_consent": field_heading("public_profile"),
        "member_flag": gettext_lazy("Already a member"),
    }
    custom_field_preprocess = {
        "created_at": {"csv": local_time, "xlsx": local_naive},
        "decided_at": {"csv": local_time, "xlsx": local_naive},
    }
    export_filename = "membership-applications"

    def get_queryset(self, request):
        topics = Prefetch("expertise", queryset=Topic.objects.order_by("name"))
        return with_member_flag(super().get_queryset(request)).prefetch_related(topics)

    def member_flag(self, obj):
        """«Already a member» when an active member has the application's e-mail."""
        return _("Already a member") if obj.already_member else ""

    member_flag.short_description = gettext_lazy("Already a member")
    member_flag.admin_order_field = "already_member"

    def profile_consent(self, obj):
        return _("Yes") if obj.public_profile else _("No")

    def expertise_names(self, obj):
        return ", ".join(topic.name for topic in obj.expertise.all())

    def row_links(self, obj):
        if obj.status != ApplicationStatus.NEW:
            return []
        return [("admit", _("Admit…")), ("decline", _("Decline…"))]

    def get_extra_urls(self):
        return [self.action_url("admit", AdmitView), self.action_url("decline", DeclineView)]
