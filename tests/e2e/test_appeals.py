"""A citizen sends an appeal with a PDF; a coordinator makes it a draft case and publishes it."""

import re

import pytest
from playwright.sync_api import expect

from caseclub_wagtail.models import Appeal, CaseStudyPage
from example_site.demo.appeals import small_pdf
from tests.e2e.pages import public_pages
from tests.support.registration_pages import relax_form_protection

SUMMARY = "Жильцы сообщают о протечках кровли после капитального ремонта в августе."
ADMIN_PASSWORD = "caseclub"  # the demo's published login


@pytest.fixture(autouse=True)
def protection(settings):
    """No minimum time to fill the form (live_server answers in this process's thread)."""
    relax_form_protection(settings)


def send_appeal(page, files):
    page.goto(public_pages()["appeal-form"])
    page.get_by_label("Имя", exact=True).fill("Соколова Мария Ивановна")
    page.get_by_label(re.compile("^E-mail")).fill("maria.sokolova@example.org")
    page.get_by_label(re.compile("^Адрес дома")).fill("г. Волгоград, ул. Мира, д. 10")
    page.get_by_label(re.compile("^Что случилось")).fill("Течёт крыша над пятым этажом.")
    page.locator("input[name=attachments]").set_input_files(files)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Отправить обращение").click()


def test_a_citizen_sends_a_pdf_and_a_coordinator_publishes_the_case_it_raised(page, demo):
    pdf = {"name": "Акт осмотра.pdf", "mimeType": "application/pdf", "buffer": small_pdf("x")}
    program = {"name": "фото.jpg", "mimeType": "image/jpeg", "buffer": b"MZ\x90\x00" * 64}

    # A program named as a photo comes back with the message, and asks for the files again.
    send_appeal(page, [program])
    expect(page.locator("#id_attachments_error")).to_contain_text("не изображение и не PDF")
    expect(page.locator("#caseclub-files-dropped")).to_be_visible()
    expect(page.get_by_label(re.compile("^Что случилось"))).to_have_value(
        "Течёт крыша над пятым этажом."
    )

    send_appeal(page, [pdf])
    expect(page).to_have_url(re.compile(r"\?done="))
    appeal = Appeal.objects.get(name="Соколова Мария Ивановна")
    expect(page.get_by_role("status")).to_contain_text(f"Его номер — {appeal.number}")
    assert appeal.attachments.get().original_name == "Акт осмотра.pdf"

    page.goto("/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.get_by_role("button", name="Кейс-клуб").click()
    page.get_by_role("list", name="Кейс-клуб").get_by_role("link", name="Обращения").click()
    row = page.get_by_role("row").filter(has_text="Соколова Мария Ивановна")

    # The coordinator reads the appeal and downloads its scan.
    row.get_by_role("link", name="Просмотр").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Акт осмотра.pdf").click()
    with open(download.value.path(), "rb") as scan:
        assert scan.read().startswith(b"%PDF")
    page.go_back()

    row = page.get_by_role("row").filter(has_text="Соколова Мария Ивановна")
    row.get_by_role("link", name="Черновик кейса…").click()
    page.locator("#id_library").select_option(label="Библиотека кейсов")
    page.locator("#id_title").fill("Протечки кровли на ул. Мира")
    page.locator("#id_summary").fill(SUMMARY)
    page.get_by_role("button", name="Создать черновик кейса").click()
    expect(page.locator(".messages")).to_contain_text("новому черновику кейса")

    case = CaseStudyPage.objects.get(title="Протечки кровли на ул. Мира")
    assert not case.live
    page.goto(f"/admin/pages/{case.pk}/edit/")
    page.get_by_role("button", name="Больше действий").click()
    page.get_by_role("button", name="Опубликовать", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("опубликована")

    case = CaseStudyPage.objects.get(pk=case.pk)
    assert case.live and case.appeals.count() == 1
    page.goto(case.url)
    expect(page.locator("main")).to_contain_text(SUMMARY)
    expect(page.locator("main")).not_to_contain_text("Соколова")
