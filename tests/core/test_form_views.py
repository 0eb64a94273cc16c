"""``core.form_views.serve_form``: the one view of every public form page."""

import copy
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from caseclub_wagtail.core.form_views import done_signer, serve_form
from caseclub_wagtail.proposals.models import Proposal, ProposalFormPage
from tests.factories import root_page
from tests.support.registration_pages import relax_form_protection
from tests.support.title_form import TitleForm, save_title

TEMPLATE = "form_page_for_tests.html"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture
def page(db, settings):
    relax_form_protection(settings)
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates
    return root_page().add_child(instance=ProposalFormPage(title="Предложения"))


def serve(page, request):
    response = serve_form(
        page, request, form_class=TitleForm, submit=save_title, model=Proposal, template=TEMPLATE
    )
    # A page's template response, rendered as Django's handler renders it.
    return response.render() if hasattr(response, "render") else response


def post(page, data, **extra):
    token = TitleForm(request=RequestFactory().get("/"), page=page)["form_started"].initial
    request = RequestFactory().post(
        "/proposals/", {"form_started": token, "consent": "on", **data}, **extra
    )
    return serve(page, request)


def test_a_form_is_shown_privately(page):
    response = serve(page, RequestFactory().get("/proposals/"))

    assert response.status_code == 200
    assert b'name="title"' in response.content
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_a_valid_form_is_saved_and_leads_to_its_thank_you_page(page):
    response = post(page, {"title": "Больше встреч"})

    assert response.status_code == 303
    saved = Proposal.objects.get()
    assert saved.title == "Больше встреч" and saved.page_id == page.pk
    done = serve(page, RequestFactory().get(response["Location"]))
    assert done.status_code == 200
    assert b'<p id="done">' in done.content and "Больше встреч" in done.content.decode()


def test_a_refused_form_keeps_what_was_typed_and_saves_nothing(page):
    response = post(page, {"title": "слишком длинный заголовок предложения"})

    assert response.status_code == 400
    assert "слишком длинный заголовок предложения" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_forged_or_foreign_thank_you_number_is_a_404(page):
    other = root_page().add_child(instance=ProposalFormPage(title="Другая форма"))
    foreign = Proposal.objects.create(page=other, name="Б", email="b@example.org", title="Чужое")

    forged = serve(page, RequestFactory().get("/proposals/?done=1:forged"))
    signed_for_other_page = done_signer(Proposal).sign(str(foreign.pk))
    foreign_answer = serve(page, RequestFactory().get(f"/?done={signed_for_other_page}"))

    assert forged.status_code == 404 and b'id="invalid"' in forged.content
    assert foreign_answer.status_code == 404
    assert "Чужое" not in foreign_answer.content.decode()


def test_too_many_forms_from_one_address_are_a_429(page, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "FORM_RATE_LIMIT": "1/h"}
    address = {"REMOTE_ADDR": "203.0.113.77"}

    first = post(page, {"title": "Первое"}, **address)
    second = post(page, {"title": "Второе"}, **address)

    assert first.status_code == 303
    assert second.status_code == 429 and b'id="rate-limited"' in second.content
    assert list(Proposal.objects.values_list("title", flat=True)) == ["Первое"]


def test_a_refused_form_with_files_says_they_must_be_chosen_again(page):
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = post(page, {"title": "", "scan": upload})

    assert response.status_code == 400
    assert b'id="files-dropped"' in response.content
