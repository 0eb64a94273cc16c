"""The API side of the public forms: describe a form, and submit it as the form page would.

A feature's endpoint pair, ``GET <name>/`` and ``POST <name>/``, calls these with its own
form class and service, so the API checks exactly what the HTML form checks (fields,
honeypot, timing token, consent, rate limit) and saves through the same service (the
record first, then the e-mails through the outbox).

A POST is ``application/json``, ``multipart/form-data`` (files: the only way to send them)
or ``application/x-www-form-urlencoded``. The API reads no cookie and no session, so a form
posted from another site borrows no one's credentials: it is one more anonymous submission,
with the same protections as any other.
"""

import json

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext_lazy
from ninja import Field, Schema

from caseclub_wagtail.core import form_guard
from caseclub_wagtail.core.api import Choice, problem_response
from caseclub_wagtail.core.sites import current_site

JSON = "application/json"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
# The protections' own fields: described apart, never as fields a person fills in.
HIDDEN = (form_guard.HONEYPOT, form_guard.TIMING)
REFUSED = gettext_lazy("Some fields need correcting.")
NOT_JSON = gettext_lazy("The body is not a JSON object.")
WRONG_TYPE = gettext_lazy(
    "Send the fields as JSON (application/json), multipart/form-data or "
    "application/x-www-form-urlencoded."
)


class FormField(Schema):
    """One field of a public form, as the site's own form shows it."""

    name: str
    label: str
    help_text: str
    required: bool
    type: str = Field(
        description="text, email, url, number, textarea, select, multiselect, checkbox, file"
    )
    choices: list[Choice] | None = None


class FormDescription(Schema):
    """What a front end's form carries: its fields, the consent text, the timing token."""

    form_started: str = Field(description="send it back unchanged as `form_started`")
    consent_text: str
    fields: list[FormField]


class Refused(Exception):
    """A submission the API refuses: ``response()`` is its problem document."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors

    def response(self) -> HttpResponse:
        return problem_response(self.status, self.detail, errors=self.errors)


def form_page_for(request, page_model):
    """The first live page of ``page_model`` in the request's site, or None."""
    site = current_site(request)
    pages = page_model.objects.live().order_by("path")
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages.first()


def field_type(field: forms.Field) -> str:
    """What a front end draws for ``field``: an input type, textarea, select, checkbox or file."""
    widget = field.widget
    if isinstance(field, forms.FileField):
        return "file"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
        return "multiselect"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return getattr(widget, "input_type", "text")


def field_description(name: str, field: forms.Field) -> dict:
    """One field as the form shows it: its name, label, help, whether required, its choices."""
    described = {
        "name": name,
        "label": str(field.label or name),
        "help_text": str(field.help_text or ""),
        "required": field.required,
        "type": field_type(field),
    }
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.FileField):
        described["choices"] = [
            {"code": str(value), "label": str(label)} for value, label in choices if value != ""
        ]
    return described


def form_description(request, form_class, page) -> dict:
    """The form a front end draws: its fields, the consent text and a fresh timing token."""
    form = form_class(request=request, page=page)
    return {
        "form_started": form_guard.timing_token(),
        "consent_text": form_guard.consent_text(request),
        "fields": [
            field_description(name, field)
            for name, field in form.fields.items()
            if name not in HIDDEN
        ],
    }


def json_data(request) -> QueryDict:
    """A JSON object's members as a form's data: lists repeat a key, ``true`` ticks a box."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        raise Refused(400, str(NOT_JSON))
    data = QueryDict(mutable=True)
    for key, value in body.items():
        values = value if isinstance(value, list) else [value]
        # A box is ticked by a form's "on"; false and null leave it unticked.
        data.setlist(
            key,
            [
                "on" if item is True else str(item)
                for item in values
                if item is not None and item is not False
            ],
        )
    return data


def submit_form(request, form_class, submit, page):
    """Check the POST with ``form_class`` and save it with ``submit``; the saved record.

    Raises ``Refused`` (415 for another body type, 429 over the rate limit, 400 with each
    field's messages in ``errors``).
    """
    if request.content_type == JSON:
        data, files = json_data(request), None
    elif request.content_type in FORM_TYPES:
        data, files = request.POST, request.FILES
    else:
        raise Refused(415, str(WRONG_TYPE))
    form = form_class(data, files, request=request, page=page)
    if form.rate_limited:
        raise Refused(429, str(form_guard.RATE_LIMITED))
    if not form.is_valid():
        errors = {
            (field if field != NON_FIELD_ERRORS else "__all__"): [
                str(message) for message in messages
            ]
            for field, messages in form.errors.items()
        }
        raise Refused(400, str(REFUSED), errors=errors)
    return submit(form, page=page, request=request)


def request_body(schema, files: tuple[str, ...] = ()) -> dict:
    """The ``openapi_extra`` that describes a POST's body: JSON, or a form with ``files``."""
    fields = schema.model_json_schema()
    multipart = {**fields, "properties": dict(fields.get("properties", {}))}
    for name in files:
        multipart["properties"][name] = {
            "type": "array",
            "items": {"type": "string", "format": "binary"},
        }
    # JSON carries no file: a submission with files is multipart.
    content = {
        JSON: {"schema": fields},
        "multipart/form-data": {"schema": multipart},
        "application/x-www-form-urlencoded": {"schema": fields},
    }
    return {"requestBody": {"required": True, "content": content}}
