"""The case library's API: the filtered list with its facets, and each case's whole story."""

import zoneinfo
from typing import Literal

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router

from caseclub_wagtail.cases.api_schemas import (
    AppealOut,
    CaseDetail,
    CaseFacets,
    CaseItem,
    CaseList,
    DiscussedAtOut,
    FacetValue,
    PracticeOut,
    ScenarioOut,
    SolutionOptionOut,
    TeamMemberOut,
    TimelineEntryOut,
)
from caseclub_wagtail.cases.choices import (
    AppealChannel,
    CaseResult,
    CaseRole,
    CaseStatus,
    Likelihood,
)
from caseclub_wagtail.cases.forms import CaseFilterForm
from caseclub_wagtail.cases.models import CaseStudyPage
from caseclub_wagtail.cases.story import discussed_at, related_cases, visible_practices
from caseclub_wagtail.core.absolute_urls import absolute_url, page_url
from caseclub_wagtail.core.api import Paging, Problem, choice
from caseclub_wagtail.core.api_schemas import QueryFilters, rich_text_html, topic_out, web_url
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.members.api_schemas import member_summary, photo_prefetch

router = Router(tags=["cases"])

# The largest id a page can have on every supported database (a 32-bit integer).
MAX_ID = 2**31 - 1
# The filters whose values the HTML form takes only from the library's own cases.
LIBRARY_VALUES = ("topic", "municipality", "year")


class CaseFilters(QueryFilters):
    """The case library's filters, search and order, as the HTML library has them."""

    status: Literal[tuple(CaseStatus.values)] | None = Field(None, description="Case status.")
    topic: str | None = Field(None, max_length=255, description="Topic slug.")
    municipality: str | None = Field(None, max_length=255)
    result: Literal[tuple(CaseResult.values)] | None = None
    year: int | None = Field(None, ge=1, le=9999, description="Year of the first appeal.")
    search: str | None = Field(
        None, max_length=100, description="Words found in the case's texts and topics."
    )
    order: Literal["relevance", "newest", "updated"] | None = Field(
        None,
        description="relevance (the default with a search), newest (the default without) "
        "or updated",
    )


class CaseQueryForm(CaseFilterForm):
    """The library's form, for the API: a value that no case has matches no case.

    The HTML form ignores such a value (a stale link still shows the library); an API
    client that asks for it gets what it asked for: nothing.
    """

    def __init__(self, data, *, cases, asked):
        super().__init__(data, cases=cases)
        for name in LIBRARY_VALUES:
            if name in self.errors and asked.get(name) is not None:
                self.cleaned_data[name] = asked[name]


def query_form(filters: CaseFilters, cases) -> CaseQueryForm:
    """The library's form, given the API's already validated filters."""
    asked = filters.dict()
    if filters.topic:
        asked["topic"] = Topic.objects.filter(slug=filters.topic).first()
    data = {name: value for name, value in asked.items() if value is not None}
    data["q"] = data.pop("search", "")
    data["topic"] = filters.topic or ""
    return CaseQueryForm(data, cases=cases, asked=asked)


def case_item(case, request, appeals_count: int) -> CaseItem:
    """One case as a list item."""
    return CaseItem(
        id=case.pk,
        title=case.title,
        slug=case.slug,
        url=page_url(case, request),
        summary=case.summary,
        status=choice(CaseStatus, case.status),
        result=choice(CaseResult, case.result),
        municipality=case.municipality,
        topics=[topic_out(topic) for topic in case.topics.all()],
        first_appeal_on=case.first_appeal_on,
        appeals_count=appeals_count,
        first_published_at=case.first_published_at,
        last_published_at=case.last_published_at,
    )


def case_items(cases, request) -> list[CaseItem]:
    """``cases`` as list items, in three queries whatever their number."""
    rows = (
        cases.defer_streamfields()
        .annotate(appeals_total=Count("appeals", distinct=True))
        .prefetch_related("topics")
    )
    return [case_item(case, request, case.appeals_total) for case in rows]


def facets(form: CaseFilterForm) -> CaseFacets:
    """Every value of every filter with its number of cases, as the HTML library counts."""
    found = form.facet_counts()

    def listed(name):
        return [
            FacetValue(value=str(value), label=str(label), count=found[name].get(value, 0))
            for value, label in form.fields[name].choices[1:]
        ]

    topics = [
        FacetValue(value=topic.slug, label=topic.name, count=found["topic"].get(topic.pk, 0))
        for topic in form.fields["topic"].queryset
    ]
    return CaseFacets(
        status=listed("status"),
        topic=topics,
        municipality=listed("municipality"),
        result=listed("result"),
        year=listed("year"),
    )


@router.get(
    "cases/",
    response={200: CaseList, 400: Problem},
    summary="The case library",
    operation_id="list_cases",
)
def list_cases(request, filters: Query[CaseFilters], paging: Query[Paging]):
    """The published cases of the site, filtered and searched, with counts for each filter."""
    cases = CaseStudyPage.objects.visible_in(current_site(request))
    if filters.topic and not Topic.objects.filter(slug=filters.topic).exists():
        # No topic has that slug, so no case has it: as on the events' and members' lists.
        cases = cases.none()
    form = query_form(filters, cases)
    found = form.ordered(form.narrow(cases))
    window = found[paging.offset : paging.offset + paging.limit]
    return {
        "count": found.count(),
        "items": case_items(window, request),
        "facets": facets(form),
    }


def scenarios(case) -> list[ScenarioOut]:
    return [
        ScenarioOut(
            title=block.value["title"],
            description=str(block.value["description"] or ""),
            likelihood=choice(Likelihood, block.value.get("likelihood")),
            consequences=block.value.get("consequences") or "",
        )
        for block in case.scenarios
    ]


def solution_options(case) -> list[SolutionOptionOut]:
    return [
        SolutionOptionOut(
            title=option["title"],
            description=str(option["description"] or ""),
            legal_basis=option.get("legal_basis") or "",
            pros=option.get("pros") or "",
            cons=option.get("cons") or "",
            recommended=bool(option.get("recommended")),
            chosen=bool(option.get("chosen")),
        )
        for option in (block.value for block in case.solution_options)
    ]


def practice(block, request) -> PracticeOut:
    """One practice a visitor may follow (``visible_practices`` chose which)."""
    value = block.value
    if block.block_type == "case":
        return PracticeOut(
            type="case",
            title=value.title,
            url=page_url(value, request),
            description="",
            case_id=value.pk,
        )
    if block.block_type == "document":
        document = value["document"]
        return PracticeOut(
            type="document",
            title=document.title,
            url=absolute_url(document.url, request),
            description=value.get("description") or "",
        )
    return PracticeOut(
        type="resource",
        title=value["title"],
        url=web_url(value["url"]),
        description=value.get("description") or "",
    )


def team(case, request) -> list[TeamMemberOut]:
    """The team as a visitor may see it: a member without public consent stays unnamed."""
    rows = case.team.select_related("member").prefetch_related(photo_prefetch("member__photo"))
    team = []
    for row in rows:
        summary = member_summary(row.member, request)
        team.append(
            TeamMemberOut(
                role=choice(CaseRole, row.role),
                name=summary.name if summary else _("club member"),
                member=summary,
            )
        )
    return team


def discussed(case, site, request) -> list[DiscussedAtOut]:
    """The events of the site where the case was discussed, latest first."""
    events = []
    for event in discussed_at(case, site):
        zone = zoneinfo.ZoneInfo(event.time_zone)
        events.append(
            DiscussedAtOut(
                id=event.pk,
                title=event.title,
                url=page_url(event, request),
                all_day=event.all_day,
                start=event.start.astimezone(zone),
                end=event.end.astimezone(zone),
            )
        )
    return events


@router.get(
    "cases/{id}/",
    response={200: CaseDetail, 400: Problem, 404: Problem},
    summary="One case, its whole story",
    operation_id="get_case",
)
def get_case(request, id: int = Path(..., ge=1, le=MAX_ID)):
    """A published case of the site: problem, appeals, analysis, timeline, result and team."""
    site = current_site(request)
    case = (
        CaseStudyPage.objects.visible_in(site)
        .filter(pk=id)
        .prefetch_related("appeals", "timeline")
        .first()
    )
    if case is None:
        raise Http404(_("No published case has this id."))
    return case_detail(case, site, request)


def case_detail(case, site, request) -> CaseDetail:
    """The whole story of a case a visitor may open, as its page tells it."""
    # From the case itself, not the database: a draft's preview shows the draft's fields.
    item = case_item(case, request, len(case.appeals.all()))
    related = [related.pk for related in related_cases(case, site)]
    return CaseDetail(
        **dict(item),
        problem=rich_text_html(case.problem),
        appeals=[
            AppealOut(
                received_on=appeal.received_on,
                channel=choice(AppealChannel, appeal.channel),
                summary=appeal.summary,
            )
            for appeal in case.appeals_in_order()
        ],
        scenarios=scenarios(case),
        solution_options=solution_options(case),
        practices=[practice(block, request) for block in visible_practices(case, site)],
        timeline=[
            TimelineEntryOut(
                date=entry.date, status=choice(CaseStatus, entry.status), note=entry.note
            )
            for entry in case.timeline_in_order()
        ],
        outcome=rich_text_html(case.outcome),
        lessons=rich_text_html(case.lessons),
        team=team(case, request),
        related_cases=case_items(
            CaseStudyPage.objects.filter(pk__in=related).order_by("title"), request
        ),
        events=discussed(case, site, request),
    )
