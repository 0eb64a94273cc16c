"""The package's admin, one hook per function; each feature keeps its own admin views."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from caseclub_wagtail.appeals.inbox import AppealInbox
from caseclub_wagtail.applications.inbox import ApplicationInbox
from caseclub_wagtail.core.dashboard import InboxCountsPanel
from caseclub_wagtail.core.outbox_admin import OutboxAdmin
from caseclub_wagtail.core.viewsets import TopicViewSet
from caseclub_wagtail.members.admin_views import (
    ErasePersonalDataLogFormatter,
    MemberDeleteBulkAction,
)
from caseclub_wagtail.members.models import ERASE_LOG_ACTION, Member
from caseclub_wagtail.members.viewsets import MemberViewSet, refuse_deletion
from caseclub_wagtail.proposals.inbox import ProposalInbox
from caseclub_wagtail.registrations.inbox import RegistrationInbox

# The coordinators' inboxes (wagtail-modeladmin): their URLs and permissions are
# registered here, their menu items go in the «Кейс-клуб» group below, not top level.
INBOXES = (
    RegistrationInbox(),
    AppealInbox(),
    ApplicationInbox(),
    ProposalInbox(),
    OutboxAdmin(),
)
for inbox in INBOXES:
    inbox.register_with_wagtail()
# The inboxes of what people send through the site, counted on the dashboard.
DASHBOARD_INBOXES = tuple(
    inbox for inbox in INBOXES if isinstance(inbox, AppealInbox | ApplicationInbox | ProposalInbox)
)


class CaseClubViewSetGroup(SnippetViewSetGroup):
    """The registry, the topics and the inboxes, grouped under «Кейс-клуб» in the admin menu."""

    menu_label = _("Case club")
    menu_icon = "group"
    menu_order = 250
    items = (MemberViewSet, TopicViewSet)

    def get_submenu_items(self):
        # A ModelAdmin is no ViewSet, so it cannot be one of ``items``; Wagtail 8's
        # ``submenu_hook`` would do, but Wagtail 7.0 has none.
        return [*super().get_submenu_items(), *(inbox.get_menu_item() for inbox in INBOXES)]


register_snippet(CaseClubViewSetGroup)
# Registered after Wagtail's snippet bulk delete (order 0), so it replaces it for members.
hooks.register("register_bulk_action", MemberDeleteBulkAction, order=1)


@hooks.register("before_delete_snippet")
def before_delete_snippet(request, instances):
    # The bulk "delete" action of the listing arrives here; refuse it for members.
    members = [instance for instance in instances if isinstance(instance, Member)]
    if members:
        return refuse_deletion(request, members)
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(ERASE_LOG_ACTION)(ErasePersonalDataLogFormatter)


@hooks.register("construct_homepage_panels")
def construct_homepage_panels(request, panels):
    panels.append(InboxCountsPanel(DASHBOARD_INBOXES))
