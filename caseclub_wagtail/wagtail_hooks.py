from wagtail import hooks
from wagtail.snippets.models import register_snippet

from caseclub_wagtail.member_admin_views import (
    ErasePersonalDataLogFormatter,
    MemberDeleteBulkAction,
)
from caseclub_wagtail.models import Member
from caseclub_wagtail.models.members import ERASE_LOG_ACTION
from caseclub_wagtail.viewsets import CaseClubViewSetGroup, refuse_deletion

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
