"""The admin for the members' registry: listing, filters, export, inspect and edit."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from caseclub_wagtail.core.exports import rows_in_language
from caseclub_wagtail.core.filters import municipality_choices
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.members.admin_views import (
    ATTENDANCE_LABELS,
    ErasePersonalDataView,
    MemberChooserViewSet,
    MemberEditView,
    MemberInspectView,
    can_view_contacts,
)
from caseclub_wagtail.members.choices import MemberCategory, MemberKind, MemberRole, MemberStatus
from caseclub_wagtail.members.models import CONTACT_FIELDS, Member


def member_municipalities():
    return municipality_choices(Member.objects.all())


class MemberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=capfirst(_("status")), choices=MemberStatus.choices)
    role = django_filters.ChoiceFilter(label=capfirst(_("role")), choices=MemberRole.choices)
    category = django_filters.ChoiceFilter(
        label=capfirst(_("category")), choices=MemberCategory.choices
    )
    kind = django_filters.ChoiceFilter(label=capfirst(_("kind")), choices=MemberKind.choices)
    expertise = django_filters.ModelMultipleChoiceFilter(
        label=capfirst(_("expertise")), queryset=Topic.objects.all()
    )
    municipality = django_filters.ChoiceFilter(
        label=capfirst(_("municipality")), choices=member_municipalities
    )

    class Meta:
        model = Member
        fields = ["status", "role", "category", "kind", "expertise", "municipality"]


def refuse_deletion(request, members):
    """Registry entries are never deleted (3.8): send the editor to end the membership.

    Called from the ``before_delete_snippet`` hook, which Wagtail runs for the
    delete view and for the listing's bulk delete action alike.
    """
    names = ", ".join(member.name for member in members)
    messages.error(
        request,
        _(
            "Registry entries cannot be deleted, so that nothing is lost from the "
            "registry: %(names)s. End the membership instead: set the status to "
            "“membership ended” with its date and ground."
        )
        % {"names": names},
    )
    if len(members) == 1:
        return redirect("wagtailsnippets_caseclub_wagtail_member:edit", members[0].pk)
    return redirect("wagtailsnippets_caseclub_wagtail_member:list")


def yes_no(value) -> str:
    return str(_("yes") if value else _("no"))


def display(field_name: str):
    """A column accessor: the choice's label, capitalised as the other cells are."""

    def label(member) -> str:
        return capfirst(getattr(member, f"get_{field_name}_display")())

    return label


class MemberPaginator(WagtailPaginator):
    """Counts entries in words that agree with the number: «5 членов», not «5 реестр членов»."""

    @cached_property
    def items_count_label(self):
        return ngettext("%(count)s member", "%(count)s members", self.count) % {
            "count": self.count
        }


class MemberIndexView(IndexView):
    add_item_label = _("Add a member")
    paginator_class = MemberPaginator
    custom_field_preprocess = {
        "public_profile": {IndexView.FORMAT_CSV: yes_no, IndexView.FORMAT_XLSX: yes_no},
    }

    def stream_csv(self, queryset):
        # Wagtail streams the CSV after the view has returned, when the editor's admin
        # language is no longer active: keep it active while each row is written.
        # (Not a generator itself, so that the language is read while the view runs.)
        return rows_in_language(super().stream_csv(queryset), translation.get_language())

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not can_view_contacts(request.user):
            # Contacts leave the exports (CSV and XLSX) of those not allowed to see them.
            self.list_export = [name for name in self.list_export if name not in CONTACT_FIELDS]


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "group"
    menu_label = _("Members' registry")
    menu_order = 100
    index_view_class = MemberIndexView
    edit_view_class = MemberEditView
    inspect_view_class = MemberInspectView
    chooser_viewset_class = MemberChooserViewSet
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "registry_number",
        "name",
        # Columns with accessors: Wagtail 7.0 shows a choice's raw value otherwise.
        Column(
            "category",
            label=capfirst(_("category")),
            accessor=display("category"),
            sort_key="category",
        ),
        Column("role", label=capfirst(_("role")), accessor=display("role"), sort_key="role"),
        Column(
            "status", label=capfirst(_("status")), accessor=display("status"), sort_key="status"
        ),
        "admitted_on",
        *(Column(name, label=label, sort_key=name) for name, label in ATTENDANCE_LABELS.items()),
    ]
    list_per_page = 50
    ordering = ["registry_number"]
    filterset_class = MemberFilterSet
    list_export = [
        "registry_number",
        "name",
        "get_kind_display",
        "organization",
        "municipality",
        "get_category_display",
        "get_role_display",
        "get_status_display",
        "admitted_on",
        "terminated_on",
        "get_termination_ground_display",
        "termination_note",
        "expertise_names",
        "public_profile",
        "email",
        "phone",
        "website",
    ]
    export_headings = {
        "get_kind_display": capfirst(_("kind")),
        "get_category_display": capfirst(_("category")),
        "get_role_display": capfirst(_("role")),
        "get_status_display": capfirst(_("status")),
        "get_termination_ground_display": capfirst(_("ground for ending membership")),
        "expertise_names": capfirst(_("expertise")),
    }
    export_filename = "members-registry"
    inspect_view_fields_exclude = ["id"]

    def get_queryset(self, request):
        return Member.objects.prefetch_related("expertise").with_attendance()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(erase_url_name=self.get_url_name("erase"), **kwargs)

    @property
    def erase_view(self):
        return self.construct_view(ErasePersonalDataView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("erase/<str:pk>/", self.erase_view, name="erase"),
        ]
