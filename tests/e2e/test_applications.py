"""A person applies for membership on the site; a coordinator admits them in the admin; the
new member has the next registry number and, having consented, is in the directory."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db.models import Max
from playwright.sync_api import expect

from caseclub_wagtail.models import Member, MembershipApplication
from tests.support.registration_pages import relax_form_protection

PASSWORD = "coordinator-pw"
NAME = "Воронина Галина Сергеевна"


@pytest.fixture(autouse=True)
def protection(settings):
    # live_server answers in a thread of this process: the settings reach it.
    relax_form_protection(settings)


def apply(page):
    """Fill in the demo's form «Вступить в клуб» as a person would, consenting to a profile."""
    page.goto("/join/")
    page.get_by_label("ФИО или наименование организации").fill(NAME)
    page.get_by_label(re.compile("^Муниципалитет")).fill("Камышин")
    page.get_by_label("Категория", exact=True).select_option(label="эксперт-доброволец")
    page.get_by_label("Отопление", exact=True).check()
    page.get_by_label(re.compile("^О себе")).fill("Инженер-теплотехник, 20 лет стажа.")
    page.get_by_label("E-mail", exact=True).fill("voronina.gs@example.org")
    page.get_by_label(re.compile("^Я согласен\\(на\\) на публикацию")).check()
    page.get_by_label(re.compile("персональных данных")).check()
    page.get_by_role("button", name="Отправить заявление").click()
    expect(page.get_by_role("status")).to_contain_text("Ваше заявление отправлено.")


def sign_in_as_coordinator(page, django_user_model):
    user = django_user_model.objects.create_user("coord", "coord@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Координаторы Кейс-клуба"))
    page.goto("/admin/login/")
    page.locator("#id_username").fill("coord")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_an_admitted_applicant_gets_the_next_number_and_a_public_profile(
    page, demo, django_user_model
):
    apply(page)
    assert MembershipApplication.objects.get(name=NAME).status == "new"
    highest = Member.objects.aggregate(highest=Max("registry_number"))["highest"]

    sign_in_as_coordinator(page, django_user_model)
    page.get_by_role("button", name="Кейс-клуб").click()
    # From the menu: the dashboard's panel has a link of the same name.
    menu = page.get_by_role("list", name="Кейс-клуб")
    menu.get_by_role("link", name="Заявления о вступлении").click()
    # The demo's second application from an active member's address is flagged.
    belov = page.get_by_role("row").filter(has_text="Белов Андрей Николаевич")
    expect(belov).to_contain_text("Уже член клуба")
    row = page.get_by_role("row").filter(has_text=NAME)
    row.get_by_role("link", name="Принять…").click()
    expect(page.get_by_role("main")).to_contain_text("согласился на публичный профиль")
    page.get_by_role("button", name="Принять в клуб").click()

    number = highest + 1
    expect(page.locator(".messages")).to_contain_text(f"номер {number} в реестре")
    member = Member.objects.get(registry_number=number)
    assert member.name == NAME
    assert member.public_profile is True

    page.goto("/members/")
    expect(page.get_by_role("link", name=NAME)).to_be_visible()
    page.get_by_role("link", name=NAME).click()
    expect(page).to_have_url(re.compile(rf"/members/{number}/$"))
    expect(page.get_by_role("main")).to_contain_text("Инженер-теплотехник")
    # The contact details stay private.
    expect(page.get_by_role("main")).not_to_contain_text("voronina.gs@example.org")
