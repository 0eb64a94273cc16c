"""Sending a proposal through the API: the same checks as the form, nothing personal back."""

import json

import pytest

from caseclub_wagtail.members.querysets import REGISTRY_MISMATCH
from caseclub_wagtail.models import OutgoingEmail, Proposal
from tests.factories import MemberFactory, ProposalFactory, make_proposal_page
from tests.support.api_reading import API
from tests.support.registration_pages import relax_form_protection
from tests.support.translation import in_russian

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
URL = API + "proposals/"


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_proposal_page()


def body(client, **fields):
    started = client.get(URL).json()["form_started"]
    return {
        "name": "Соколов Игорь",
        "email": "igor@example.org",
        "proposal": "Публиковать протоколы.",
        "consent": True,
        "form_started": started,
        **fields,
    }


def post_json(client, data):
    return client.post(URL, json.dumps(data), content_type="application/json")


def test_the_form_is_described_with_its_fields_and_a_token(client, page):
    response = client.get(URL)

    assert response.status_code == 200
    described = response.json()
    names = [field["name"] for field in described["fields"]]
    assert names == ["name", "registry_number", "email", "title", "proposal", "consent"]
    assert described["form_started"]
    # The timing token is made for this answer: no cache keeps it for another visitor.
    assert response["Cache-Control"] == "private, no-store"


def test_a_proposal_sent_as_json_is_saved_and_nothing_personal_comes_back(client, page):
    response = post_json(client, body(client, title="Протоколы"))

    assert response.status_code == 201
    assert response.json() == {"status": {"code": "new", "label": in_russian("new")}}
    proposal = Proposal.objects.get()
    assert (proposal.page, proposal.title) == (page, "Протоколы")
    assert proposal.email == "igor@example.org"
    assert OutgoingEmail.objects.filter(recipient="igor@example.org").exists()


def test_a_form_encoded_proposal_is_accepted_too(client, page):
    data = {**body(client), "consent": "on"}

    assert client.post(URL, data).status_code == 201


def test_each_field_at_fault_is_named(client, page):
    MemberFactory(registry_number=3, email="someone@example.org")

    response = post_json(client, body(client, registry_number=3, consent=False, proposal=""))

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["registry_number"] == [in_russian(str(REGISTRY_MISMATCH))]
    assert set(errors) == {"registry_number", "consent", "proposal"}
    assert not Proposal.objects.exists()


def test_another_body_type_is_a_415(client, page):
    response = client.post(URL, "name=x", content_type="text/plain")

    assert response.status_code == 415


def test_a_site_without_a_proposal_form_answers_404(client, db):
    assert client.get(URL).status_code == 404
    assert post_json(client, {"name": "x"}).status_code == 404


def test_no_proposal_is_ever_answered_back(client, page):
    ProposalFactory(page=page, status="accepted", email="secret@example.org")

    assert b"secret@example.org" not in client.get(URL).content


def test_the_openapi_document_describes_json_and_form_bodies(client):
    document = client.get(API + "openapi.json").json()
    body = document["paths"]["/api/caseclub/proposals/"]["post"]["requestBody"]["content"]

    assert set(body) >= {"application/json", "multipart/form-data"}
    assert "proposal" in body["application/json"]["schema"]["properties"]
