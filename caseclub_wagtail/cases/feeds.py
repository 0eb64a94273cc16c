"""The case library's RSS 2.0 feed of new and updated cases."""

import html

from django.db.models import F
from django.http import HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from caseclub_wagtail.cases.forms import CaseFilterForm
from caseclub_wagtail.cases.models import CaseStudyIndexPage, CaseStudyPage
from caseclub_wagtail.core.absolute_urls import absolute_url, page_url
from caseclub_wagtail.core.conditional import conditional_response, feed_etag
from caseclub_wagtail.core.feed_text import xml_text

FEED_ITEMS = 20


def rss(index: CaseStudyIndexPage, request):
    """An RSS 2.0 feed of the newest and the recently updated cases, latest change first.

    Every text in it, the library's own title and introduction too, is cleaned of the
    control characters XML cannot carry.
    """
    form = CaseFilterForm(request.GET, cases=index.cases())
    cases = form.narrow(index.cases().prefetch_related("topics")).order_by(
        F("last_published_at").desc(nulls_last=True), "-pk"
    )[:FEED_ITEMS]
    # One query for what the feed holds: each case as published, where, and its topics.
    held = CaseStudyPage.objects.filter(pk__in=cases.values("pk")).values_list(
        "pk", "last_published_at", "live_revision_id", "url_path", "status", "topics__name"
    )
    etag = feed_etag(
        request,
        "cases",
        index.pk,
        index.last_published_at,
        request.get_full_path(),
        sorted(held, key=lambda row: (row[0], row[-1] or "")),
    )

    def build():
        return rss_response(index, request, cases.defer_streamfields())

    private = index.get_view_restrictions().exists()
    return conditional_response(request, etag, build, private=private)


def rss_response(index: CaseStudyIndexPage, request, cases) -> HttpResponse:
    """The RSS 2.0 document of ``cases``."""
    index_url = page_url(index, request)
    intro = html.unescape(strip_tags(index.intro)).strip()
    feed = Rss201rev2Feed(
        title=xml_text(index.title),
        link=index_url,
        description=xml_text(intro)
        or _("New and updated cases of %(library)s") % {"library": xml_text(index.title)},
        language=translation.get_language(),
        feed_url=absolute_url(request.get_full_path(), request),
    )
    for case in cases:
        url = page_url(case, request)
        feed.add_item(
            title=xml_text(case.title),
            link=url,
            description=xml_text(case.summary),
            # A new guid for each publication, so readers show an updated case again.
            unique_id=f"{url}#revision-{case.live_revision_id}" if case.live_revision_id else url,
            unique_id_is_permalink=not case.live_revision_id,
            pubdate=case.last_published_at,
            categories=[xml_text(topic.name) for topic in case.topics.all()]
            + [xml_text(case.get_status_display())],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
