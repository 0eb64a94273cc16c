"""The public member directory: the filtered list and each member's profile."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from caseclub_wagtail import conf
from caseclub_wagtail.core.sites import VisiblePageQuerySet, current_site
from caseclub_wagtail.members.forms import MemberDirectoryFilterForm
from caseclub_wagtail.members.models import Member


def photo_rendition(member, photo_filter):
    """The member's photo at ``photo_filter``; none when the image file is missing."""
    if member.photo is None:
        return None
    try:
        return member.photo.get_rendition(photo_filter)
    except SourceImageIOError:
        return None


def public_case_roles(member, site):
    """The member's roles in the cases of ``site`` that a visitor may open, by case title."""
    # Through the member's own relation: the registry does not import the case library.
    visible = VisiblePageQuerySet(Page).visible_in(site)
    return list(
        member.case_roles.filter(case__in=visible)
        .select_related("case")
        .order_by("case__title", "pk")
    )


def decorate(directory, members, request) -> None:
    """Give each member the URL of their profile and their photo's rendition."""
    photo_filter = conf.get("MEMBER_PHOTO_FILTER")
    for member in members:
        member.profile_url = directory.profile_url(member, request)
        member.photo_rendition = photo_rendition(member, photo_filter)


def directory(page, request):
    """The active members who consented to a profile, filtered and paginated."""
    form = MemberDirectoryFilterForm(request.GET, members=Member.objects.public())
    members = form.ordered(form.filter(page.public_members()))
    paginator = Paginator(members, conf.get("MEMBERS_PER_PAGE"))
    page_obj = paginator.get_page(request.GET.get("page"))
    decorate(page, page_obj, request)
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        context_overrides={
            "filter_form": form,
            "members": page_obj,
            "paginator": paginator,
            "filter_query": query.urlencode(),
        },
    )


def member_profile(page, request, registry_number):
    """One public member's profile: who they are, their rewards and their cases."""
    member = (
        page.public_members()
        .prefetch_related("rewards")
        .filter(registry_number=int(registry_number))
        .first()
    )
    if member is None:
        raise Http404(_("No public profile has this number."))
    decorate(page, [member], request)
    return page.render(
        request,
        context_overrides={
            "member": member,
            "case_roles": public_case_roles(member, current_site(request)),
        },
        template=page.profile_template,
    )
