"""The API's shapes of the case library: a case in a list, and its whole story."""

import datetime
from typing import Literal

from ninja import Schema

from caseclub_wagtail.core.api import Choice
from caseclub_wagtail.core.api_schemas import TopicOut
from caseclub_wagtail.members.api_schemas import MemberSummary


class CaseItem(Schema):
    """A case as the library lists it."""

    id: int
    title: str
    slug: str
    url: str
    summary: str
    status: Choice
    result: Choice
    municipality: str
    topics: list[TopicOut]
    first_appeal_on: datetime.date | None
    appeals_count: int
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class FacetValue(Schema):
    """One value of a filter: what to pass as the parameter, its label, and its cases."""

    value: str
    label: str
    count: int


class CaseFacets(Schema):
    """For each filter, every value with its number of cases given the other filters."""

    status: list[FacetValue]
    topic: list[FacetValue]
    municipality: list[FacetValue]
    result: list[FacetValue]
    year: list[FacetValue]


class CaseList(Schema):
    count: int
    items: list[CaseItem]
    facets: CaseFacets


class AppealOut(Schema):
    received_on: datetime.date
    channel: Choice
    summary: str


class ScenarioOut(Schema):
    title: str
    description: str
    likelihood: Choice | None
    consequences: str


class SolutionOptionOut(Schema):
    title: str
    description: str
    legal_basis: str
    pros: str
    cons: str
    recommended: bool
    chosen: bool


class PracticeOut(Schema):
    """A practice to follow: another case (``case_id``), a document or an external resource."""

    type: Literal["case", "document", "resource"]
    title: str
    url: str
    description: str
    case_id: int | None = None


class TimelineEntryOut(Schema):
    date: datetime.date
    status: Choice
    note: str


class TeamMemberOut(Schema):
    """A team row: the member's summary when they are public; else only «club member»."""

    role: Choice
    name: str
    member: MemberSummary | None


class DiscussedAtOut(Schema):
    """An event where the case was discussed; times in the event's own zone."""

    id: int
    title: str
    url: str
    all_day: bool
    start: datetime.datetime
    end: datetime.datetime


class CaseDetail(CaseItem):
    """A case's whole story, as its page tells it."""

    problem: str
    appeals: list[AppealOut]
    scenarios: list[ScenarioOut]
    solution_options: list[SolutionOptionOut]
    practices: list[PracticeOut]
    timeline: list[TimelineEntryOut]
    outcome: str
    lessons: str
    team: list[TeamMemberOut]
    related_cases: list[CaseItem]
    events: list[DiscussedAtOut]
