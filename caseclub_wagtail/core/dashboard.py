"""The dashboard's panel of the inboxes: how many new items each holds, so none waits unseen."""

from dataclasses import dataclass

from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

# The stored value of the status every inbox's new items have (appeals, applications,
# proposals alike).
NEW = "new"


@dataclass
class InboxCount:
    label: str
    count: int
    url: str


class InboxCountsPanel(Component):
    """The number of new items in each inbox the user may view, linked to them.

    One query per inbox shown, whatever the number of items; an inbox the user may not
    view is left out, and so is the panel when no inbox is left.
    """

    name = "caseclub_inboxes"
    template_name = "caseclub_wagtail/admin/dashboard_inboxes.html"
    order = 50  # before Wagtail's own panels: these wait for someone to act

    def __init__(self, inboxes):
        self.inboxes = inboxes

    def counts(self, user) -> list[InboxCount]:
        """The inboxes ``user`` may view, with their numbers of new items."""
        rows = []
        for inbox in self.inboxes:
            if not inbox.permission_helper.user_can_list(user):
                continue
            rows.append(
                InboxCount(
                    label=str(inbox.menu_label),
                    count=inbox.model._default_manager.filter(status=NEW).count(),
                    url=inbox.url_helper.index_url + "?" + urlencode({"status": NEW}),
                )
            )
        return rows

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["inboxes"] = self.counts(parent_context["request"].user)
        return context
