from django.db.models import Prefetch
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from caseclub_wagtail import conf
from caseclub_wagtail.core.mixins import BaseTemplateMixin
from caseclub_wagtail.core.preview import HeadlessPreviewMixin
from caseclub_wagtail.core.routes import SubpageRoutesMixin
from caseclub_wagtail.core.sites import VisiblePageManager
from caseclub_wagtail.members.models import Member


class MemberDirectoryPage(HeadlessPreviewMixin, BaseTemplateMixin, SubpageRoutesMixin, Page):
    """The public directory of active members who consented to a profile."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro"]
    subpage_types = []
    template = "caseclub_wagtail/member_directory_page.html"
    profile_template = "caseclub_wagtail/member_profile.html"
    subpage_routes = "caseclub_wagtail.members.urls.directory_routes"

    objects = VisiblePageManager()

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

    def get_cached_paths(self):
        """The directory and every public member's profile, for a frontend cache."""
        numbers = Member.objects.public().order_by("registry_number")
        return super().get_cached_paths() + [
            self.profile_path(number)
            for number in numbers.values_list("registry_number", flat=True)
            if number is not None
        ]

    def profile_path(self, registry_number: int) -> str:
        """The path of a profile below this page ("/12/"); "" for a number out of range."""
        try:
            return "/" + self.reverse_subpage("member_profile", args=(registry_number,))
        except NoReverseMatch:  # a number written by code outside the registry's range
            return ""

    def profile_url(self, member, request=None) -> str:
        """The URL of ``member``'s profile on this directory."""
        base_url = self.get_url(request)
        if not base_url or member.registry_number is None:
            return ""
        path = self.profile_path(member.registry_number)
        return base_url + path.lstrip("/") if path else ""
