from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page
from wagtail.search import index

from caseclub_wagtail import conf
from caseclub_wagtail.forms import MemberDirectoryFilterForm
from caseclub_wagtail.models.cases import CaseStudyPage, CaseTeamMember
from caseclub_wagtail.models.members import Member
from caseclub_wagtail.models.mixins import BaseTemplateMixin
from caseclub_wagtail.sites import current_site, visible_pages


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
    return list(
        CaseTeamMember.objects.filter(member=member, case__in=visible_pages(CaseStudyPage, site))
        .select_related("case")
        .order_by("case__title", "pk")
    )


class MemberDirectoryPage(BaseTemplateMixin, RoutablePageMixin, Page):
    """The public directory of active members who consented to a profile."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro"]
    subpage_types = []
    template = "caseclub_wagtail/member_directory_page.html"
    profile_template = "caseclub_wagtail/member_profile.html"

    class Meta:
        verbose_name = _("member directory")
        verbose_name_plural = _("member directories")

    def public_members(self):
        """The members this page may show, with what the listing needs."""
        photo_filter = conf.get("MEMBER_PHOTO_FILTER")
        images = get_image_model().objects.prefetch_renditions(photo_filter)
        return Member.objects.public().prefetch_related(
            "expertise", Prefetch("photo", queryset=images)
        )

    def _decorate(self, members, request):
        base_url = self.get_url(request)
        photo_filter = conf.get("MEMBER_PHOTO_FILTER")
        for member in members:
            member.profile_url = f"{base_url}{member.registry_number}/"
            member.photo_rendition = photo_rendition(member, photo_filter)

    @path("", name="directory")
    def directory(self, request):
        members = self.public_members()
        form = MemberDirectoryFilterForm(request.GET, members=Member.objects.public())
        members = form.filter(members).leadership_first()
        paginator = Paginator(members, conf.get("MEMBERS_PER_PAGE"))
        page_obj = paginator.get_page(request.GET.get("page"))
        self._decorate(page_obj, request)
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "members": page_obj,
                "paginator": paginator,
                "filter_query": query.urlencode(),
            },
        )

    @re_path(r"^([1-9][0-9]{0,8})/$", name="member_profile")
    def member_profile(self, request, registry_number):
        member = (
            self.public_members()
            .prefetch_related("rewards")
            .filter(registry_number=int(registry_number))
            .first()
        )
        if member is None:
            raise Http404(_("No public profile has this number."))
        self._decorate([member], request)
        return self.render(
            request,
            context_overrides={
                "member": member,
                "case_roles": public_case_roles(member, current_site(request)),
            },
            template=self.profile_template,
        )
