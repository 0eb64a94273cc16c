"""Links to members' public profiles, for every page that names a member."""

from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.members.directory import MemberDirectoryPage


def link_profiles(members, request) -> None:
    """Link each public member to their profile in this site's member directory, if any."""
    from_directory = None
    if members:
        from_directory = MemberDirectoryPage.objects.visible_in(current_site(request)).first()
    for member in members:
        member.profile_url = from_directory.profile_url(member, request) if from_directory else ""
