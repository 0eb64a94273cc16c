"""The coordinators' inbox of appeals: filters, search, the inspect view with the files.

Listed and filtered by status, topic, municipality and the month received, searched by
name, contacts, address and text, exported as CSV and XLSX. The rows' links lead to the
actions (``appeals.inbox_actions``): accept, reject, make a draft case, link to a case.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseclub_wagtail.appeals import inbox_actions
from caseclub_wagtail.appeals.choices import AppealStatus
from caseclub_wagtail.appeals.models import Appeal
from caseclub_wagtail.appeals.service import OPEN_STATUSES
from caseclub_wagtail.core.exports import local_naive, local_time
from caseclub_wagtail.core.inboxes import InboxFilter, InboxInspectView, InboxModelAdmin
from caseclub_wagtail.core.topics import Topic


def field_heading(name):
    return capfirst(Appeal._meta.get_field(name).verbose_name)


class StatusFilter(InboxFilter):
    title = capfirst(gettext_lazy("status"))
    parameter_name = "status"
    field_name = "status"

    def lookups(self, request, model_admin):
        return AppealStatus.choices

    def clean(self, value):
        return AppealStatus(value)


class TopicFilter(InboxFilter):
    """The topics that appeals were sent under, in one query."""

    title = capfirst(gettext_lazy("topic"))
    parameter_name = "topic"
    field_name = "topic__slug"

    def lookups(self, request, model_admin):
        used = Appeal.objects.filter(topic__isnull=False).values("topic_id")
        return list(Topic.objects.filter(pk__in=used).order_by("name").values_list("slug", "name"))


class MunicipalityFilter(InboxFilter):
    title = capfirst(gettext_lazy("municipality"))
    parameter_name = "municipality"
    field_name = "municipality"

    def lookups(self, request, model_admin):
        names = (
            Appeal.objects.exclude(municipality="")
            .order_by("municipality")
            .values_list("municipality", flat=True)
            .distinct()
        )
        return [(name, name) for name in names]


class ReceivedFilter(InboxFilter):
    """The month an appeal was received in, as ``yyyy-mm``; the last twelve are offered."""

    title = capfirst(gettext_lazy("received"))
    parameter_name = "received"
    field_name = "created_at__range"

    def lookups(self, request, model_admin):
        month = timezone.localdate().replace(day=1)
        months = []
        for _step in range(12):
            months.append((f"{month:%Y-%m}", capfirst(date_format(month, "YEAR_MONTH_FORMAT"))))
            month = (month - datetime.timedelta(days=1)).replace(day=1)
        return months

    def clean(self, value):
        year, month = (int(part) for part in value.split("-"))
        # The first and last years: their months' bounds leave the calendar in another zone.
        if not datetime.MINYEAR < year < datetime.MAXYEAR:
            raise ValueError(value)
        start = datetime.date(year, month, 1)
        following = (start + datetime.timedelta(days=32)).replace(day=1)
        zone = timezone.get_current_timezone()
        first = datetime.datetime.combine(start, datetime.time.min, zone)
        last = datetime.datetime.combine(following, datetime.time.min, zone)
        return (first, last - datetime.timedelta(microseconds=1))


class AppealInspectView(InboxInspectView):
    """The appeal as sent, with its files as links to the admin's private file view."""

    def get_field_label(self, field_name, field=None):
        if field_name == "attachments":
            return capfirst(_("files"))
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field=None):
        if field_name == "attachments":
            return self.attachment_links()
        if field_name == "case" and self.instance.case_id:
            url = reverse("wagtailadmin_pages:edit", args=[self.instance.case_id])
            return format_html('<a href="{}">{}</a>', url, self.instance.case)
        return super().get_field_display_value(field_name, field)

    def attachment_links(self):
        files = list(self.instance.attachments.all())
        if not files:
            return self.model_admin.get_empty_value_display("attachments")
        url_helper = self.model_admin.url_helper
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> <span class="meta">({}, {} B)</span></li>',
                (
                    (
                        url_helper.get_action_url("attachment", item.pk),
                        item,
                        item.content_type,
                        item.size,
                    )
                    for item in files
                ),
            ),
        )


class AppealInbox(InboxModelAdmin):
    """Citizens' appeals, for the coordinators."""

    model = Appeal
    menu_label = gettext_lazy("Appeals")
    menu_icon = "mail"
    menu_order = 310
    list_display = (
        "number",
        "person",
        "address",
        "municipality",
        "topic",
        "status",
        "created_at",
    )
    list_filter = (StatusFilter, TopicFilter, MunicipalityFilter, ReceivedFilter)
    list_select_related = ("topic",)
    search_fields = ("name", "email", "phone", "address", "description")
    ordering = ("-created_at", "-pk")
    inspect_view_class = AppealInspectView
    inspect_view_fields = (
        "number",
        "status",
        "created_at",
        "name",
        "email",
        "phone",
        "address",
        "municipality",
        "topic",
        "description",
        "attachments",
        "note",
        "case",
        "handled_by",
        "closed_at",
        "consented_at",
        "anonymised_at",
    )
    list_export = (
        "number",
        "created_at",
        "get_status_display",
        "name",
        "email",
        "phone",
        "address",
        "municipality",
        "topic",
        "description",
        "note",
    )
    export_headings = {
        **{name: field_heading(name) for name in list_export if not name.startswith("get_")},
        # The field's own label is the registry's «наименование»: here it is a person's name.
        "name": capfirst(gettext_lazy("Name")),
        "get_status_display": field_heading("status"),
    }
    custom_field_preprocess = {
        "created_at": {"csv": local_time, "xlsx": local_naive},
        "topic": {"csv": lambda topic: str(topic or ""), "xlsx": lambda topic: str(topic or "")},
    }
    export_filename = "appeals"

    def person(self, obj):
        return obj.name

    # The field's own label is the registry's «наименование»: here it is a person's name.
    person.short_description = gettext_lazy("Name")
    person.admin_order_field = "name"

    def row_links(self, obj):
        if obj.status not in OPEN_STATUSES:
            return []
        links = [("accept", _("Accept…"))] if obj.status == AppealStatus.NEW else []
        return [
            *links,
            ("reject", _("Reject…")),
            ("create_case", _("Draft case…")),
            ("link_case", _("Link to a case…")),
        ]

    def get_extra_urls(self):
        return [
            self.action_url("accept", inbox_actions.AcceptView),
            self.action_url("reject", inbox_actions.RejectView),
            self.action_url("create_case", inbox_actions.CreateCaseView),
            self.action_url("link_case", inbox_actions.LinkCaseView),
            self.action_url("attachment", inbox_actions.AttachmentView),
        ]
