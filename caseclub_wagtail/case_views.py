"""The public case library: the filtered list, its RSS feed and the case page's context."""

import html

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from caseclub_wagtail import conf, json_ld
from caseclub_wagtail.absolute_urls import absolute_url, page_url
from caseclub_wagtail.conditional import conditional_response, feed_etag
from caseclub_wagtail.event_views import event_span, profile_urls
from caseclub_wagtail.feed_text import xml_text
from caseclub_wagtail.forms import CaseFilterForm
from caseclub_wagtail.models.cases import CaseStatus, CaseStudyIndexPage, CaseStudyPage
from caseclub_wagtail.models.events import EventPage
from caseclub_wagtail.sites import current_site, visible_pages

FEED_ITEMS = 20


def library_cases(index: CaseStudyIndexPage):
    """The index's cases with what a listing shows."""
    return index.cases().prefetch_related("topics")


def library(index: CaseStudyIndexPage, request):
    """The cases, filtered and searched, with a count beside every filter value."""
    form = CaseFilterForm(request.GET, cases=index.cases())
    cases = form.ordered(form.narrow(library_cases(index)))
    form.count_facets()
    paginator = Paginator(cases, conf.get("CASES_PER_PAGE"))
    page_obj = paginator.get_page(request.GET.get("page"))
    base_url = index.get_url(request)
    query = request.GET.copy()
    query.pop("page", None)
    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "cases": page_obj,
            "paginator": paginator,
            "filter_query": query.urlencode(),
            "rss_url": base_url + index.reverse_subpage("rss"),
        },
    )


def rss(index: CaseStudyIndexPage, request):
    """An RSS 2.0 feed of the newest and the recently updated cases, latest change first.

    Every text in it, the library's own title and introduction too, is cleaned of the
    control characters XML cannot carry.
    """
    form = CaseFilterForm(request.GET, cases=index.cases())
    cases = form.narrow(library_cases(index)).order_by(
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


# The case page


def team(case: CaseStudyPage, request) -> list[dict]:
    """The team as a visitor may see it: a member without public consent stays unnamed."""
    rows = list(case.team.all().select_related("member"))
    public = [row.member for row in rows if row.member.is_public]
    profile_urls(public, request)
    return [
        {
            "name": row.member.name if row.member in public else _("club member"),
            "profile_url": getattr(row.member, "profile_url", "") if row.member in public else "",
            "role": row.get_role_display(),
        }
        for row in rows
    ]


def related_cases(case: CaseStudyPage, site) -> list[CaseStudyPage]:
    """The cases of ``site`` a visitor may open that this one names, and those that name it."""
    linked = Q(pk__in=[related.pk for related in case.related_cases.all()])
    if case.pk:
        linked |= Q(related_cases=case.pk)
    return list(
        visible_pages(CaseStudyPage, site)
        .filter(linked)
        .exclude(pk=case.pk)
        .defer_streamfields()
        .distinct()
        .order_by("title")
    )


def visible_practices(case: CaseStudyPage, site) -> list:
    """The practices a visitor of ``site`` may follow: hidden cases and lost documents left out."""
    pks = [
        block.value.pk for block in case.practices if block.block_type == "case" and block.value
    ]
    visible = (
        set(visible_pages(CaseStudyPage, site).filter(pk__in=pks).values_list("pk", flat=True))
        if pks
        else set()
    )
    return [
        block
        for block in case.practices
        if (block.block_type == "case" and block.value and block.value.pk in visible)
        or (block.block_type == "document" and block.value.get("document"))
        or block.block_type == "resource"
    ]


def discussed_at(case: CaseStudyPage, site) -> list[EventPage]:
    """The events of ``site`` a visitor may open where this case was discussed, latest first."""
    if not case.pk:
        return []
    events = list(
        visible_pages(EventPage, site).filter(related_cases=case.pk).order_by("-start")
    )
    for event in events:
        event.span = event_span(event)  # its date as the event's own zone reads it
    return events


def case_json_ld(case: CaseStudyPage, request, page_url: str) -> dict:
    """The schema.org Article that describes the case."""
    organization = json_ld.site_organization(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case.title[:110],
        "description": case.summary,
        "url": page_url,
        "mainEntityOfPage": page_url,
        "author": organization,
        "publisher": organization,
    }
    if case.first_published_at:
        data["datePublished"] = case.first_published_at.isoformat()
    if case.last_published_at:
        data["dateModified"] = case.last_published_at.isoformat()
    topics = [topic.name for topic in case.topics.all()]
    if topics:
        data["keywords"] = ", ".join(topics)
        data["about"] = [{"@type": "Thing", "name": name} for name in topics]
    if case.municipality:
        data["contentLocation"] = {"@type": "Place", "name": case.municipality}
    return data


def case_context(case: CaseStudyPage, request) -> dict:
    """What the case page shows beside the page's own fields."""
    appeals = case.appeals_in_order()
    timeline = case.timeline_in_order()
    # An unsaved page in an editor's preview has no URL yet: the preview's own stands in.
    case_url = page_url(case, request) or absolute_url(request.path, request)
    site = current_site(request)
    options = [block.value for block in case.solution_options]
    return {
        "appeals": appeals,
        "first_appeal": case.first_appeal_date(appeals),
        "timeline": timeline,
        "current_status": CaseStatus(case.latest_status(timeline)),
        "chosen_option": next((option for option in options if option.get("chosen")), None),
        "team": team(case, request),
        "topics": list(case.topics.all()),
        "related_cases": related_cases(case, site),
        "practices": visible_practices(case, site),
        "events": discussed_at(case, site),
        "index": case.get_parent().specific,
        "json_ld": json_ld.script(case_json_ld(case, request, case_url)),
    }
