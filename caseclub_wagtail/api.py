"""The package's headless API: one ``NinjaAPI`` built from each feature's router.

A host mounts it with one line: ``path("api/caseclub/", caseclub_wagtail_api.urls)``,
after ``from caseclub_wagtail.api import api as caseclub_wagtail_api``.
"""

from caseclub_wagtail import __version__
from caseclub_wagtail.core.api import CaseClubAPI, register_problem_handlers
from caseclub_wagtail.events.api import router as events_router

api = CaseClubAPI(
    title="caseclub-wagtail",
    version=__version__,
    description="Events, occurrences, cases, members and topics of the Case Club, "
    "as a visitor of the site may see them.",
    urls_namespace="caseclub_wagtail_api",
)
register_problem_handlers(api)

# After the handlers: each feature's endpoints, at the API's root.
api.add_router("", events_router)
