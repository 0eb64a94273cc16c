"""What a visitor may see on the site being served, when one install serves several sites."""

from wagtail.models import PageManager, PageQuerySet, Site


def current_site(request) -> Site | None:
    """The Wagtail site that serves ``request`` (cached on the request by Wagtail)."""
    return Site.find_for_request(request)


class VisiblePageQuerySet(PageQuerySet):
    """Page querysets that know what a visitor may open."""

    def visible(self):
        """The pages any visitor may open: published and not behind a view restriction."""
        return self.live().public()

    def visible_in(self, site: Site | None):
        """The pages a visitor of ``site`` may open: published, public, in that site."""
        pages = self.visible()
        # No site answers the request: Wagtail serves nothing then, and neither do we.
        return pages.in_site(site) if site is not None else pages.none()


# Every page model of the package uses this manager, so "what a visitor may see" is
# written once, here, and reached from any queryset of pages, a related one included.
VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
