"""What a visitor may see on the site being served, when one install serves several sites."""

from wagtail.models import Site


def current_site(request) -> Site | None:
    """The Wagtail site that serves ``request`` (cached on the request by Wagtail)."""
    return Site.find_for_request(request)


def visible_pages(model, site: Site | None):
    """The pages of ``model`` a visitor of ``site`` may open: published, public, in that site."""
    pages = model.objects.live().public()
    # No site answers the request: Wagtail serves nothing then, and neither do we.
    return pages.in_site(site) if site is not None else pages.none()
