"""The coordinators' inbox of appeals."""

from django.utils.translation import gettext_lazy

from caseclub_wagtail.appeals.models import Appeal
from caseclub_wagtail.core.inboxes import InboxModelAdmin


class AppealInbox(InboxModelAdmin):
    """Citizens' appeals, for the coordinators."""

    model = Appeal
    menu_label = gettext_lazy("Appeals")
    menu_icon = "mail"
    menu_order = 310
    list_display = ("number", "name", "address", "status", "created_at")
    search_fields = ("name", "email", "address", "description")
    ordering = ("-created_at",)
