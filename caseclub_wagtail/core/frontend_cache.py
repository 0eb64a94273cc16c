"""Purging the pages that show what an editor changed from a CDN or a caching proxy.

Through Wagtail's frontend cache invalidation (``wagtail.contrib.frontend_cache``), and
only when the host configured it (``WAGTAILFRONTENDCACHE``): the package never requires
it. Wagtail itself purges a page when it is published or unpublished; the package's
signal handlers (events, cases, members) add the pages that show it elsewhere (the
event index with its calendar and feeds, the case library with its RSS, the member
directory and the profile), and the pages moved or deleted, which Wagtail leaves alone.
Each page's URLs are those its ``get_cached_paths`` declares.
"""

import copy

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move


def is_configured() -> bool:
    """Whether the host names a frontend cache to purge."""
    return bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def page_urls(page, url_path: str | None = None) -> list[str]:
    """Every URL a frontend cache may hold for ``page``: each of its cached paths.

    ``url_path``: where the page was before a move, so that its old URLs are purged too.
    """
    page = page.specific_deferred
    if url_path is not None:
        page = copy.copy(page)
        page.url_path = url_path
    base = page.get_full_url()
    if not base:
        return []
    return [base + path.lstrip("/") for path in page.get_cached_paths()]


def purge(pages=(), urls=()) -> None:
    """Purge ``pages`` (all their cached paths) and ``urls`` once the transaction commits.

    The URLs are worked out now, while a deleted page still has its place in the tree;
    they are purged after the commit, so that a proxy asking again at once gets the new
    content, not the old one still being replaced.
    """
    if not is_configured():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for page in pages:
        if page is not None:
            batch.add_urls(page_urls(page))
    batch.add_urls(urls)
    if batch.urls:
        transaction.on_commit(batch.purge)


def parent_of(page):
    """The page's parent as its own class, or None (the root, or a parent being deleted)."""
    try:
        parent = page.get_parent(update=True)
    except page.__class__.DoesNotExist:
        return None
    return parent.specific if parent is not None else None


def purge_when_changed(model, showing) -> None:
    """Purge what shows a ``model`` page whenever it is published, unpublished, moved or deleted.

    ``showing(page)`` returns the pages (all their cached paths) and the URLs that show
    ``page`` besides its own. A moved or deleted page is purged too, at its old URLs:
    Wagtail purges a page only when it is published or unpublished.
    """
    label = f"caseclub_wagtail.purge.{model._meta.label_lower}"

    def changed(instance, **kwargs):
        if is_configured():
            purge(*showing(instance))

    def moved(instance, parent_page_before=None, url_path_before=None, **kwargs):
        if not is_configured():
            return
        instance = instance.specific  # Wagtail sends the moved page as a plain Page
        pages, urls = showing(instance)
        before = parent_page_before.specific if parent_page_before is not None else None
        own = page_urls(instance, kwargs.get("url_path_after")) + page_urls(
            instance, url_path_before
        )
        purge([*pages, before], [*urls, *own])

    def deleted(instance, **kwargs):
        if is_configured():
            pages, urls = showing(instance)
            purge(pages, [*urls, *page_urls(instance)])

    page_published.connect(changed, sender=model, weak=False, dispatch_uid=label + ".published")
    page_unpublished.connect(
        changed, sender=model, weak=False, dispatch_uid=label + ".unpublished"
    )
    post_page_move.connect(moved, sender=model, weak=False, dispatch_uid=label + ".moved")
    pre_delete.connect(deleted, sender=model, weak=False, dispatch_uid=label + ".deleted")
