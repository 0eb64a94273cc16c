"""The API's shapes of a member: the public summary other features embed, and the profile.

Only the fields a visitor may read on the site are here: never ``email`` or ``phone``.
A summary is built only for a member who is public (active, and consenting to a profile).
"""

from django.db.models import Prefetch
from ninja import Schema
from wagtail.images import get_image_model

from caseclub_wagtail import conf
from caseclub_wagtail.core.absolute_urls import absolute_url
from caseclub_wagtail.core.api import Choice, choice
from caseclub_wagtail.core.api_schemas import (
    RenditionOut,
    TopicOut,
    rendition_out,
    rich_text_html,
    topic_out,
    web_url,
)
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.members.choices import MemberCategory, MemberKind, MemberRole
from caseclub_wagtail.members.directory import MemberDirectoryPage
from caseclub_wagtail.members.models import Member


class MemberSummary(Schema):
    """A public member as other items name them (an event's hosts, a case's team)."""

    registry_number: int
    name: str
    kind: Choice
    organization: str
    profile_url: str | None  # null when the site has no member directory
    photo: RenditionOut | None


class MemberOut(MemberSummary):
    """A public member of the directory: the summary, and what their profile shows."""

    municipality: str
    category: Choice | None
    role: Choice
    expertise: list[TopicOut]
    bio: str
    website: str


def photo_prefetch(lookup: str = "photo") -> Prefetch:
    """Prefetch the members' photos at ``lookup`` with their renditions at the photo size."""
    images = get_image_model().objects.prefetch_renditions(conf.get("MEMBER_PHOTO_FILTER"))
    return Prefetch(lookup, queryset=images)


def public_members_prefetch(lookup: str, order_by: tuple = ()) -> Prefetch:
    """Prefetch the public members behind ``lookup`` with their photos' renditions.

    The members a visitor may not see are never loaded, so no summary can name them.
    """
    members = Member.objects.public().prefetch_related(photo_prefetch())
    if order_by:
        members = members.order_by(*order_by)
    return Prefetch(lookup, queryset=members)


def site_directory(request) -> MemberDirectoryPage | None:
    """The member directory of the request's site, looked up once per request."""
    if not hasattr(request, "_caseclub_directory"):
        visible = MemberDirectoryPage.objects.visible_in(current_site(request))
        request._caseclub_directory = visible.order_by("path").first()
    return request._caseclub_directory


def profile_url(member, request) -> str | None:
    """The absolute URL of ``member``'s profile in the site's directory; none without one."""
    directory = site_directory(request)
    url = directory.profile_url(member, request) if directory else ""
    return absolute_url(url, request) if url else None


def member_summary(member, request) -> MemberSummary | None:
    """``member`` as a public summary; none for a member a visitor may not see named."""
    if member is None or not member.is_public:
        return None
    return MemberSummary(**_summary_fields(member, request))


def member_summaries(members, request) -> list[MemberSummary]:
    """The public summaries of those of ``members`` a visitor may see, in their order."""
    return [member_summary(member, request) for member in members if member.is_public]


def member_out(member, request) -> MemberOut:
    """A public ``member`` as the directory shows them."""
    return MemberOut(
        **_summary_fields(member, request),
        municipality=member.municipality,
        category=choice(MemberCategory, member.category),
        role=choice(MemberRole, member.role),
        expertise=[topic_out(topic) for topic in member.expertise.all()],
        bio=rich_text_html(member.bio),
        website=web_url(member.website),
    )


def _summary_fields(member, request) -> dict:
    return {
        "registry_number": member.registry_number,
        "name": member.name,
        "kind": choice(MemberKind, member.kind),
        "organization": member.organization,
        "profile_url": profile_url(member, request),
        # The name is the photo's text: the image's own title may be a file name.
        "photo": rendition_out(
            member.photo, conf.get("MEMBER_PHOTO_FILTER"), request, alt=member.name
        ),
    }
