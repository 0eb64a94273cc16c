"""``core.form_api``: describing a public form and submitting it as JSON or a form."""

import json

import pytest
from django.test import RequestFactory

from caseclub_wagtail.core import form_api
from caseclub_wagtail.core.form_guard import timing_token
from caseclub_wagtail.proposals.models import Proposal, ProposalFormPage
from tests.factories import root_page
from tests.support.registration_pages import relax_form_protection
from tests.support.title_form import TitleForm, save_title


@pytest.fixture
def page(db, settings):
    relax_form_protection(settings)
    return root_page().add_child(instance=ProposalFormPage(title="Предложения"))


def post_json(body, **extra):
    return RequestFactory().post(
        "/api/", json.dumps(body), content_type="application/json", **extra
    )


def submit(request, page):
    return form_api.submit_form(request, TitleForm, save_title, page)


def test_a_json_submission_is_read_as_the_form_reads_its_fields(page):
    body = {
        "title": "Чаще встречи",
        "tags": ["a", "c"],
        "colour": None,
        "consent": True,
        "form_started": timing_token(),
    }

    saved = submit(post_json(body), page)

    assert saved == Proposal.objects.get()
    assert (saved.title, saved.text, saved.page) == ("Чаще встречи", "a,c", page)


def test_a_form_encoded_submission_is_accepted_too(page):
    request = RequestFactory().post(
        "/api/",
        {"title": "Форма", "tags": ["b"], "consent": "on", "form_started": timing_token()},
    )

    assert submit(request, page).text == "b"


def test_each_field_at_fault_gets_its_messages(page):
    body = {"title": "", "tags": ["z"], "consent": False, "form_started": timing_token()}

    with pytest.raises(form_api.Refused) as refused:
        submit(post_json(body), page)

    assert refused.value.status == 400
    assert set(refused.value.errors) == {"title", "tags", "consent"}
    response = refused.value.response()
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["errors"]["title"]
    assert not Proposal.objects.exists()


def test_a_body_that_is_no_json_object_or_of_another_type_is_refused(page):
    not_an_object = post_json(["title"])
    broken = RequestFactory().post("/api/", b"{oops", content_type="application/json")
    text = RequestFactory().post("/api/", b"title=x", content_type="text/plain")

    statuses = []
    for request in (not_an_object, broken, text):
        with pytest.raises(form_api.Refused) as refused:
            submit(request, page)
        statuses.append(refused.value.status)

    assert statuses == [400, 400, 415]


def test_over_the_rate_limit_a_submission_is_a_429(page, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "FORM_RATE_LIMIT": "1/h"}
    body = {"title": "Раз", "consent": True, "form_started": timing_token()}

    submit(post_json(body, REMOTE_ADDR="198.51.100.9"), page)
    with pytest.raises(form_api.Refused) as refused:
        submit(post_json({**body, "title": "Два"}, REMOTE_ADDR="198.51.100.9"), page)

    assert refused.value.status == 429
    assert Proposal.objects.count() == 1


def test_the_description_lists_what_a_person_fills_in(page):
    described = form_api.form_description(RequestFactory().get("/api/"), TitleForm, page)

    fields = {field["name"]: field for field in described["fields"]}
    assert list(fields) == ["title", "colour", "tags", "consent"]
    assert fields["title"] == {
        "name": "title",
        "label": "Заголовок",
        "help_text": "",
        "required": True,
        "type": "text",
    }
    assert fields["colour"]["type"] == "select"
    assert fields["colour"]["choices"] == [
        {"code": "red", "label": "Красный"},
        {"code": "blue", "label": "Синий"},
    ]
    assert fields["tags"]["type"] == "multiselect"
    assert fields["consent"]["type"] == "checkbox"
    assert fields["consent"]["label"] == described["consent_text"]
    assert described["form_started"]


def test_the_form_page_of_the_requests_site_is_found_live_only(page):
    draft = root_page().add_child(instance=ProposalFormPage(title="Черновик", live=False))
    request = RequestFactory().get("/api/")

    assert form_api.form_page_for(request, ProposalFormPage) == page
    page.unpublish()
    assert form_api.form_page_for(request, ProposalFormPage) is None
    assert draft.pk != page.pk


def test_the_openapi_body_offers_json_and_forms_with_the_files_as_binary():
    from ninja import Schema

    class Body(Schema):
        title: str

    body = form_api.request_body(Body, files=("attachments",))["requestBody"]["content"]

    assert set(body) == {
        "application/json",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    }
    assert "attachments" not in body["application/json"]["schema"]["properties"]
    assert body["multipart/form-data"]["schema"]["properties"]["attachments"] == {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
    }
