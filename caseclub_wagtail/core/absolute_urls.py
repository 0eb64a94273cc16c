"""The one rule for the absolute URLs the package writes.

Feeds, JSON-LD, calendar links, and later e-mails and the API, all build their
absolute URLs here, so that a page and every link about it name the same host:

- With a request, the scheme and host the visitor came by
  (``request.build_absolute_uri``). Django has already checked that host against
  ``ALLOWED_HOSTS``, so a forged Host header gets a 400 before anything is built.
  A subscriber who found the site at ``https://club.example.org`` then gets that
  host in the feed's links, whatever the Site record still says (``localhost``
  after ``wagtail start``).
- Without a request (a management command, an e-mail sent later), the root URL of
  the Site record the page belongs to (Settings → Sites: its hostname and port),
  as Wagtail's own ``Page.full_url`` does; for a path that belongs to no page,
  the default Site's root URL, else ``WAGTAILADMIN_BASE_URL``.

A page of another site of the same install keeps that site's own root URL: a link
never sends a visitor to a page through a host that does not serve it.
"""

from django.conf import settings
from wagtail.models import Page, Site


def absolute_url(path: str, request=None) -> str:
    """``path`` (or a URL that is already absolute) as an absolute URL, by the rule above."""
    if request is not None:
        return request.build_absolute_uri(path)
    if "://" in path:
        return path
    site = Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site else getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return base.rstrip("/") + "/" + path.lstrip("/")


def page_url(page: Page, request=None) -> str:
    """The absolute URL of ``page``; empty for a page that has none (unrouted, unsaved)."""
    if request is None:
        return page.get_full_url() or ""
    # Relative for a page of the request's site, absolute for a page of another site.
    path = page.get_url(request)
    return request.build_absolute_uri(path) if path else ""


def webcal_url(url: str) -> str:
    """An absolute http(s) URL as the ``webcal://`` link that calendar apps subscribe to."""
    return "webcal://" + url.split("://", 1)[1]
