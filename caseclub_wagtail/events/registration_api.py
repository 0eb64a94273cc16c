"""Registering through the API, for front ends that render their own pages.

``events/{id}/registrations/`` (GET: what the form shows; POST: register) and
``registrations/{token}/`` (GET: the registration; DELETE: cancel it). The checks, the
protections, the rate limit and the outbox are those of the HTML form: ``registrations.checks``,
``core.form_guard`` and ``registrations.service``.

CSRF: the API sets and reads no cookie and no session, so a request carries no ambient
credential another site could borrow (django-ninja checks CSRF only for cookie-based
authentication, which this API has none of). A POST must be ``application/json``, which a
page of another origin can send only after a CORS preflight that the host's CORS settings
answer: a hidden form on another site cannot register a visitor.
"""

import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from ninja import Path, Router

from caseclub_wagtail.core import form_guard
from caseclub_wagtail.core.absolute_urls import page_url
from caseclub_wagtail.core.api import (
    MAX_ID,
    FieldProblem,
    Problem,
    choice,
    no_store,
    problem_response,
)
from caseclub_wagtail.core.phones import normalise_phone
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.events.choices import EventAudience, RegistrationMode
from caseclub_wagtail.events.models import EventPage
from caseclub_wagtail.members.models import Member
from caseclub_wagtail.members.querysets import REGISTRY_MISMATCH
from caseclub_wagtail.registrations import checks, service
from caseclub_wagtail.registrations.api_schemas import (
    RegistrationCreated,
    RegistrationForm,
    RegistrationIn,
    RegistrationOut,
)
from caseclub_wagtail.registrations.choices import RegistrationStatus
from caseclub_wagtail.registrations.seats import (
    Counts,
    RegistrableDate,
    event_dates,
    find_date,
    seat_counts,
    seats_left,
)
from caseclub_wagtail.registrations.tokens import manage_token, registration_from_token

router = Router(tags=["registrations"])

EventId = Annotated[int, Path(ge=1, le=MAX_ID)]
Token = Annotated[str, Path(min_length=1, max_length=200)]
# The dates the form lists: as many as the event's detail does.
FORM_DATES = 50


def registrable_event(request, id: int) -> EventPage:
    """The published event of the request's site that takes registrations here; else a 404."""
    event = EventPage.objects.visible_in(current_site(request)).filter(pk=id).first()
    if event is None:
        raise Http404(_("There is no such event."))
    if event.registration != RegistrationMode.INTERNAL:
        raise Http404(_("This event takes no registrations on this site."))
    return event


def date_out(event, item: RegistrableDate, counts: Counts, now) -> dict:
    """One date of the form: when, until when, its seats and waitlist, whether it is open."""
    return {
        "date": item.date,
        "start": item.start.astimezone(event.zone),
        "closes_at": item.closes_at.astimezone(event.zone),
        "seats_left": seats_left(event, counts),
        "waitlist": counts.waiting,
        "is_open": item.is_open(now),
    }


@router.get(
    "events/{id}/registrations/",
    response={200: RegistrationForm, 400: Problem, 404: Problem},
    summary="What the registration form of an event shows",
    operation_id="registration_form",
    url_name="event_registrations",
)
def registration_form(request, response: HttpResponse, id: EventId):
    """The timing token and consent text a front end's form must carry, and the dates.

    Each date that has not started, with its seats left, its waitlist and whether it is
    open. Never cached: the timing token is made for this answer.
    """
    event = registrable_event(request, id)
    now = timezone.now()
    dates = [item for item in event_dates(event) if item.start > now][:FORM_DATES]
    counts = seat_counts([event.pk], [item.date for item in dates])
    no_store(response)
    return {
        "timing_token": form_guard.timing_token(),
        "consent_text": form_guard.consent_text(request),
        "registry_number_required": event.audience == EventAudience.MEMBERS_ONLY,
        "dates": [
            date_out(event, item, counts.get((event.pk, item.date), Counts()), now)
            for item in dates
        ],
    }


def parse_date(value: str | None) -> datetime.date | None:
    """The ``date`` field: an ISO date, or none; ValidationError for a date that is none."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(checks.NO_SUCH_DATE) from None


def checked_fields(event, data: RegistrationIn, request) -> tuple[dict, dict[str, list[str]]]:
    """The fields ``service.register`` takes, and every field at fault with its messages."""
    errors: dict[str, list[str]] = {}

    def refuse(field, message):
        errors.setdefault(field, []).append(str(message))

    for field, message in form_guard.check_protection(data.model_dump(), request).items():
        refuse(field, message)
    fields = {
        "name": data.name.strip(),
        "email": data.email.strip(),
        "organization": data.organization.strip(),
        "comment": data.comment.strip(),
        "member": None,
    }
    if not fields["name"]:
        refuse("name", _("Enter your name."))
    try:
        validate_email(fields["email"])
    except ValidationError:
        refuse("email", _("Enter a valid e-mail address."))
    try:
        fields["phone"] = normalise_phone(data.phone)
    except ValidationError as error:
        refuse("phone", error.messages[0])
    try:
        fields["date"] = checks.open_date_for(event, parse_date(data.date), timezone.now()).date
    except ValidationError as error:
        refuse("date", error.messages[0])
    if event.audience == EventAudience.MEMBERS_ONLY and "email" not in errors:
        fields["member"] = Member.objects.registered_as(data.registry_number, fields["email"])
        if fields["member"] is None:
            refuse("registry_number", REGISTRY_MISMATCH)
    return fields, errors


@router.post(
    "events/{id}/registrations/",
    response={
        201: RegistrationCreated,
        400: FieldProblem,
        404: Problem,
        409: FieldProblem,
        415: Problem,
        429: Problem,
    },
    summary="Register for a date of an event",
    operation_id="register",
)
def register(request, id: EventId, registration: RegistrationIn):
    """Register a person: a seat while one is free, else a place on the waitlist.

    The checks of the site's own form: ``name`` and a valid ``email`` required, ``phone``
    a real number, ``consent`` true, ``form_started`` the ``timing_token`` of a GET on this
    path, ``fax`` empty, ``date`` an open date of a series, and for a members-only event an
    active member's ``registry_number`` with the ``email`` the registry holds. Each field
    at fault is named in ``errors``. A second registration of the same e-mail for the same
    date is a 409; too many forms from one address a 429. The person is e-mailed the
    management link; ``token`` opens ``registrations/{token}/``.
    """
    event = registrable_event(request, id)
    if request.content_type != "application/json":
        return problem_response(415, _("Send the fields as JSON (application/json)."))
    if form_guard.is_rate_limited(request):
        return problem_response(429, gettext(form_guard.RATE_LIMITED))
    fields, errors = checked_fields(event, registration, request)
    if errors:
        return problem_response(400, _("Some fields need correcting."), errors=errors)
    try:
        made = service.register(event, fields.pop("date"), **fields, request=request)
    except service.AlreadyRegistered:
        message = _(
            "This e-mail is already registered for this date. The link to manage the "
            "registration is in the e-mail we sent then."
        )
        return problem_response(409, message, errors={"email": [message]})
    token = manage_token(made)
    created = RegistrationCreated(
        status=choice(RegistrationStatus, made.status),
        place=service.waitlist_place(made),
        date=made.date,
        token=token,
        # The host the front end asked by, as every URL of the API (core.absolute_urls).
        manage_url=f"{page_url(event, request)}registration/{token}/",
    )
    return HttpResponse(created.model_dump_json(), status=201, content_type="application/json")


def registration_for(token: str):
    """The registration a token opens; a 404 for a forged, used or unknown token."""
    found = registration_from_token(token)
    if found is None:
        raise Http404(_("This registration link is not valid, or was already used."))
    return found


@router.get(
    "registrations/{token}/",
    response={200: RegistrationOut, 400: Problem, 404: Problem},
    summary="A registration, by its management token",
    operation_id="registration",
    url_name="registration",
)
def registration(request, response: HttpResponse, token: Token):
    """The registration the token names: event, date, state, place, and the person's name.

    Never cached. A forged token, or one already used to cancel, is a 404.
    """
    found = registration_for(token)
    event = found.event
    item = find_date(event, found.date)
    no_store(response)
    return {
        "event": {"id": event.pk, "title": event.title, "url": page_url(event, request)},
        "date": found.date,
        "start": item.start.astimezone(event.zone) if item is not None else None,
        "status": choice(RegistrationStatus, found.status),
        "place": service.waitlist_place(found),
        "name": found.name,
    }


@router.delete(
    "registrations/{token}/",
    response={204: None, 400: Problem, 404: Problem, 409: Problem, 429: Problem},
    summary="Cancel a registration, by its management token",
    operation_id="cancel_registration",
)
def cancel_registration(request, token: Token):
    """Cancel the registration: its seat goes to the first on the waitlist, who is e-mailed.

    The token stops working. A forged or used token is a 404; a registration already
    marked attended, a 409.
    """
    if form_guard.is_rate_limited(request):
        return problem_response(429, gettext(form_guard.RATE_LIMITED))
    found = registration_for(token)
    if service.cancel(found, request=request) is None:
        return problem_response(409, _("This registration can no longer be cancelled."))
    return HttpResponse(status=204)
