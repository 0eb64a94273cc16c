"""Applying for membership through the API, for front ends that render their own pages.

``GET applications/`` describes the form of the site's membership application page (its
fields, the consent text and a fresh timing token); ``POST applications/`` sends it, as
JSON or a form (``application/x-www-form-urlencoded`` or ``multipart/form-data``), with the
checks, protections, rate limit and outbox of the HTML form (``core.form_api``). The answer
says only that the application was received: never what the person sent.
"""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from pydantic import Field

from caseclub_wagtail.applications import service
from caseclub_wagtail.applications.choices import ApplicationStatus
from caseclub_wagtail.applications.forms import MembershipApplicationForm
from caseclub_wagtail.applications.models import MembershipApplicationPage
from caseclub_wagtail.core import form_api
from caseclub_wagtail.core.api import (
    Choice,
    FieldProblem,
    Problem,
    choice,
    no_store,
    problem_response,
)
from caseclub_wagtail.members.choices import MemberCategory, MemberKind

router = Router(tags=["membership applications"])


class ApplicationIn(Schema):
    """A membership application, as the site's form sends it."""

    kind: MemberKind = MemberKind.PERSON
    name: str = Field(max_length=255)
    organization: str = Field("", max_length=255)
    municipality: str = Field("", max_length=255)
    category: MemberCategory
    expertise: list[str] = Field(default_factory=list, description="topic slugs")
    bio: str = Field("", max_length=4000)
    website: str = Field("", max_length=200)
    email: str = Field(max_length=254)
    phone: str = Field("", max_length=32)
    public_profile: bool = Field(False, description="consent to a public profile")
    consent: bool = Field(description="consent to the processing of personal data")
    form_started: str = Field(description="the `form_started` of a GET on this path")
    fax: str = Field("", description="leave empty: only programs fill it in")


class ApplicationCreated(Schema):
    """The application was received; its status is `new`."""

    status: Choice


def application_page(request) -> MembershipApplicationPage | None:
    return form_api.form_page_for(request, MembershipApplicationPage)


NO_FORM = gettext_lazy("The site has no membership application form.")


@router.get(
    "applications/",
    response={200: form_api.FormDescription, 404: Problem},
    summary="What the membership application form shows",
    operation_id="application_form",
)
def application_form(request, response: HttpResponse):
    """The fields of the form, with their choices, the consent text and a timing token.

    Never cached: the timing token is made for this answer.
    """
    page = application_page(request)
    if page is None:
        return problem_response(404, str(NO_FORM))
    no_store(response)
    return form_api.form_description(request, MembershipApplicationForm, page)


@router.post(
    "applications/",
    response={
        201: ApplicationCreated,
        400: FieldProblem,
        404: Problem,
        415: Problem,
        429: Problem,
    },
    summary="Apply for membership of the club",
    operation_id="apply_for_membership",
    openapi_extra=form_api.request_body(ApplicationIn),
)
def apply_for_membership(request):
    """Send a membership application; the coordinators decide on it in the admin.

    The checks of the site's own form: `name`, `category` and a valid `email` required,
    `phone` a real number, `expertise` known topic slugs, `consent` true, `form_started`
    the token of a GET on this path, `fax` empty. Each field at fault is named in `errors`;
    too many forms from one address is a 429. The person is e-mailed a confirmation.
    """
    page = application_page(request)
    if page is None:
        return problem_response(404, str(NO_FORM))
    try:
        application = form_api.submit_form(
            request, MembershipApplicationForm, service.submit_application, page
        )
    except form_api.Refused as refused:
        return refused.response()
    created = ApplicationCreated(status=choice(ApplicationStatus, application.status))
    # A response of its own: ninja's (status, body) tuple is deprecated in its newer versions.
    return HttpResponse(created.model_dump_json(), status=201, content_type="application/json")
