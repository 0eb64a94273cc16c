"""The members' directory API: public members only, in the directory's order.

Only the fields a visitor may read on the site: never ``email`` or ``phone``.
"""

from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from caseclub_wagtail.core.api import Paging, Problem
from caseclub_wagtail.core.api_schemas import QueryFilters
from caseclub_wagtail.members.api_schemas import MemberOut, member_out, photo_prefetch
from caseclub_wagtail.members.choices import MemberCategory, MemberRole
from caseclub_wagtail.members.forms import MemberDirectoryFilterForm
from caseclub_wagtail.members.models import Member

router = Router(tags=["members"])

# The largest registry number every supported database stores (a 32-bit integer).
MAX_NUMBER = 2**31 - 1


class MemberFilters(QueryFilters):
    """The directory's filters, as the HTML directory has them, and the role."""

    category: Literal[tuple(MemberCategory.values)] | None = None
    role: Literal[tuple(MemberRole.values)] | None = None
    topic: str | None = Field(None, max_length=255, description="Topic slug (expertise).")
    municipality: str | None = Field(None, max_length=255)
    search: str | None = Field(
        None,
        max_length=100,
        description="Words found in the name, organisation or place, in any form; "
        "the most relevant first.",
    )


class MemberList(Schema):
    count: int
    items: list[MemberOut]


def public_members():
    """The members a visitor may see, with what an item shows."""
    return Member.objects.public().prefetch_related("expertise", photo_prefetch())


def filtered(filters: MemberFilters):
    """The public members the filters choose, by the HTML directory's form, in its order.

    The form ignores a topic or a municipality that no public member has, so that a stale
    link still shows the directory; an API client that asks for one gets nothing.
    """
    data = {
        "q": filters.search or "",
        "category": filters.category or "",
        "topic": filters.topic or "",
        "municipality": filters.municipality or "",
    }
    form = MemberDirectoryFilterForm(data, members=Member.objects.public())
    members = form.filter(public_members())
    if form.errors:
        return members.none()
    if filters.role:
        members = members.filter(role=filters.role)
    return form.ordered(members)


@router.get(
    "members/",
    response={200: MemberList, 400: Problem},
    summary="The public members' directory",
    operation_id="list_members",
)
def list_members(request, filters: Query[MemberFilters], paging: Query[Paging]):
    """The active members who consented to a public profile: the chair, deputies, members."""
    members = filtered(filters)
    window = members[paging.offset : paging.offset + paging.limit]
    return {
        "count": members.count(),
        "items": [member_out(member, request) for member in window],
    }


@router.get(
    "members/{registry_number}/",
    response={200: MemberOut, 400: Problem, 404: Problem},
    summary="One public member",
    operation_id="get_member",
)
def get_member(request, registry_number: int = Path(..., ge=1, le=MAX_NUMBER)):
    """A public member by registry number; 404 for anyone who is not public."""
    member = public_members().filter(registry_number=registry_number).first()
    if member is None:
        raise Http404(_("No public profile has this number."))
    return member_out(member, request)
