"""The public case library: the filtered list, its RSS feed and the case page's context."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from caseclub_wagtail import conf
from caseclub_wagtail.cases.choices import CaseStatus
from caseclub_wagtail.cases.forms import CaseFilterForm
from caseclub_wagtail.cases.models import CaseStudyIndexPage, CaseStudyPage
from caseclub_wagtail.core import json_ld
from caseclub_wagtail.core.absolute_urls import absolute_url, page_url
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.members.views import link_profiles


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


def team(case: CaseStudyPage, request) -> list[dict]:
    """The team as a visitor may see it: a member without public consent stays unnamed."""
    rows = list(case.team.all().select_related("member"))
    public = [row.member for row in rows if row.member.is_public]
    link_profiles(public, request)
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
        CaseStudyPage.objects.visible_in(site)
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
        set(CaseStudyPage.objects.visible_in(site).filter(pk__in=pks).values_list("pk", flat=True))
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


def discussed_at(case: CaseStudyPage, site) -> list:
    """The events of ``site`` a visitor may open where this case was discussed, latest first.

    Read through the case's own relation: the case library does not import events.
    Each event's ``span`` gives its date as the event's own zone reads it.
    """
    if not case.pk:
        return []
    return list(case.events.visible_in(site).order_by("-start"))


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


def case_page(case: CaseStudyPage, request):
    """The case page: the story, its team as a visitor may see it, and what it links to."""
    return case.render(request, context_overrides=case_context(case, request))
