"""What a case page shows beside its own fields: the team as a visitor may see it, the
cases and practices it links to, where it was discussed, and its JSON-LD.

``CaseStudyPage.get_context`` adds it, so a host's subclass, a custom view and Wagtail's
preview all see the same context. This module sits below the page model, so it reads
the model through the app registry.
"""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

from caseclub_wagtail.cases.choices import CaseStatus
from caseclub_wagtail.core import json_ld
from caseclub_wagtail.core.absolute_urls import absolute_url, page_url
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.members.profiles import link_profiles


def case_model():
    """``CaseStudyPage``, read from the app registry (the model imports this module)."""
    return apps.get_model("caseclub_wagtail", "CaseStudyPage")


def team(case, request) -> list[dict]:
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


def related_cases(case, site) -> list:
    """The cases of ``site`` a visitor may open that this one names, and those that name it."""
    linked = Q(pk__in=[related.pk for related in case.related_cases.all()])
    if case.pk:
        linked |= Q(related_cases=case.pk)
    return list(
        case_model()
        .objects.visible_in(site)
        .filter(linked)
        .exclude(pk=case.pk)
        .defer_streamfields()
        .distinct()
        .order_by("title")
    )


def visible_practices(case, site) -> list:
    """The practices a visitor of ``site`` may follow: hidden cases and lost documents left out."""
    pks = [
        block.value.pk for block in case.practices if block.block_type == "case" and block.value
    ]
    visible = (
        set(case_model().objects.visible_in(site).filter(pk__in=pks).values_list("pk", flat=True))
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


def discussed_at(case, site) -> list:
    """The events of ``site`` a visitor may open where this case was discussed, latest first.

    Read through the case's own relation: the case library does not import events.
    Each event's ``span`` gives its date as the event's own zone reads it.
    """
    if not case.pk:
        return []
    return list(case.events.visible_in(site).order_by("-start"))


def case_json_ld(case, request, page_url: str) -> dict:
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


def case_context(case, request) -> dict:
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
