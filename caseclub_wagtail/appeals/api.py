"""Sending an appeal through the API, for front ends that render their own pages.

``GET appeals/`` describes the form of the site's appeal page (its fields, the consent
text, a fresh timing token); ``POST appeals/`` sends one, as ``multipart/form-data`` when
it carries files (``attachments``, repeated), or as JSON without them. The checks, the
protections, the rate limit and the outbox are those of the HTML form (``core.form_api``).
The answer names the reference number and the status only: never personal data.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from caseclub_wagtail.appeals import service
from caseclub_wagtail.appeals.choices import AppealStatus
from caseclub_wagtail.appeals.forms import AppealForm
from caseclub_wagtail.appeals.models import AppealFormPage
from caseclub_wagtail.core import form_api
from caseclub_wagtail.core.api import Choice, FieldProblem, Problem, choice, no_store

router = Router(tags=["appeals"])


class AppealIn(Schema):
    """An appeal's fields; with files, sent as ``multipart/form-data``."""

    name: str
    email: str = ""
    phone: str = ""
    address: str
    municipality: str = ""
    topic: str = ""
    description: str
    consent: bool
    form_started: str
    fax: str = ""


class AppealReceived(Schema):
    """The appeal as received: its reference number and status, nothing personal."""

    number: int
    status: Choice


def appeal_page(request) -> AppealFormPage:
    """The site's live appeal form, or a 404."""
    page = form_api.form_page_for(request, AppealFormPage)
    if page is None:
        raise Http404(_("This site takes no appeals."))
    return page


@router.get(
    "appeals/",
    response={200: form_api.FormDescription, 404: Problem},
    summary="What the appeal form shows",
    operation_id="appeal_form",
)
def appeal_form(request, response: HttpResponse):
    """The fields of the appeal form, the consent text and a timing token to send back.

    Never cached: the timing token is made for this answer.
    """
    page = appeal_page(request)
    no_store(response)
    return form_api.form_description(request, AppealForm, page)


@router.post(
    "appeals/",
    response={201: AppealReceived, 400: FieldProblem, 404: Problem, 415: Problem, 429: Problem},
    summary="Send an appeal",
    operation_id="send_appeal",
    openapi_extra=form_api.request_body(AppealIn, files=("attachments",)),
)
def send_appeal(request):
    """Send an appeal, with up to three images or PDFs as ``attachments`` (multipart).

    Refused with each field's messages (400) as the HTML form refuses it, or over the
    rate limit (429). The appeal and its files are saved before any e-mail is sent.
    """
    page = appeal_page(request)
    try:
        appeal = form_api.submit_form(request, AppealForm, service.submit_appeal, page)
    except form_api.Refused as refused:
        return refused.response()
    received = AppealReceived(number=appeal.number, status=choice(AppealStatus, appeal.status))
    return HttpResponse(received.model_dump_json(), status=201, content_type="application/json")
