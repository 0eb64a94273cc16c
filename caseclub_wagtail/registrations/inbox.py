"""The coordinators' inbox of registrations: the attendance list of a date, and its actions.

Listed and filtered by event, date and status, searched by name and e-mail, exported as
CSV and XLSX; a coordinator marks who came and who did not, and cancels a registration
with a message to the person (``service.cancel`` frees the seat and tells them).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from caseclub_wagtail.core.exports import local_naive, local_time
from caseclub_wagtail.core.inboxes import InboxActionMixin, InboxFilter, InboxModelAdmin
from caseclub_wagtail.registrations import service
from caseclub_wagtail.registrations.choices import SEAT_STATUSES, RegistrationStatus
from caseclub_wagtail.registrations.models import EventRegistration

# Attendance is marked for those who held a seat (and corrected for those marked already).
MARKS = (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
CANCELLABLE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def field_heading(name):
    return capfirst(EventRegistration._meta.get_field(name).verbose_name)


class EventFilter(InboxFilter):
    title = capfirst(gettext_lazy("event"))
    parameter_name = "event"
    field_name = "event_id"

    def lookups(self, request, model_admin):
        # The events that have registrations, in one query.
        rows = model_admin.get_queryset(request).order_by("event__title", "event_id")
        return list(rows.values_list("event_id", "event__title").distinct())

    def clean(self, value):
        return int(value)


# Without an event chosen, the date filter offers only the latest dates: a registry of years
# has thousands, and a coordinator looking further back chooses the event first.
DATES_WITHOUT_EVENT = 60


class DateFilter(InboxFilter):
    """The dates registered for: all those of the chosen event, or the latest of any."""

    title = capfirst(gettext_lazy("date"))
    parameter_name = "date"
    field_name = "date"

    def lookups(self, request, model_admin):
        queryset = model_admin.get_queryset(request)
        event = request.GET.get(EventFilter.parameter_name, "")
        dates = queryset.order_by("-date").values_list("date", flat=True).distinct()
        if event.isdigit():
            dates = dates.filter(event_id=event)
        else:
            dates = dates[:DATES_WITHOUT_EVENT]
        return [(day.isoformat(), date_format(day, "DATE_FORMAT")) for day in dates]

    def clean(self, value):
        return datetime.date.fromisoformat(value)


class StatusFilter(InboxFilter):
    title = capfirst(gettext_lazy("status"))
    parameter_name = "status"
    field_name = "status"

    def lookups(self, request, model_admin):
        return RegistrationStatus.choices

    def clean(self, value):
        return RegistrationStatus(value)


class AttendanceView(InboxActionMixin, View):
    """Marks one registration attended or not come (the buttons of the listing's rows)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        for status in MARKS:
            pk = request.POST.get(status, "")
            if pk:
                return self.mark(pk, status)
        messages.error(request, _("Choose the registration to mark."))
        return redirect(self.get_index_url())

    def mark(self, pk, status):
        registration = get_registration(pk)
        # One conditional update: a registration cancelled meanwhile is left as it is.
        marked = EventRegistration.objects.filter(pk=registration.pk, status__in=SEAT_STATUSES)
        if marked.update(status=status, updated_at=timezone.now()):
            messages.success(
                self.request,
                _("%(registration)s: %(status)s.")
                % {"registration": registration, "status": RegistrationStatus(status).label},
            )
        else:
            messages.error(
                self.request,
                _(
                    "%(registration)s held no seat (%(status)s): only a confirmed "
                    "registration is marked as attended or not."
                )
                % {"registration": registration, "status": registration.get_status_display()},
            )
        return redirect(self.get_index_url())


def get_registration(pk):
    """The registration ``pk``, or a 404 for any other text in the address."""
    try:
        pk = EventRegistration._meta.pk.to_python(pk)
    except ValidationError as error:
        raise Http404 from error
    return get_object_or_404(EventRegistration, pk=pk)


class CancelForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the person"),
        help_text=gettext_lazy(
            "sent in the e-mail that tells them their registration is cancelled"
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CancelView(InboxActionMixin, WagtailAdminTemplateMixin, FormView):
    """Asks for the message, then cancels the registration (``service.cancel``)."""

    template_name = "caseclub_wagtail/admin/cancel_registration.html"
    form_class = CancelForm
    page_title = gettext_lazy("Cancel the registration")
    header_icon = "form"

    def load_row(self, instance_pk, **kwargs):
        self.registration = get_registration(instance_pk)

    def get_page_subtitle(self):
        return str(self.registration)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            registration=self.registration,
            cancellable=self.registration.status in CANCELLABLE,
            index_url=self.get_index_url(),
            next=self.next_query(),
        )
        return context

    def form_valid(self, form):
        registration = self.registration
        cancelled = None
        if registration.status in CANCELLABLE:
            cancelled = service.cancel(
                registration, message=form.cleaned_data["message"], request=self.request
            )
        if cancelled is None:
            messages.error(
                self.request,
                _("%(registration)s is %(status)s: it cannot be cancelled.")
                % {"registration": registration, "status": registration.get_status_display()},
            )
        else:
            messages.success(
                self.request,
                _("%(registration)s is cancelled; the person is told by e-mail.")
                % {"registration": registration},
            )
        return redirect(self.get_index_url())


class RegistrationInbox(InboxModelAdmin):
    """Registrations for events, for the coordinators."""

    model = EventRegistration
    menu_label = gettext_lazy("Registrations")
    menu_icon = "form"
    menu_order = 300
    list_display = ("person", "event", "date", "status", "created_at")
    list_filter = (EventFilter, DateFilter, StatusFilter)
    list_select_related = ("event",)
    search_fields = ("name", "email")
    ordering = ("-date", "created_at")
    inspect_view_fields = (
        "event",
        "date",
        "status",
        "name",
        "email",
        "phone",
        "organization",
        "comment",
        "member",
        "consented_at",
        "created_at",
        "cancelled_at",
        "message",
        "anonymised_at",
    )
    list_export = (
        "event",
        "date",
        "name",
        "organization",
        "email",
        "phone",
        "get_status_display",
        "comment",
        "created_at",
    )
    export_headings = {
        **{name: field_heading(name) for name in list_export if not name.startswith("get_")},
        "name": capfirst(gettext_lazy("Name")),
        "get_status_display": field_heading("status"),
    }
    custom_field_preprocess = {
        "created_at": {"csv": local_time, "xlsx": local_naive},
    }
    export_filename = "attendance-list"
    actions_view_class = AttendanceView

    def person(self, obj):
        return obj.name

    # The field's own label is the registry's «наименование»: here it is a person's name.
    person.short_description = gettext_lazy("Name")
    person.admin_order_field = "name"

    def row_buttons(self, obj):
        if obj.status not in SEAT_STATUSES:
            return []
        labels = {
            RegistrationStatus.ATTENDED: _("Attended"),
            RegistrationStatus.NO_SHOW: _("Did not come"),
        }
        return [(status, labels[status]) for status in MARKS if status != obj.status]

    def row_links(self, obj):
        return [("cancel", _("Cancel…"))] if obj.status in CANCELLABLE else []

    def get_extra_urls(self):
        return [self.action_url("cancel", CancelView)]
