"""A member as the API names them wherever they appear: the public summary, never a contact.

Event hosts, case teams and the directory all give members through ``MemberSummary``,
and only members a visitor may see (``Member.is_public``) are ever summarised.
"""

from django.db.models import Prefetch
from ninja import Schema
from wagtail.images import get_image_model

from caseclub_wagtail import conf
from caseclub_wagtail.core.api import Choice, RenditionOut, choice, rendition_out
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.members.choices import MemberKind
from caseclub_wagtail.members.directory import MemberDirectoryPage
from caseclub_wagtail.members.models import Member


class MemberSummary(Schema):
    """A public member, as a list of hosts or a case team names them."""

    registry_number: int
    name: str
    kind: Choice
    organization: str
    profile_url: str | None
    photo: RenditionOut | None


def public_members_prefetch(lookup: str) -> Prefetch:
    """Prefetch the public members behind ``lookup`` with their photos' renditions.

    The members a visitor may not see are never loaded, so no summary can name them.
    """
    images = get_image_model().objects.prefetch_renditions(conf.get("MEMBER_PHOTO_FILTER"))
    members = Member.objects.public().prefetch_related(Prefetch("photo", queryset=images))
    return Prefetch(lookup, queryset=members)


def member_directory(request) -> MemberDirectoryPage | None:
    """The member directory of the request's site that profiles link to; none if it has none."""
    return MemberDirectoryPage.objects.visible_in(current_site(request)).first()


def member_summary(member, request, directory) -> MemberSummary:
    """The public summary of ``member``, linked to their profile on ``directory``."""
    profile = directory.profile_url(member, request) if directory is not None else ""
    return MemberSummary(
        registry_number=member.registry_number,
        name=member.name,
        kind=choice(MemberKind, member.kind),
        organization=member.organization,
        profile_url=request.build_absolute_uri(profile) if profile else None,
        photo=rendition_out(member.photo, conf.get("MEMBER_PHOTO_FILTER"), request),
    )


def member_summaries(members, request, directory) -> list[MemberSummary]:
    """The public summaries of those of ``members`` a visitor may see, in their order."""
    return [member_summary(member, request, directory) for member in members if member.is_public]
