"""Sending a proposal through the API, for front ends that render their own pages.

``proposals/`` (GET: what the form shows; POST: send one), through the site's first live
proposal form: the checks, protections, rate limit and outbox of the HTML form
(``core.form_api``, ``proposals.forms``, ``proposals.service``). No proposal is ever
answered back: the 201 says only that it was received.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from caseclub_wagtail.core import form_api
from caseclub_wagtail.core.api import Choice, FieldProblem, Problem, choice
from caseclub_wagtail.proposals import service
from caseclub_wagtail.proposals.choices import ProposalStatus
from caseclub_wagtail.proposals.forms import ProposalForm
from caseclub_wagtail.proposals.models import ProposalFormPage

router = Router(tags=["proposals"])


class FormField(Schema):
    """One field of the form: how a front end draws it."""

    name: str
    label: str
    help_text: str
    required: bool
    type: str
    choices: list[Choice] | None = None


class ProposalFormOut(Schema):
    """The form: its fields, the consent text, and the token a POST sends back."""

    form_started: str
    consent_text: str
    fields: list[FormField]


class ProposalIn(Schema):
    """A proposal as a front end sends it (JSON, or a form's fields)."""

    name: str = Field(max_length=255)
    registry_number: int | None = Field(None, description="a member's number in the registry")
    email: str = Field(max_length=254)
    title: str = Field("", max_length=200, description="empty: the proposal's first words")
    proposal: str = Field(max_length=5000)
    consent: bool
    form_started: str = Field(description="``form_started`` of a GET of ``proposals/``")
    fax: str = Field("", description="leave empty: a program that fills it in is refused")


class ProposalCreated(Schema):
    """A proposal received: only its status, never what was sent."""

    status: Choice


def proposal_page(request) -> ProposalFormPage:
    page = form_api.form_page_for(request, ProposalFormPage)
    if page is None:
        raise Http404(_("This site takes no proposals."))
    return page


@router.get(
    "proposals/",
    response={200: ProposalFormOut, 404: Problem},
    summary="The proposal form",
    operation_id="proposal_form",
)
def proposal_form(request):
    """The fields of the site's proposal form, its consent text and a fresh ``form_started``."""
    return form_api.form_description(request, ProposalForm, proposal_page(request))


@router.post(
    "proposals/",
    response={201: ProposalCreated, 400: FieldProblem, 404: Problem, 415: Problem, 429: Problem},
    summary="Send a proposal",
    operation_id="send_proposal",
    openapi_extra=form_api.request_body(ProposalIn),
)
def send_proposal(request):
    """Send a proposal to improve the club's work; the author is e-mailed a confirmation.

    The checks of the site's own form: ``name``, a valid ``email`` and ``proposal``
    required, ``consent`` true, ``form_started`` the token of a GET, ``fax`` empty, and a
    ``registry_number``, when given, an active member's with the ``email`` the registry
    holds. Each field at fault is named in ``errors``; too many forms from one address: 429.
    """
    page = proposal_page(request)
    try:
        proposal = form_api.submit_form(request, ProposalForm, service.submit_proposal, page)
    except form_api.Refused as refused:
        return refused.response()
    created = ProposalCreated(status=choice(ProposalStatus, proposal.status))
    # A response of its own: ninja's (status, body) tuple is deprecated in newer versions.
    return HttpResponse(created.model_dump_json(), status=201, content_type="application/json")
