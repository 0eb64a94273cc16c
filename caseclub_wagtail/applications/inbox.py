"""The coordinators' inbox of membership applications."""

from django.utils.translation import gettext_lazy

from caseclub_wagtail.applications.models import MembershipApplication
from caseclub_wagtail.core.inboxes import InboxModelAdmin


class ApplicationInbox(InboxModelAdmin):
    """Applications for membership, for the coordinators."""

    model = MembershipApplication
    menu_label = gettext_lazy("Membership applications")
    menu_icon = "user"
    menu_order = 320
    list_display = ("name", "kind", "category", "status", "created_at")
    search_fields = ("name", "organization", "email")
    ordering = ("-created_at",)
