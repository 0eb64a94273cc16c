"""What every feature's API endpoints share: errors, paging, choices, caching, language.

The endpoints live in each feature's ``api`` module, as ninja ``Router`` objects;
``caseclub_wagtail.api`` builds the one ``NinjaAPI`` from them.
"""

import functools
import hashlib

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from caseclub_wagtail import conf
from caseclub_wagtail.core.choices import code_and_label

PROBLEM_JSON = "application/problem+json"
# Every list: at most this many items in one response.
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# A search text longer than this is refused, not matched.
MAX_SEARCH_LENGTH = 200
# The largest id a path may name: beyond it some databases overflow rather than find nothing.
MAX_ID = 2_147_483_647


class Problem(Schema):
    """An error, as RFC 7807 describes it; ``parameter`` names the query parameter at fault."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    parameter: str | None = None


class FieldProblem(Problem):
    """A refused submission: ``errors`` gives each field at fault its translated messages."""

    errors: dict[str, list[str]] = Field(default_factory=dict)


class Choice(Schema):
    """A stored choice: its ``code`` (a contract) and its ``label`` in the request's language."""

    code: str
    label: str


class Paging(Schema):
    """``limit`` and ``offset`` of a list."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


def choice(choices, value) -> Choice | None:
    """``value`` of the ``choices`` class (a ``TextChoices``) with its translated label."""
    labelled = code_and_label(choices, value)
    return Choice(code=labelled[0], label=labelled[1]) if labelled else None


def problem_response(
    status: int,
    detail: str,
    parameter: str | None = None,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    """An ``application/problem+json`` response; with ``errors``, a ``FieldProblem``."""
    titles = {
        400: _("Bad request"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
    }
    fields = {
        "title": str(titles.get(status, _("Error"))),
        "status": status,
        "detail": detail,
        "parameter": parameter,
    }
    problem = Problem(**fields) if errors is None else FieldProblem(**fields, errors=errors)
    return HttpResponse(problem.model_dump_json(), status=status, content_type=PROBLEM_JSON)


def no_store(response: HttpResponse) -> None:
    """Neither a shared cache nor the browser keeps the answer: it is one person's, or now's."""
    response["Cache-Control"] = "private, no-store"


def api_language(request) -> str:
    """The language the answer is written in: the request's ``Accept-Language``, else Russian."""
    if request.headers.get("Accept-Language"):
        return translation.get_language_from_request(request)
    languages = {code for code, _name in settings.LANGUAGES}
    return "ru" if "ru" in languages else settings.LANGUAGE_CODE


def in_request_language(view):
    """Run an API view, its validation and its error handlers in ``api_language(request)``."""

    @functools.wraps(view)
    def localized_view(request, *args, **kwargs):
        with translation.override(api_language(request)):
            return view(request, *args, **kwargs)

    return localized_view


class CaseClubAPI(NinjaAPI):
    """A NinjaAPI whose answers carry an ETag and a Cache-Control, and honour If-None-Match."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        # Errors are answered as application/problem+json (RFC 7807): say so, so that a
        # client checking answers against the description accepts them.
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if int(status) >= 400 and "content" in response:
                        media = next(iter(response["content"].values()))
                        response["content"] = {PROBLEM_JSON: media}
        return schema

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        if response.has_header("Cache-Control"):
            # The view said how its answer is kept (a timing token, a person's registration).
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        max_age = conf.get("API_CACHE_SECONDS")
        # Django's own reading of If-None-Match (lists, weak tags, "*"), as the feeds use.
        response = get_conditional_response(request, etag=etag) or response
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={max_age}"
        response["Vary"] = "Accept-Language"
        return response


def register_problem_handlers(api: NinjaAPI) -> None:
    """Answer every error in the problem format, in the request's language; never a 500 page."""
    api.add_decorator(in_request_language, mode="view")

    @api.exception_handler(ValidationError)
    def invalid_parameter(request, exc):
        first = exc.errors[0] if exc.errors else {}
        parameter = error_field(first)
        detail = _("The parameter “%(name)s” has a value that is not accepted.") % {
            "name": parameter or "?"
        }
        if first.get("loc", ("",))[0] != "body":
            return problem_response(400, detail, parameter)
        # A JSON body: every field at fault is named, as a form shows each one's error.
        errors = {}
        for error in exc.errors:
            field = error_field(error) or "?"
            errors.setdefault(field, []).append(
                _("The value of “%(name)s” is not accepted.") % {"name": field}
            )
        return problem_response(400, detail, parameter, errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(404, str(exc) or _("Nothing is published at this address."))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        detail = str(exc)
        if detail.startswith("Cannot parse request body"):  # django-ninja's own words
            detail = _("The request body is not a JSON object.")
        return problem_response(exc.status_code, detail)


def error_field(error: dict) -> str | None:
    """The parameter or body field a pydantic error is about: the last part of its place."""
    location = [
        str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")
    ]
    return location[-1] if location else None
