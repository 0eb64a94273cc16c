"""The appeal form on its own: contacts, the topic and the files it accepts or refuses."""

import pytest
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict

from caseclub_wagtail.appeals.forms import AppealForm
from tests.factories import TopicFactory, appeal_data, pdf_upload, png_upload, upload
from tests.factories.appeals import EXECUTABLE, PDF
from tests.support.appeals import too_many_in_russian
from tests.support.registration_pages import protection_fields, relax_form_protection
from tests.support.translation import in_russian


@pytest.fixture(autouse=True)
def protection(settings, db):
    relax_form_protection(settings)


def bound_form(files=(), **fields):
    request = RequestFactory().post("/")
    blank = AppealForm(request=request)
    data = {**protection_fields(blank), **appeal_data(**fields)}
    return AppealForm(data, MultiValueDict({"attachments": list(files)}), request=request)


def test_a_complete_appeal_with_a_pdf_and_a_photo_is_valid():
    form = bound_form([pdf_upload(), png_upload()])

    assert form.is_valid(), form.errors
    assert [(f.content_type, f.extension) for f in form.checked_files] == [
        ("application/pdf", "pdf"),
        ("image/png", "png"),
    ]


def test_an_appeal_without_files_is_valid():
    form = bound_form()

    assert form.is_valid(), form.errors
    assert form.checked_files == []


def test_a_phone_alone_is_enough_to_answer():
    form = bound_form(email="", phone="8 (8442) 55-12-34")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+78442551234"


def test_neither_email_nor_phone_is_refused_beside_the_email():
    form = bound_form(email="", phone="")

    assert not form.is_valid()
    assert form.errors["email"] == [
        in_russian("Give an e-mail address or a phone number, so that we can answer you.")
    ]


def test_a_missing_consent_is_refused():
    form = bound_form(consent=None)

    assert not form.is_valid()
    assert form.errors["consent"] == [
        in_russian("Please give your consent to the processing of your personal data.")
    ]


def test_the_topic_is_chosen_by_its_slug():
    roof = TopicFactory(name="Капремонт", slug="capital-repair")

    chosen = bound_form(topic="capital-repair")
    assert chosen.is_valid()
    assert chosen.cleaned_data["topic"] == roof
    unknown = bound_form(topic="no-such-topic")
    assert not unknown.is_valid()
    assert unknown.errors["topic"] == [in_russian("Choose one of the topics in the list.")]


@pytest.mark.parametrize(
    "hostile",
    [
        upload("photo.jpg", EXECUTABLE, "image/jpeg"),
        upload("scan.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        upload("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        upload("archive.pdf", b"PK\x03\x04" + b"\x00" * 100, "application/pdf"),
    ],
    ids=["renamed-program", "html-as-pdf", "svg", "zip-as-pdf"],
)
def test_a_file_that_is_no_image_or_pdf_is_refused_whatever_its_name(hostile):
    form = bound_form([pdf_upload(), hostile])

    assert not form.is_valid()
    assert form.errors["attachments"] == [
        in_russian(
            "“%(name)s” is not an image or a PDF document. Attach photos or PDF scans.",
            name=hostile.name,
        )
    ]


def test_a_file_over_the_limit_is_refused_with_both_sizes(settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "APPEAL_ATTACHMENT_MB": 0.001}
    large = upload("большой.pdf", PDF + b"0" * 2000, "application/pdf")

    form = bound_form([large])

    assert not form.is_valid()
    [message] = form.errors["attachments"]
    assert "большой.pdf" in message
    assert "2,1" in message and "1,0" in message  # its size and the limit, in Russian


def test_more_than_three_files_are_refused():
    form = bound_form([pdf_upload(f"{n}.pdf") for n in range(4)])

    assert not form.is_valid()
    assert form.errors["attachments"] == [too_many_in_russian()]


def test_an_empty_file_is_refused():
    form = bound_form([upload("пусто.pdf", b"")])

    assert not form.is_valid()
    assert "attachments" in form.errors
