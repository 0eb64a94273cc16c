"""Sending an appeal through the API: the form's description, multipart with files, JSON."""

import json

import pytest

from caseclub_wagtail.models import Appeal, OutgoingEmail
from tests.factories import TopicFactory, appeal_data, make_appeal_page, pdf_upload, upload
from tests.factories.appeals import EXECUTABLE
from tests.support.api_reading import API, PROBLEM_JSON, get_json
from tests.support.appeals import too_many_in_russian
from tests.support.registration_pages import relax_form_protection
from tests.support.translation import in_russian

URL = API + "appeals/"


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_appeal_page()


def fields(client, **changes):
    token = get_json(client, "appeals/")["form_started"]
    return {**appeal_data(**changes), "form_started": token}


def test_the_form_is_described_with_its_fields_and_a_fresh_token(client, page):
    TopicFactory(name="Кровля", slug="roof")

    response = client.get(URL)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    described = {field["name"]: field for field in body["fields"]}
    assert list(described) == [
        "name",
        "email",
        "phone",
        "address",
        "municipality",
        "topic",
        "description",
        "attachments",
        "consent",
    ]
    assert described["attachments"]["type"] == "file"
    assert described["topic"]["choices"] == [{"code": "roof", "label": "Кровля"}]
    assert body["form_started"] and body["consent_text"]


def test_a_multipart_appeal_with_files_is_received_and_answered_without_personal_data(
    client, page
):
    data = fields(client)
    data["attachments"] = [pdf_upload(), pdf_upload("второй.pdf")]

    response = client.post(URL, data)

    assert response.status_code == 201, response.content
    appeal = Appeal.objects.get()
    assert response.json() == {
        "number": appeal.number,
        "status": {"code": "new", "label": in_russian("new")},
    }
    assert appeal.attachments.count() == 2
    assert appeal.page == page
    assert OutgoingEmail.objects.filter(recipient="maria.sokolova@example.org").exists()


def test_a_json_appeal_without_files_is_received(client, page):
    body = {**fields(client), "consent": True}

    response = client.post(URL, json.dumps(body), content_type="application/json")

    assert response.status_code == 201, response.content
    assert Appeal.objects.get().number == response.json()["number"]


def test_each_refused_field_gets_its_messages_and_nothing_is_saved(client, page):
    data = fields(client, email="", phone="", consent=None)
    data["attachments"] = [upload("фото.jpg", EXECUTABLE, "image/jpeg")] + [
        pdf_upload() for _ in range(3)
    ]

    response = client.post(URL, data)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_JSON
    errors = response.json()["errors"]
    assert set(errors) == {"email", "consent", "attachments"}
    assert errors["attachments"] == [too_many_in_russian()]
    assert not Appeal.objects.exists()


def test_another_body_type_is_a_415(client, page):
    response = client.post(URL, "name=x", content_type="text/plain")

    assert response.status_code == 415
    assert not Appeal.objects.exists()


def test_a_site_without_an_appeal_form_answers_404(client, db):
    assert client.get(URL).status_code == 404
    assert client.post(URL, {}).status_code == 404


def test_the_openapi_document_describes_the_multipart_body_with_its_files(client, page):
    schema = get_json(client, "openapi.json")
    post = schema["paths"]["/api/caseclub/appeals/"]["post"]

    content = post["requestBody"]["content"]
    assert content["multipart/form-data"]["schema"]["properties"]["attachments"]["items"] == {
        "type": "string",
        "format": "binary",
    }
    assert "attachments" not in content["application/json"]["schema"]["properties"]
    assert set(post["responses"]) >= {"201", "400", "429"}


def test_no_public_answer_lists_appeals(client, page):
    client.post(URL, {**fields(client), "name": "Секретова Анна"})

    for path in ("appeals/", "openapi.json", "topics/", "cases/"):
        response = client.get(API + path)
        assert "Секретова" not in response.content.decode(), path
    assert client.get(URL + "1/").status_code == 404
