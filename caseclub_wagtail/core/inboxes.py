"""What the coordinators' inboxes share: wagtail-modeladmin listings of rows people sent.

An inbox lists, filters, exports and inspects its rows, and changes them only through its
own actions (mark attendance, cancel, resend): there is no add, edit or delete form, so
nothing bypasses what an action does besides saving (freeing a seat, sending an e-mail).
Its rows hold personal data, so only those with the model's view permission see them.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import re_path
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView, InspectView

from caseclub_wagtail.core.exports import rows_in_language

# wagtail-modeladmin heads each filter "By <title>" and its Russian catalog lacks the
# phrase: ours gives it (the titles are capitalised, as Russian cannot decline them here).
FILTER_HEADING = gettext_noop("By %(filter_title)s")

# The id of the one form of an inbox's listing that its rows' action buttons submit, so
# each row needs no form (nor CSRF token) of its own.
ACTIONS_FORM_ID = "caseclub-inbox-actions"


class InboxPermissionHelper(PermissionHelper):
    """Listing and inspecting need the view permission; acting needs view and change."""

    def user_can_list(self, user):
        return self.user_has_specific_permission(user, self.get_perm_codename("view"))

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and self.user_can_list(user)

    def user_can_act(self, user) -> bool:
        """Whether ``user`` may use the inbox's actions."""
        change = self.get_perm_codename("change")
        return self.user_can_list(user) and self.user_has_specific_permission(user, change)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class InboxButtonHelper(ButtonHelper):
    """The row's links: inspect, then the inbox's own (``ModelAdmin.row_links``)."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, **kwargs):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, **kwargs)
        if self.permission_helper.user_can_act(self.request.user):
            classname = self.finalise_classname(["button-secondary", *(classnames_add or [])])
            for action, label in self.view.model_admin.row_links(obj):
                url = self.url_helper.get_action_url(action, quote(obj.pk))
                if self.request.GET:
                    # Back to the same filtered list afterwards.
                    url += "?" + urlencode({"next": "?" + self.request.GET.urlencode()})
                buttons.append({"url": url, "label": label, "classname": classname})
        return buttons


class InboxFilter(admin.SimpleListFilter):
    """A listing filter whose value is checked first: a bad one is a 400, never a 500."""

    field_name = ""

    def clean(self, value):
        """The value to filter by; raises ``ValueError`` when it cannot be one."""
        return value

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            value = self.clean(self.value())
        except (TypeError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset.filter(**{self.field_name: value})


class InboxIndexView(IndexView):
    """The listing, its CSV and XLSX exports, and one form for the rows' action buttons."""

    def __init__(self, model_admin):
        super().__init__(model_admin)
        # wagtail-modeladmin reads these from the view, not from the ModelAdmin.
        self.export_headings = model_admin.export_headings
        self.custom_field_preprocess = model_admin.custom_field_preprocess

    def dispatch(self, request, *args, **kwargs):
        try:
            # PostgreSQL refuses a NUL in any text: no filter or search with one is run.
            if any("\x00" in value for _name, values in request.GET.lists() for value in values):
                raise IncorrectLookupParameters("a NUL character")
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            # A hand-edited or outdated address: say so instead of failing.
            return TemplateResponse(
                request,
                "caseclub_wagtail/admin/inbox_bad_filter.html",
                {"view": self, "index_url": self.index_url},
                status=400,
            )

    def get_filters(self, request):
        specs, has_filters, remaining, use_distinct = super().get_filters(request)
        if remaining:
            # Only the inbox's own filters: any other lookup on any field (the
            # registrations' secrets included) is refused, as Django's admin does.
            raise IncorrectLookupParameters(sorted(remaining))
        return specs, has_filters, remaining, use_distinct

    def stream_csv(self, queryset):
        return rows_in_language(super().stream_csv(queryset), translation.get_language())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.model_admin.actions_view_class:
            # An inbox whose rows have no buttons (only links) has no actions form.
            context["actions_form_id"] = ACTIONS_FORM_ID
            context["actions_url"] = self.url_helper.get_action_url("actions")
        return context


class InboxInspectView(InspectView):
    """The row's details; the labels capitalised as the rest of the admin's."""

    def get_field_label(self, field_name, field=None):
        return super().get_field_label(field_name, field).capitalize()

    def get_field_display_value(self, field_name, field=None):
        value = super().get_field_display_value(field_name, field)
        # wagtail-modeladmin shows a box's value as Python's untranslated True or False.
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        return value


class InboxModelAdmin(ModelAdmin):
    """A coordinators' inbox, registered by ``wagtail_hooks`` under the «Кейс-клуб» menu."""

    add_to_admin_menu = False  # its menu item goes in the «Кейс-клуб» group instead
    inspect_view_enabled = True
    # Wagtail's history would keep a row's name (personal data) past its anonymisation.
    history_view_enabled = False
    permission_helper_class = InboxPermissionHelper
    button_helper_class = InboxButtonHelper
    index_view_class = InboxIndexView
    inspect_view_class = InboxInspectView
    index_template_name = "caseclub_wagtail/admin/inbox_index.html"
    list_per_page = 100
    export_headings = {}
    custom_field_preprocess = {}
    actions_view_class = None

    def row_links(self, obj):
        """``(action, label)`` of the links the row offers besides «inspect»."""
        return []

    def get_list_display(self, request):
        if self.permission_helper.user_can_act(request.user):
            return (*self.list_display, "row_actions")
        return self.list_display

    def row_actions(self, obj):
        """The row's action buttons, which submit the listing's one actions form."""
        return format_html_join(
            "",
            '<button type="submit" form="{}" name="{}" value="{}" '
            'class="button button-small button-secondary">{}</button> ',
            ((ACTIONS_FORM_ID, name, obj.pk, label) for name, label in self.row_buttons(obj)),
        )

    row_actions.short_description = ""

    def row_buttons(self, obj):
        """``(name, label)`` of the buttons of the row's actions column."""
        return []

    def get_admin_urls_for_registration(self):
        # Only the listing, the inspect view and the inbox's actions: no add, edit or delete.
        urls = [
            re_path(
                self.url_helper.get_action_url_pattern(action),
                view,
                name=self.url_helper.get_action_url_name(action),
            )
            for action, view in (("index", self.index_view), ("inspect", self.inspect_view))
        ]
        if self.actions_view_class:
            urls.append(self.action_url("actions", self.actions_view_class, with_pk=False))
        return tuple(urls) + tuple(self.get_extra_urls())

    def get_extra_urls(self):
        """The URLs of the inbox's own views besides the actions form's."""
        return []

    def action_url(self, action, view_class, with_pk=True):
        """The URL pattern of an action's view, named as wagtail-modeladmin names its own."""
        pattern = self.url_helper.get_action_url_pattern(action)
        if not with_pk:
            pattern = self.url_helper._get_action_url_pattern(action)
        return re_path(
            pattern,
            view_class.as_view(model_admin=self),
            name=self.url_helper.get_action_url_name(action),
        )

    def inspect_view(self, request, instance_pk):
        # Any other text than a key in the address is a 404, not a database error.
        try:
            self.model._meta.pk.to_python(instance_pk)
        except ValidationError as error:
            raise Http404 from error
        return super().inspect_view(request, instance_pk)

    def register_indexing(self):
        # Not in Wagtail's reference index: an event's "usage" would list its registrants.
        pass


class InboxActionMixin:
    """An inbox's action view: for those who may act, and checked before any lookup."""

    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.permission_helper.user_can_act(request.user):
            raise PermissionDenied
        # Only now: a 404 before the permission check would tell anyone which rows exist.
        self.load_row(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_row(self, **kwargs):
        """Read the row the address names, once the user may act (an action with one)."""

    def form_invalid(self, form):
        """The form again, with its errors beside the fields: a 400."""
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def next_query(self) -> str:
        """The listing's query string to go back to: the link's, or the form's once sent."""
        return self.request.POST.get("next") or self.request.GET.get("next") or ""

    def get_index_url(self):
        """The listing, with the filters the coordinator was looking at."""
        index_url = self.model_admin.url_helper.index_url
        back = self.next_query()
        # Only a query string of the listing itself, never another address.
        return index_url + back if back.startswith("?") else index_url
