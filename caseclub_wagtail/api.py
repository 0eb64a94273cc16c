"""The package's headless API: one ``NinjaAPI`` built from each feature's router.

A host mounts it with one line: ``path("api/caseclub/", caseclub_wagtail_api.urls)``,
after ``from caseclub_wagtail.api import api as caseclub_wagtail_api``.
"""

from django.db.models import Count
from django.utils import timezone
from ninja import Query, Router, Schema

from caseclub_wagtail import __version__
from caseclub_wagtail.appeals.api import router as appeals_router
from caseclub_wagtail.applications.api import router as applications_router
from caseclub_wagtail.cases.api import case_detail
from caseclub_wagtail.cases.api import router as cases_router
from caseclub_wagtail.cases.models import CaseStudyPage
from caseclub_wagtail.core.api import CaseClubAPI, Paging, Problem, register_problem_handlers
from caseclub_wagtail.core.preview_api import preview_router
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.events.api import DETAIL_OCCURRENCES, event_detail
from caseclub_wagtail.events.api import router as events_router
from caseclub_wagtail.events.models import EventPage
from caseclub_wagtail.events.occurrences import build_occurrences
from caseclub_wagtail.events.registration_api import router as registrations_router
from caseclub_wagtail.events.spans import is_upcoming
from caseclub_wagtail.members.api import router as members_router
from caseclub_wagtail.members.models import Member
from caseclub_wagtail.proposals.api import router as proposals_router

api = CaseClubAPI(
    title="caseclub-wagtail",
    version=__version__,
    description="Events, occurrences, cases, members and topics of the Case Club, "
    "as a visitor of the site may see them, and registration for its events.",
    urls_namespace="caseclub_wagtail_api",
)
register_problem_handlers(api)

# Topics belong to every feature, so their endpoint is here, where all features meet.
topics_router = Router(tags=["topics"])


class TopicItem(Schema):
    """A topic, and how many public events, cases and members it tags."""

    slug: str
    name: str
    description: str
    events_count: int
    cases_count: int
    members_count: int


class TopicList(Schema):
    count: int
    items: list[TopicItem]


def tagged_counts(through, tagged: str, visible) -> dict[int, int]:
    """How many of the ``visible`` rows each topic tags, through the ``through`` table."""
    rows = (
        through.objects.filter(**{f"{tagged}__in": visible})
        .values("topic_id")
        .annotate(total=Count(f"{tagged}_id", distinct=True))
    )
    return {row["topic_id"]: row["total"] for row in rows}


@topics_router.get(
    "topics/",
    response={200: TopicList, 400: Problem},
    summary="The topics",
    operation_id="list_topics",
)
def list_topics(request, paging: Query[Paging]):
    """Every topic by name, with its numbers of public events, cases and members."""
    site = current_site(request)
    topics = Topic.objects.order_by("name", "pk")
    counts = {
        "events_count": tagged_counts(
            EventPage.topics.through, "eventpage", EventPage.objects.visible_in(site)
        ),
        "cases_count": tagged_counts(
            CaseStudyPage.topics.through, "casestudypage", CaseStudyPage.objects.visible_in(site)
        ),
        "members_count": tagged_counts(
            Member.expertise.through, "member", Member.objects.public()
        ),
    }
    window = topics[paging.offset : paging.offset + paging.limit]
    items = [
        TopicItem(
            slug=topic.slug,
            name=topic.name,
            description=topic.description,
            **{name: found.get(topic.pk, 0) for name, found in counts.items()},
        )
        for topic in window
    ]
    return {"count": topics.count(), "items": items}


api.add_router("", events_router)
api.add_router("", registrations_router)
api.add_router("", cases_router)
api.add_router("", members_router)
api.add_router("", topics_router)
api.add_router("", appeals_router)
api.add_router("", proposals_router)
api.add_router("", applications_router)


def event_preview(page, request):
    """A draft event in the shape of ``events/{id}/``, with the draft's own dates."""
    now = timezone.now()
    upcoming = [date for date in build_occurrences(page) if is_upcoming(date, now)]
    return event_detail(page, request, upcoming[:DETAIL_OCCURRENCES])


def case_preview(page, request):
    """A draft case in the shape of ``cases/{id}/``."""
    return case_detail(page, current_site(request), request)


# The detail serializer of each page type, ``(page, request) -> schema or dict``: a draft
# at preview/{token}/ is answered in its type's detail shape. A type left out is answered
# in the short shape of ``core.preview_api.PreviewPage`` (id, type, title, slug, revision).
PREVIEW_SERIALIZERS = {EventPage: event_preview, CaseStudyPage: case_preview}
api.add_router("preview/", preview_router(PREVIEW_SERIALIZERS))
