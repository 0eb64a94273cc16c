"""Every endpoint of the API, driven with requests generated from its own OpenAPI description.

schemathesis (a client nobody here wrote) reads ``openapi.json``, makes valid and hostile
requests for each operation, and checks every answer against the description: no 500, the
declared status codes, content types and shapes. Every answer is also searched for the
contact details and the names the site must never publish.

The registration endpoints change state: they are driven like the others, against an event
that takes registrations and a real management token, inside the test's transaction.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from caseclub_wagtail.registrations import service
from caseclub_wagtail.registrations.tokens import manage_token
from tests.factories import (
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
    wall,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

SECRET_EMAIL = "never-published@example.org"
SECRET_PHONE = "+7 917 555-44-33"
HIDDEN_NAME = "Скрытый Участник"
REGISTRANT = ("Тайная Регистрантка", "registrant-secret@example.org", "+79175550099")


@pytest.fixture
def filled_site(directory):
    """A little of everything, with contacts and a member who gave no consent."""
    roofs = TopicFactory(slug="roofs", name="Кровля")
    host = MemberFactory(
        name="Ольга Наставница", public_profile=True, email=SECRET_EMAIL, phone=SECRET_PHONE
    )
    hidden = MemberFactory(name=HIDDEN_NAME, public_profile=False, email=SECRET_EMAIL)
    host.expertise.add(roofs)
    index = make_event_index()
    make_event(
        index,
        "Заседание клуба",
        wall(3),
        topics=[roofs],
        hosts=[host, hidden],
        repeat="weekly",
        repeat_count=4,
    )
    make_event(index, "Черновик", wall(5), live=False)
    library = make_case_library()
    make_case(
        library, "Кровля течёт", topics=[roofs], team=[(host, "mentor"), (hidden, "participant")]
    )
    internship = make_event(index, "Стажировка", wall(4), registration="internal", capacity=1)
    name, email, phone = REGISTRANT
    registered = service.register(internship, wall(4).date(), name=name, email=email, phone=phone)
    return {"id": internship.pk, "token": manage_token(registered)}


@pytest.fixture
def api_schema(filled_site):
    # The WSGI app runs in the test's own transaction: Django must not close it per request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi(
            "/api/caseclub/openapi.json", get_wsgi_application()
        )
        # A NUL in a query string is refused with a 400 that names the parameter (the
        # features' own bad-input tests check it); the description does not spell it out.
        schema.config.generation.update(allow_x00=False)
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def unescaped(response) -> str:
    """The answer as text, its JSON's Cyrillic unescaped (the API writes ``\\u0421``)."""
    try:
        return json.dumps(response.json(), ensure_ascii=False)
    except ValueError:
        return response.text


def aimed(case, filled_site):
    """Point the registration endpoints at the event that takes registrations and its token.

    Generated ids and tokens would almost never name them, and the 404s are tested beside
    the features; the generated bodies and the other parameters are left as they are.
    """
    if "/registrations/" in case.path:
        for name in ("id", "token"):
            if name in (case.path_parameters or {}):
                case.path_parameters[name] = filled_site[name]
    return case


def excused(case) -> list:
    """The checks an operation is excused from, each for a reason its description gives.

    A registration that fits the body's schema is still refused when its timing token is
    not one the API made, its e-mail is no address or its date is none of the event's:
    its description says so, a JSON schema cannot. Every other check still applies to it.
    """
    if case.method.upper() == "POST" and case.path.endswith("/registrations/"):
        return [positive_data_acceptance]
    return []


def secrets(case) -> tuple[str, ...]:
    """What an answer must not hold; a management token shows its holder their own name."""
    name, email, phone = REGISTRANT
    own = case.path.endswith("/registrations/{token}/")
    return (
        SECRET_EMAIL,
        SECRET_PHONE,
        HIDDEN_NAME,
        "Черновик",
        email,
        phone,
        *([] if own else [name]),
    )


def test_every_operation_answers_as_its_description_says(api_schema, filled_site):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = aimed(case, filled_site).call()
            assert response.status_code < 500, (case.path, case.query, response.text[:300])
            case.validate_response(response, excluded_checks=excused(case))
            text = unescaped(response)
            for secret in secrets(case):
                assert secret not in text, (case.path, case.query, secret)

        try:
            check()
        except Exception as error:  # collect every operation's failure, then report all
            failures.append(f"{operation.method.upper()} {operation.path}: {error}"[:2000])
    assert not failures, "\n\n".join(failures)
