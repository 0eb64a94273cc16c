"""The coordinators' inbox of proposals."""

from django.utils.translation import gettext_lazy

from caseclub_wagtail.core.inboxes import InboxModelAdmin
from caseclub_wagtail.proposals.models import Proposal


class ProposalInbox(InboxModelAdmin):
    """Proposals to improve the club's work, for the coordinators."""

    model = Proposal
    menu_label = gettext_lazy("Proposals")
    menu_icon = "help"
    menu_order = 330
    list_display = ("title", "name", "status", "created_at")
    search_fields = ("name", "email", "title", "text")
    ordering = ("-created_at",)
