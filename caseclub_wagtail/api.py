"""The package's headless API: one ``NinjaAPI`` built from each feature's router.

A host mounts it with one line: ``path("api/caseclub/", caseclub_wagtail_api.urls)``,
after ``from caseclub_wagtail.api import api as caseclub_wagtail_api``.
"""

from caseclub_wagtail import __version__
from caseclub_wagtail.core.api import CaseClubAPI, register_problem_handlers
from caseclub_wagtail.core.preview_api import preview_router

api = CaseClubAPI(
    title="caseclub-wagtail",
    version=__version__,
    description="Events, occurrences, cases, members and topics of the Case Club, "
    "as a visitor of the site may see them.",
    urls_namespace="caseclub_wagtail_api",
)
register_problem_handlers(api)

# The detail serializer of each page type, ``(page, request) -> schema or dict``: a draft
# at preview/{token}/ is answered in its type's detail shape. A type left out is answered
# in the short shape of ``core.preview_api.PreviewPage`` (id, type, title, slug, revision).
PREVIEW_SERIALIZERS = {
    # EventPage: caseclub_wagtail.events.api.<the events/{id}/ serializer>,
    # CaseStudyPage: caseclub_wagtail.cases.api.<the cases/{id}/ serializer>,
}
api.add_router("preview/", preview_router(PREVIEW_SERIALIZERS))
