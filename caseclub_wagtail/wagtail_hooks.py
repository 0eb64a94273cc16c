from wagtail import hooks
from wagtail.snippets.models import register_snippet

from caseclub_wagtail.models import Member
from caseclub_wagtail.viewsets import CaseClubViewSetGroup, refuse_deletion

register_snippet(CaseClubViewSetGroup)


@hooks.register("before_delete_snippet")
def before_delete_snippet(request, instances):
    # The bulk "delete" action of the listing arrives here; refuse it for members.
    members = [instance for instance in instances if isinstance(instance, Member)]
    if members:
        return refuse_deletion(request, members)
    return None
