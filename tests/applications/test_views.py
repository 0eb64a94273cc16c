"""The public membership application page: the form, its errors, the page after sending."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from caseclub_wagtail.models import MembershipApplication, OutgoingEmail
from tests.factories import TopicFactory, application_data, make_application_page
from tests.support.mail import FAILING_BACKEND
from tests.support.registration_pages import (
    field_errors,
    form_errors,
    relax_form_protection,
    submit,
    typed_value,
)
from tests.support.translation import in_russian

pytestmark = pytest.mark.clock


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_application_page(intro="<p>Вступление в клуб по п. 3.5 положения.</p>")


def test_the_form_shows_the_registry_fields_and_both_consents(client, page):
    TopicFactory(name="Отопление", slug="heating")

    response = client.get(page.url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    html = BeautifulSoup(response.content, "html.parser")
    names = {field["name"] for field in html.select("form.caseclub-form [name]")}
    assert {
        "kind",
        "name",
        "organization",
        "municipality",
        "category",
        "expertise",
        "bio",
        "website",
        "email",
        "phone",
        "public_profile",
        "consent",
        "fax",
        "form_started",
    } <= names
    assert html.select_one("input[name=expertise][value=heating]") is not None
    assert "Вступление в клуб" in html.get_text()


def test_a_sent_application_reaches_the_inbox_and_the_thank_you_page(client, page):
    response = submit(client, page.url, application_data(public_profile="on"))

    assert response.status_code == 303
    application = MembershipApplication.objects.get()
    assert application.public_profile is True
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Ваше заявление отправлено" in thanks.content.decode()
    # The thank-you page names nothing the person typed.
    assert application.email not in thanks.content.decode()
    assert application.name not in thanks.content.decode()


def test_a_forged_thank_you_link_is_a_404(client, page):
    response = client.get(page.url, {"done": "1:forged"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("fields", "field", "message", "params"),
    [
        (
            {"consent": None},
            "consent",
            "Please give your consent to the processing of your personal data.",
            {},
        ),
        ({"email": None}, "email", "This field is required.", {}),
        (
            {"email": "not-an-address"},
            "email",
            "Enter an e-mail address such as name@example.org.",
            {},
        ),
        (
            {"phone": "12345"},
            "phone",
            "Enter a phone number, for example +7 900 123-45-67.",
            {},
        ),
        (
            {"website": "javascript:alert(1)"},
            "website",
            "Enter a web address such as https://example.org.",
            {},
        ),
        (
            {"category": "alien"},
            "category",
            "Select a valid choice. %(value)s is not one of the available choices.",
            {"value": "alien"},
        ),
        ({"name": "   "}, "name", "This field is required.", {}),
    ],
)
def test_bad_input_is_a_400_with_the_message_beside_the_field(
    client, page, fields, field, message, params
):
    response = submit(client, page.url, application_data(**fields))

    assert response.status_code == 400
    assert field_errors(response, field) == [in_russian(message, **params)]
    assert not MembershipApplication.objects.exists()
    # What the person typed stays in the form.
    assert typed_value(response, "organization") == "ТСЖ «Волна»"


def test_a_too_long_text_about_oneself_is_refused(client, page):
    response = submit(client, page.url, application_data(bio="х" * 4001))

    assert response.status_code == 400
    assert "4000" in field_errors(response, "bio")[0]
    assert typed_value(response, "bio") == "х" * 4001


def test_an_unknown_topic_is_refused_beside_the_field(client, page):
    TopicFactory(slug="heating")

    response = submit(client, page.url, application_data(expertise=["heating", "no-such"]))

    assert response.status_code == 400
    page_html = BeautifulSoup(response.content, "html.parser")
    assert "Выберите темы из списка." in page_html.get_text()
    assert not MembershipApplication.objects.exists()


def test_hostile_text_is_kept_as_text_and_never_run(client, page):
    script = "<script>alert(1)</script>"

    response = submit(
        client, page.url, application_data(name=script, bio=script, organization=script)
    )

    assert response.status_code == 303
    application = MembershipApplication.objects.get()
    assert application.name == script
    thanks = client.get(response["Location"])
    assert script not in thanks.content.decode()


def test_a_nul_character_is_refused_not_a_500(client, page):
    response = submit(client, page.url, application_data(name="Анна\x00"))

    assert response.status_code == 400
    assert field_errors(response, "name")


def test_the_honeypot_refuses_a_program(client, page):
    response = submit(client, page.url, application_data(fax="+7 800"))

    assert response.status_code == 400
    assert form_errors(response)
    assert not MembershipApplication.objects.exists()


@override_settings(EMAIL_BACKEND=FAILING_BACKEND)
def test_the_application_is_kept_when_the_mail_server_is_down(
    client, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, page.url, application_data())

    assert response.status_code == 303
    assert MembershipApplication.objects.count() == 1
    assert OutgoingEmail.objects.get(recipient="anna@example.org").status == "failed"
