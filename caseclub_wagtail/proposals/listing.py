"""The accepted proposals a form page lists: their titles and the club's replies.

Nothing else of a proposal is public. Its author is named only when they are a member of
the club who consented to a public profile, and then by the registry's name, linked to
their profile; never by the name or the address they typed.
"""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

from caseclub_wagtail.members.models import Member
from caseclub_wagtail.members.profiles import link_profiles
from caseclub_wagtail.proposals.choices import ProposalStatus

PER_PAGE = 20


def accepted_proposals(page, request) -> PaginatorPage:
    """One page of the accepted proposals sent through ``page``, the latest answered first.

    Each has ``author``: the public member who sent it, or None. The same queries whatever
    the number of proposals: the count, the page of them, their members, the directory.
    """
    rows = (
        page.proposals.filter(status=ProposalStatus.ACCEPTED)
        .only("page_id", "title", "reply", "replied_at", "member_id")
        .order_by("-replied_at", "-pk")
    )
    listed = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    ids = {proposal.member_id for proposal in listed if proposal.member_id}
    authors = {}
    if ids:
        public = Member.objects.public().filter(pk__in=ids).only("name", "registry_number")
        authors = {member.pk: member for member in public}
        link_profiles(list(authors.values()), request)
    for proposal in listed:
        proposal.author = authors.get(proposal.member_id)
    return listed
