"""An editor sets the forms' consent text; a coordinator resends a failed e-mail."""

import re

from playwright.sync_api import expect

from caseclub_wagtail.models import OutgoingEmail
from tests.e2e.pages import public_pages

CONSENT = "Я согласен(на) на обработку моих персональных данных Ресурсным центром."


def test_the_editor_sets_the_consent_text_the_registration_form_shows(editor_page):
    page = editor_page
    page.get_by_role("button", name="Настройки").click()
    page.get_by_role("link", name="Публичные формы").click()
    page.get_by_label(re.compile("^Согласие на обработку персональных данных")).fill(CONSENT)
    page.get_by_label(re.compile("^Электронная почта координаторов")).fill(
        "coordinators@example.org"
    )
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto(public_pages()["registration-form-series"])
    expect(page.get_by_role("checkbox")).to_be_visible()
    expect(page.locator("label").filter(has_text=CONSENT)).to_be_visible()


def test_a_coordinator_resends_a_failed_email_from_the_outbox(editor_page):
    page = editor_page
    failed = OutgoingEmail.objects.create(
        recipient="anna@example.org",
        subject="Проверка повторной отправки",
        body="Место за вами закреплено.",
        status="failed",
        attempts=1,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    page.get_by_role("button", name="Кейс-клуб").click()
    page.get_by_role("link", name="Исходящие письма").click()
    row = page.get_by_role("row").filter(has_text="Проверка повторной отправки")
    expect(row).to_contain_text("Connection refused")

    row.get_by_role("button", name="Отправить снова").click()

    expect(page.locator(".messages")).to_be_visible()
    failed.refresh_from_db()
    assert failed.status == "sent"
