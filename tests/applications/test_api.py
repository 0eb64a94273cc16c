"""Applying for membership through the API: the form's description and its submission."""

import json

import pytest

from caseclub_wagtail.core import form_guard
from caseclub_wagtail.models import MembershipApplication, OutgoingEmail
from tests.factories import MemberFactory, TopicFactory, application_data, make_application_page
from tests.support.api_reading import API
from tests.support.registration_pages import relax_form_protection
from tests.support.translation import in_russian

URL = API + "applications/"


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_application_page()


def body(**fields):
    data = {"consent": True, "form_started": form_guard.timing_token(), **fields}
    data = {**application_data(), **data}
    return {key: value for key, value in data.items() if value is not None}


def post_json(client, data):
    return client.post(URL, json.dumps(data), content_type="application/json")


def test_the_description_lists_the_fields_and_their_choices(client, page):
    TopicFactory(name="Отопление", slug="heating")

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    described = response.json()
    assert form_guard.timing_error(described["form_started"]) is None
    fields = {field["name"]: field for field in described["fields"]}
    assert {"kind", "name", "category", "expertise", "email", "public_profile", "consent"} <= set(
        fields
    )
    assert "fax" not in fields and "form_started" not in fields
    assert fields["expertise"]["type"] == "multiselect"
    assert fields["expertise"]["choices"] == [{"code": "heating", "label": "Отопление"}]
    assert fields["email"]["required"] is True
    assert fields["public_profile"]["required"] is False


def test_a_json_application_is_saved_and_answered_without_personal_data(client, page):
    TopicFactory(slug="heating")

    response = post_json(client, body(expertise=["heating"], public_profile=True))

    assert response.status_code == 201
    assert response.json() == {"status": {"code": "new", "label": in_russian("new")}}
    application = MembershipApplication.objects.get()
    assert application.public_profile is True
    assert [topic.slug for topic in application.expertise.all()] == ["heating"]
    assert application.page == page
    assert OutgoingEmail.objects.filter(recipient="anna@example.org").count() == 1


def test_a_form_encoded_application_is_accepted_too(client, page):
    data = {**application_data(), "form_started": form_guard.timing_token()}

    response = client.post(URL, data)

    assert response.status_code == 201
    assert MembershipApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"consent": False}, {"consent"}),
        ({"email": "nobody", "phone": "123"}, {"email", "phone"}),
        ({"expertise": ["no-such-topic"]}, {"expertise"}),
        ({"category": None, "kind": {"a": 1}}, {"category", "kind"}),
        ({"category": 7, "bio": ["a"] * 5000}, {"category"}),
        ({"name": "x" * 300}, {"name"}),
    ],
)
def test_bad_fields_are_a_400_naming_each(client, page, fields, at_fault):
    response = post_json(client, body(**fields))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == at_fault
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize(
    ("payload", "content_type", "status"),
    [
        (b"[1, 2]", "application/json", 400),
        (b"{oops", "application/json", 400),
        (b"name=x", "text/plain", 415),
    ],
)
def test_a_body_of_another_shape_is_refused(client, page, payload, content_type, status):
    response = client.post(URL, payload, content_type=content_type)

    assert response.status_code == status
    assert not MembershipApplication.objects.exists()


def test_without_a_form_page_the_api_says_so(client, db):
    assert client.get(URL).status_code == 404
    assert post_json(client, body()).status_code == 404


def test_an_application_from_a_member_is_received_like_any_other(client, page):
    MemberFactory(email="anna@example.org")

    response = post_json(client, body())

    # The answer never tells a stranger whether an address is a member's.
    assert response.status_code == 201
    assert response.json() == {"status": {"code": "new", "label": in_russian("new")}}


def test_the_rate_limit_is_a_429(client, page, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "FORM_RATE_LIMIT": "1/h"}

    assert post_json(client, body()).status_code == 201
    response = post_json(client, body(email="boris@example.org"))

    assert response.status_code == 429
    assert MembershipApplication.objects.count() == 1


def test_the_openapi_document_describes_both_bodies(client, db):
    schema = client.get(API + "openapi.json").json()

    post = schema["paths"]["/api/caseclub/applications/"]["post"]
    content = post["requestBody"]["content"]
    assert {"application/json", "application/x-www-form-urlencoded"} <= set(content)
    assert "201" in post["responses"] and "400" in post["responses"]
