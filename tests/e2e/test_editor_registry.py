"""Editors keep the members' registry in the Russian Wagtail admin."""

import csv
import re

from playwright.sync_api import expect

from caseclub_wagtail.models import Member
from tests.e2e.date_picker import fill_date

LIST_URL = "/admin/snippets/caseclub_wagtail/member/"


def open_new_member_form(page):
    page.goto(LIST_URL)
    page.get_by_role("link", name=re.compile("Добавить")).first.click()
    page.wait_for_url("**/member/add/")


def save(page):
    page.get_by_role("button", name="Сохранить", exact=True).click()


def test_editor_logs_in_and_finds_the_case_club_menu(editor_page):
    page = editor_page
    page.get_by_role("button", name="Кейс-клуб").click()
    expect(page.get_by_role("link", name="Реестр членов")).to_be_visible()
    expect(page.get_by_role("link", name="Темы")).to_be_visible()
    page.get_by_role("link", name="Реестр членов").click()
    expect(page.get_by_role("heading", name="Реестр членов")).to_be_visible()


def test_adding_a_member_assigns_the_next_registry_number(editor_page):
    page = editor_page
    highest = Member.objects.order_by("-registry_number").first().registry_number
    open_new_member_form(page)
    expect(page.locator("#id_registry_number")).to_have_count(0)  # not editable
    page.get_by_label("Наименование").fill("Новикова Анна Сергеевна")
    page.get_by_label("Муниципалитет").fill("Волжский")
    page.get_by_role("combobox", name="Категория").select_option("owner")
    save(page)
    expect(page.locator(".messages")).to_contain_text("Новикова Анна Сергеевна")
    row = page.get_by_role("row").filter(has_text="Новикова Анна Сергеевна")
    row.get_by_role("link", name=str(highest + 1), exact=True).click()
    number_panel = page.locator("section", has=page.locator("#panel-child-registry_number-label"))
    expect(number_panel).to_contain_text(str(highest + 1))


def test_a_second_chair_is_refused_with_the_current_chairs_name(editor_page):
    page = editor_page
    chair = Member.objects.get(role="chair", status="active")
    open_new_member_form(page)
    page.get_by_label("Наименование").fill("Самозванов Пётр")
    page.get_by_role("combobox", name="Категория").select_option("citizen")
    page.get_by_role("combobox", name="Роль").select_option("chair")
    save(page)
    role_field = page.locator("[data-field-wrapper]").filter(has=page.locator("#id_role"))
    expect(role_field).to_contain_text(f"уже есть действующий председатель: {chair.name}")
    assert not Member.objects.filter(name="Самозванов Пётр").exists()


def test_ending_a_membership_needs_its_ground_and_keeps_the_entry(editor_page):
    page = editor_page
    member = Member.objects.filter(status="active", role="member").first()
    page.goto(f"{LIST_URL}edit/{member.pk}/")
    page.get_by_role("combobox", name="Статус").select_option("terminated")
    save(page)
    expect(page.get_by_text("Укажите дату прекращения членства.")).to_be_visible()
    expect(page.get_by_text(re.compile("Выберите основание прекращения членства"))).to_be_visible()
    fill_date(page, "#id_terminated_on", "2026-11-20")
    page.get_by_role("combobox", name="Основание прекращения членства").select_option("voluntary")
    page.get_by_label("Примечание о прекращении членства").fill("Заявление о выходе от 18.11.2026")
    save(page)
    expect(page.locator(".messages")).to_contain_text(member.name)
    row = page.get_by_role("row").filter(has_text=member.name)
    expect(row).to_contain_text(re.compile("членство прекращено", re.IGNORECASE))
    member.refresh_from_db()
    assert member.status == "terminated"
    assert member.termination_ground == "voluntary"
    assert str(member.terminated_on) == "2026-11-20"


def test_deleting_a_registry_entry_is_refused(editor_page):
    page = editor_page
    member = Member.objects.filter(status="active").last()
    page.goto(LIST_URL)
    page.get_by_label(f"Дополнительные опции для '{member.name}'").click()
    page.get_by_role("link", name="Удалить").click()
    expect(page.locator(".messages")).to_contain_text("Записи реестра нельзя удалять")
    expect(page.locator(".messages")).to_contain_text("прекратите членство")
    assert Member.objects.filter(pk=member.pk).exists()


def test_filtering_and_exporting_the_registry(editor_page):
    page = editor_page
    page.goto(LIST_URL)
    page.get_by_label("Показать фильтры").click()
    page.get_by_role("button", name="Статус").click()
    page.locator("select[name=status]").select_option("terminated")
    page.wait_for_url(re.compile(r"status=terminated"))
    shown = Member.objects.filter(status="terminated")
    for member in Member.objects.all():
        row = page.get_by_role("row").filter(has_text=member.name)
        expect(row).to_have_count(1 if member in shown else 0)
    page.get_by_role("button", name="Действия", exact=True).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("CSV")).click()
    path = download_info.value.path()
    with open(path, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["Наименование"] for row in rows) == sorted(m.name for m in shown)
    assert {row["Статус"] for row in rows} == {"членство прекращено"}


def test_erasing_a_members_personal_data_after_a_confirmation(editor_page):
    page = editor_page
    member = Member.objects.exclude(email="").exclude(phone="").first()
    email, phone = member.email, member.phone
    page.goto(f"{LIST_URL}edit/{member.pk}/")
    expect(page.locator("#id_email")).to_have_value(email)

    page.locator("#w-slim-header-buttons").get_by_role("button", name="Действия").click()
    page.get_by_role("link", name="Удалить персональные данные").click()
    expect(page.get_by_text("Будут удалены:")).to_be_visible()
    page.get_by_role("button", name="Да, удалить").click()

    expect(page.locator(".messages")).to_contain_text("Персональные данные удалены")
    member.refresh_from_db()
    assert (member.email, member.phone) == ("", "")
    assert member.name and member.registry_number  # the registry's record stays
    page.goto(f"{LIST_URL}edit/{member.pk}/")
    expect(page.locator("#id_email")).to_have_value("")
    assert email not in page.content() and phone not in page.content()
