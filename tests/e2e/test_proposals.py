"""A proposal is sent on the site, a coordinator replies and accepts it from the dashboard,
and the page then lists it with the club's reply."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from caseclub_wagtail.models import OutgoingEmail, Proposal
from tests.factories import make_proposal_page
from tests.support.registration_pages import relax_form_protection

PASSWORD = "coordinator-pw"


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


def test_a_proposal_gets_a_reply_and_is_listed_once_accepted(page, live_server, django_user_model):
    form_page = make_proposal_page(list_accepted=True)

    page.goto(form_page.url)
    expect(page.get_by_text("Пока ни одно предложение не принято.")).to_be_visible()
    page.get_by_label("Имя", exact=True).fill("Соколов Игорь")
    page.get_by_label(re.compile("^E-mail")).fill("igor@example.org")
    page.get_by_label(re.compile("^Заголовок")).fill("Протоколы на сайте")
    page.get_by_label("Ваше предложение").fill("Публиковать протоколы заседаний за неделю.")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Отправить предложение").click()
    expect(page).to_have_url(re.compile(r"\?done="))
    expect(page.get_by_role("status")).to_contain_text("Ваше предложение получено.")

    user = django_user_model.objects.create_user("coord", "coord@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Координаторы Кейс-клуба"))
    page.goto("/admin/login/")
    page.locator("#id_username").fill("coord")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    panel = page.locator("#caseclub-inboxes-section")
    expect(panel.get_by_role("row").filter(has_text="Предложения")).to_contain_text("1")
    panel.get_by_role("link", name="Предложения", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/caseclub_wagtail/proposal/\?status=new"))

    row = page.get_by_role("row").filter(has_text="Протоколы на сайте")
    row.get_by_role("link", name="Ответить…").click()
    page.get_by_label("Статус").select_option("accepted")
    page.get_by_label("Ответ").fill("Согласны: начнём с декабря.")
    page.get_by_role("button", name="Сохранить и отправить").click()
    expect(page.locator(".messages")).to_contain_text("автору отправлено письмо")
    assert re.search(r"status=new", page.url)
    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.replied_by) == ("accepted", user)
    assert OutgoingEmail.objects.filter(recipient="igor@example.org").count() == 2

    page.goto(form_page.url)
    listed = page.locator(".caseclub-proposal")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Протоколы на сайте")
    expect(listed).to_contain_text("Согласны: начнём с декабря.")
    expect(page.locator("body")).not_to_contain_text("Соколов Игорь")
