"""The public appeal form over HTTP: sending, errors that keep what was typed, the number."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.test import Client

from caseclub_wagtail.models import Appeal, AppealAttachment
from tests.factories import appeal_data, make_appeal_page, pdf_upload, png_upload, upload
from tests.factories.appeals import EXECUTABLE
from tests.support.appeals import too_many_in_russian
from tests.support.mail import FAILING_BACKEND
from tests.support.registration_pages import field_errors, relax_form_protection, typed_value
from tests.support.translation import in_russian

URL = "/appeal/"


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_appeal_page(intro="<p>Опишите проблему вашего дома.</p>")


def hidden_fields(client):
    form = BeautifulSoup(client.get(URL).content, "html.parser").select_one("form.caseclub-form")
    return {
        field["name"]: field.get("value", "")
        for field in form.select("input[type=hidden]")
        if field["name"] != "csrfmiddlewaretoken"
    }


def send(client, files=(), **fields):
    data = {**hidden_fields(client), **appeal_data(**fields)}
    if files:
        data["attachments"] = list(files)
    return client.post(URL, data)


def test_the_form_shows_the_intro_the_fields_and_takes_files(client, page):
    response = client.get(URL)

    assert response.status_code == 200
    page_html = BeautifulSoup(response.content, "html.parser")
    assert "Опишите проблему вашего дома." in page_html.text
    form = page_html.select_one("form.caseclub-form")
    assert form["enctype"] == "multipart/form-data"
    files = form.select_one("input[name=attachments]")
    assert files["type"] == "file" and files.has_attr("multiple")
    for name in ("name", "email", "phone", "address", "municipality", "topic", "description"):
        assert form.find(attrs={"name": name}) is not None, name
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_a_sent_appeal_shows_its_reference_number_and_is_in_the_inbox(client, page):
    response = send(client, [pdf_upload(), png_upload()])

    assert response.status_code == 303
    done = client.get(response["Location"])
    appeal = Appeal.objects.get()
    assert appeal.attachments.count() == 2
    assert done.status_code == 200
    text = BeautifulSoup(done.content, "html.parser").text
    assert str(appeal.number) in text
    # The page after sending names no one: not the name, the address or the e-mail.
    assert "Соколова" not in text and "maria.sokolova" not in text and "Мира" not in text


def test_the_page_after_sending_uses_the_editors_thank_you_text(client, db):
    make_appeal_page(thank_you="<p>Спасибо! Ответим за три дня.</p>")

    done = client.get(send(client)["Location"])

    assert "Спасибо! Ответим за три дня." in done.content.decode()


def test_a_forged_confirmation_is_a_404(client, page):
    assert client.get(URL, {"done": "1:forged"}).status_code == 404


def test_an_error_keeps_what_was_typed_and_asks_for_the_files_again(client, page):
    response = send(
        client,
        [pdf_upload()],
        email="",
        phone="",
        description="Течёт крыша над 3-м подъездом",
    )

    assert response.status_code == 400
    assert field_errors(response, "email") == [
        in_russian("Give an e-mail address or a phone number, so that we can answer you.")
    ]
    assert typed_value(response, "description") == "Течёт крыша над 3-м подъездом"
    assert typed_value(response, "address") == "г. Волгоград, ул. Мира, д. 10"
    notice = BeautifulSoup(response.content, "html.parser").select_one("#caseclub-files-dropped")
    assert notice is not None
    assert not Appeal.objects.exists()


NOT_ACCEPTED = "“%(name)s” is not an image or a PDF document. Attach photos or PDF scans."


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            [upload("фото.jpg", EXECUTABLE, "image/jpeg")],
            lambda: in_russian(NOT_ACCEPTED, name="фото.jpg"),
        ),
        (
            [pdf_upload(f"{n}.pdf") for n in range(4)],
            lambda: too_many_in_russian(),
        ),
    ],
    ids=["renamed-program", "four-files"],
)
def test_a_hostile_upload_is_refused_beside_the_field_never_a_500(client, page, files, expected):
    response = send(client, files)

    assert response.status_code == 400
    assert field_errors(response, "attachments") == [expected()]
    assert not Appeal.objects.exists()
    assert not AppealAttachment.objects.exists()


def test_a_submission_is_kept_when_the_mail_server_is_down(settings, page):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    client = Client()

    response = send(client, [pdf_upload()])

    assert response.status_code == 303
    assert client.get(response["Location"]).status_code == 200
    assert Appeal.objects.get().attachments.count() == 1


def test_a_stored_file_is_outside_media_root_and_no_public_url_serves_it(client, page, settings):
    send(client, [pdf_upload()])
    attachment = AppealAttachment.objects.get()
    stored = Path(attachment.file.path).resolve()

    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents
    private = Path(django_settings.STORAGES["caseclub_private"]["OPTIONS"]["location"])
    assert private.resolve() in stored.parents
    relative = stored.relative_to(private.resolve()).as_posix()
    for url in (f"/media/{relative}", f"/{relative}", f"/media/{attachment.file.name}"):
        response = client.get(url)
        assert response.status_code == 404, url
    # And the inbox's own file view wants a signed-in coordinator.
    inbox = client.get(f"/admin/caseclub_wagtail/appeal/attachment/{attachment.pk}/")
    assert inbox.status_code == 302
    assert b"%PDF" not in inbox.content
