"""Every endpoint of the API, driven with requests generated from its own OpenAPI description.

schemathesis (a client nobody here wrote) reads ``openapi.json``, makes valid and hostile
requests for each operation, and checks every answer against the description: no 500, the
declared status codes, content types and shapes. Every answer is also searched for the
contact details and the names the site must never publish.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

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


def test_every_operation_answers_as_its_description_says(api_schema):
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
            response = case.call()
            assert response.status_code < 500, (case.path, case.query, response.text[:300])
            case.validate_response(response)
            for secret in (SECRET_EMAIL, SECRET_PHONE, HIDDEN_NAME, "Черновик"):
                assert secret not in response.text, (case.path, case.query, secret)

        try:
            check()
        except Exception as error:  # collect every operation's failure, then report all
            failures.append(f"{operation.method.upper()} {operation.path}: {error}"[:2000])
    assert not failures, "\n\n".join(failures)
