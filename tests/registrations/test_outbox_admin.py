"""The outbox in the Wagtail admin: failed e-mails with their error, and resending them."""

import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.core import mail
from django.test import Client

from caseclub_wagtail.models import OutgoingEmail
from tests.factories import admin_user

OUTBOX_URL = "/admin/caseclub_wagtail/outgoingemail/"
ACTIONS_URL = OUTBOX_URL + "actions/"


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Connection refused by smtp.example.org")


@pytest.fixture
def emails(db):
    return {
        "failed": OutgoingEmail.objects.create(
            recipient="anna@example.org",
            subject="Запись на заседание",
            body="Вы записаны.",
            status="failed",
            attempts=3,
            last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        ),
        "sent": OutgoingEmail.objects.create(
            recipient="boris@example.org", subject="Лист ожидания", body="…", status="sent"
        ),
    }


@pytest.fixture
def coordinator(db):
    client = Client()
    client.force_login(admin_user("view_outgoingemail", "change_outgoingemail", username="coord"))
    return client


def shown_messages(response, level):
    return [str(m).strip() for m in response.context["messages"] if m.level == level]


def test_failed_emails_are_listed_with_their_error(coordinator, emails):
    response = coordinator.get(OUTBOX_URL, {"status": "failed"})

    assert response.status_code == 200
    assert [email.recipient for email in response.context["object_list"]] == ["anna@example.org"]
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in response.content.decode()


def test_only_unsent_emails_offer_resending(coordinator, emails):
    page = BeautifulSoup(coordinator.get(OUTBOX_URL).content, "html.parser")

    buttons = [(b["name"], b["value"]) for b in page.select("button[form]")]

    assert buttons == [("resend", str(emails["failed"].pk))]


def test_resending_a_failed_email_sends_it(coordinator, emails):
    failed = emails["failed"]

    response = coordinator.post(ACTIONS_URL, {"resend": failed.pk}, follow=True)

    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert mail.outbox[0].subject == "Запись на заседание"
    failed.refresh_from_db()
    assert failed.status == "sent"
    assert shown_messages(response, messages.SUCCESS)


def test_a_resend_that_fails_again_shows_the_error_and_keeps_the_email(
    coordinator, emails, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    failed = emails["failed"]

    response = coordinator.post(ACTIONS_URL, {"resend": failed.pk}, follow=True)

    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == "failed"
    assert "Connection refused by smtp.example.org" in failed.last_error
    assert "Connection refused by smtp.example.org" in shown_messages(response, messages.ERROR)[0]


def test_a_sent_email_is_not_sent_twice(coordinator, emails):
    coordinator.post(ACTIONS_URL, {"resend": emails["sent"].pk})

    assert mail.outbox == []


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_resending_nothing_known_is_a_404(coordinator, emails, value):
    assert coordinator.post(ACTIONS_URL, {"resend": value}).status_code == 404


def test_without_the_view_permission_the_outbox_is_closed(emails):
    client = Client()
    client.force_login(admin_user("change_outgoingemail"))

    listing = client.get(OUTBOX_URL)
    resend = client.post(ACTIONS_URL, {"resend": emails["failed"].pk})

    assert (listing.status_code, listing.get("Location")) == (302, "/admin/")
    assert (resend.status_code, resend.get("Location")) == (302, "/admin/")
    assert mail.outbox == []


def test_a_bad_status_filter_is_a_400(coordinator, emails):
    assert coordinator.get(OUTBOX_URL, {"status": "lost"}).status_code == 400


def test_the_inspect_view_shows_the_whole_email(coordinator, emails):
    response = coordinator.get(f"{OUTBOX_URL}inspect/{emails['failed'].pk}/")

    assert response.status_code == 200
    assert "Вы записаны." in response.content.decode()
