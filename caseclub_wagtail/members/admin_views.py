"""Admin views of the members' registry that guard its personal data (152-FZ).

Who may see contacts, who may choose members for a page, and the erasure of a
member's personal data with its confirmation screen and its log entry.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import EditView, InspectView

from caseclub_wagtail.members.models import (
    CHOOSE_PERMISSION,
    CONTACT_FIELDS,
    ERASE_PERMISSION,
    VIEW_CONTACTS_PERMISSION,
    Member,
)

# The columns and lines of a member's attendance (``MemberQuerySet.with_attendance``).
ATTENDANCE_LABELS = {
    "events_registered": gettext_lazy("Registered for events"),
    "events_attended": gettext_lazy("Attended"),
    "events_missed": gettext_lazy("Did not come"),
}


def can_view_contacts(user) -> bool:
    """Whether ``user`` may read members' e-mails and phones."""
    return user.has_perm(VIEW_CONTACTS_PERMISSION)


def can_erase_personal_data(user) -> bool:
    """Whether ``user`` may erase a member's personal data."""
    return user.has_perm(ERASE_PERMISSION)


def can_read_registry(user) -> bool:
    """Whether ``user`` holds any of the registry's own permissions (add, change, view)."""
    actions = ("add", "change", "delete", "view")
    return any(user.has_perm(f"caseclub_wagtail.{action}_member") for action in actions)


def can_choose_members(user) -> bool:
    """Whether ``user`` may list registry names in the member chooser."""
    return user.has_perm(CHOOSE_PERMISSION) or can_read_registry(user)


def field_labels(names) -> str:
    """The verbose names of the member's fields ``names``, as one line."""
    return ", ".join(str(Member._meta.get_field(name).verbose_name) for name in names)


class EraseButtonMixin:
    """Adds «Erase personal data» to the header's menu for those allowed to erase."""

    erase_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.erase_url_name and can_erase_personal_data(self.request.user):
            buttons.append(
                Button(
                    _("Erase personal data"),
                    url=reverse(self.erase_url_name, args=(quote(self.object.pk),)),
                    icon_name="bin",
                    priority=90,
                )
            )
        return buttons


class MemberEditView(EraseButtonMixin, EditView):
    """The edit form; the contact fields leave it without the permission (see the panels)."""


class MemberInspectView(EraseButtonMixin, InspectView):
    """The entry's details, with the attendance counts; contacts only for those allowed."""

    def get_object(self, queryset=None):
        return get_object_or_404(Member.objects.with_attendance(), pk=unquote(str(self.pk)))

    def get_fields(self):
        fields = [*super().get_fields(), *ATTENDANCE_LABELS]
        if can_view_contacts(self.request.user):
            return fields
        return [name for name in fields if name not in CONTACT_FIELDS]

    def get_field_label(self, field_name, field):
        if field_name in ATTENDANCE_LABELS:
            return ATTENDANCE_LABELS[field_name]
        return super().get_field_label(field_name, field)


class ErasePersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    """Asks for confirmation, then erases the member's personal data (withdrawn consent)."""

    model = Member
    template_name = "caseclub_wagtail/admin/erase_personal_data.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "group"
    index_url_name = None
    edit_url_name = None
    inspect_url_name = None
    erase_url_name = None

    def dispatch(self, request, *args, **kwargs):
        # Checked before the entry is looked up, so a refusal reveals nothing.
        if not can_erase_personal_data(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(Member, pk=unquote(str(kwargs["pk"])))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Member._meta.verbose_name_plural),
            },
            {"url": self.get_return_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_return_url(self):
        """The entry's edit form for those who may edit it, its inspect view otherwise."""
        user = self.request.user
        url_name = (
            self.edit_url_name
            if user.has_perm("caseclub_wagtail.change_member")
            else self.inspect_url_name
        )
        return reverse(url_name, args=(quote(self.object.pk),))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        held = self.object.personal_data_held()
        context.update(
            {
                "object": self.object,
                "fields_held": [Member._meta.get_field(name).verbose_name for name in held],
                "photo": self.object.photo,
                "photo_used_elsewhere": self.object.photo_used_elsewhere(),
                "erase_url": reverse(self.erase_url_name, args=(quote(self.object.pk),)),
                "return_url": self.get_return_url(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        erased = self.object.erase_personal_data(user=request.user)
        if erased:
            messages.success(
                request,
                _("Personal data of %(name)s erased: %(fields)s.")
                % {"name": self.object, "fields": field_labels(erased)},
            )
        else:
            messages.info(
                request,
                _("%(name)s: no personal data left to erase.") % {"name": self.object},
            )
        return redirect(self.get_return_url())


class ErasePersonalDataLogFormatter(LogFormatter):
    """The history's line for an erasure: the fields erased, never their values."""

    label = gettext_lazy("Erase personal data")

    def format_message(self, log_entry):
        fields = [name for name in log_entry.data.get("fields", []) if _is_member_field(name)]
        return _("Personal data erased: %(fields)s") % {"fields": field_labels(fields)}


def _is_member_field(name) -> bool:
    try:
        Member._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class MemberDeleteBulkAction(DeleteBulkAction):
    """The listing's bulk delete for members, refused before it lists any name.

    Wagtail's own lists the chosen entries a user may not delete, by name, to anyone
    in the admin; deletion itself is refused to everyone by ``refuse_deletion``.
    """

    models = [Member]

    def dispatch(self, request, *args, **kwargs):
        if not can_read_registry(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooserPermissionMixin:
    """Refuses the chooser's views to anyone without a registry or a «choose» permission."""

    def dispatch(self, request, *args, **kwargs):
        if not can_choose_members(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MemberChooseView(ChooserPermissionMixin, ChooseView):
    pass


class MemberChooseResultsView(ChooserPermissionMixin, ChooseResultsView):
    pass


class MemberChosenView(ChooserPermissionMixin, SnippetChosenView):
    pass


class MemberChosenMultipleView(ChooserPermissionMixin, SnippetChosenMultipleView):
    pass


class MemberCreateView(ChooserPermissionMixin, SnippetCreateView):
    pass


class MemberChooserViewSet(SnippetChooserViewSet):
    """The member chooser, for those who pick event hosts and case teams."""

    choose_view_class = MemberChooseView
    choose_results_view_class = MemberChooseResultsView
    chosen_view_class = MemberChosenView
    chosen_multiple_view_class = MemberChosenMultipleView
    create_view_class = MemberCreateView
