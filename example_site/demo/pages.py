"""The demo's home page and the index pages under it, from ``pages.toml``."""

from django.conf import settings
from wagtail.models import Page, Site

from caseclub_wagtail.models import CaseStudyIndexPage, EventIndexPage, MemberDirectoryPage
from example_site.demo.datafiles import DataFile
from example_site.home.models import HomePage

# The tables of pages.toml and the page types they fill.
INDEX_PAGES = {
    "member_directory": MemberDirectoryPage,
    "event_index": EventIndexPage,
    "case_library": CaseStudyIndexPage,
}


def ensure_home_page(pages: DataFile) -> tuple[HomePage, bool]:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific, False

    home = HomePage.objects.filter(depth=2, slug="home").first()
    created = home is None
    old_root = site.root_page if site is not None else None
    if created:
        if old_root is not None and _is_welcome_page(old_root):
            # Free the slug "home" for the new page; the old page is deleted below.
            Page.objects.filter(pk=old_root.pk).update(slug="wagtail-welcome-page")
        data = pages.data["home"]
        with pages.record("page", "home").checked():
            home = Page.get_first_root_node().add_child(instance=HomePage(**data))
        home.save_revision().publish()

    if site is None:
        site = Site(is_default_site=True)
    site.root_page = home
    site.hostname = "localhost"
    site.port = 80
    site.is_default_site = True
    site.site_name = site.site_name or getattr(settings, "WAGTAIL_SITE_NAME", home.title)
    site.save()

    # Only Wagtail's untouched placeholder is deleted; any other page is kept.
    if old_root is not None and old_root.pk != home.pk and _is_welcome_page(old_root):
        Page.objects.get(pk=old_root.pk).delete()
    return home, created


def _is_welcome_page(page: Page) -> bool:
    return page.depth == 2 and page.specific_class is Page and page.numchild == 0


def ensure_index_page(home: Page, pages: DataFile, key: str) -> tuple[Page, bool]:
    """Publish the index page of table ``key`` of pages.toml under the home page."""
    data = pages.data[key]
    existing = home.get_children().filter(slug=data["slug"]).first()
    if existing is not None:
        return existing.specific, False
    with pages.record("page", key).checked():
        index = home.add_child(instance=INDEX_PAGES[key](show_in_menus=True, **data))
    index.save_revision().publish()
    return index, True
