"""Visitors register for events on the site: seats, the waitlist, cancelling by the e-mailed
link, and the registry's check for members-only events."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from caseclub_wagtail.models import EventRegistration
from tests.e2e.pages import public_pages
from tests.factories import MemberFactory, make_event, make_event_index, wall
from tests.support.registration_pages import relax_form_protection

# The e-mailed link to a person's own registration page.
MANAGE_LINK = re.compile(r"https?://\S+/registration/[\w-]+/")


@pytest.fixture(autouse=True)
def protection(settings):
    """No minimum time to fill the form, and room for every submission of a test.

    live_server answers in a thread of this process, so the overridden settings reach it
    (the package's settings are read again when they change).
    """
    relax_form_protection(settings)


@pytest.fixture
def index(live_server):
    return make_event_index()


def fill_in(page, name, email, *, organization="", button="Зарегистрироваться"):
    """Type a person's details into the form, tick the consent and send it."""
    page.get_by_label("Имя", exact=True).fill(name)
    page.get_by_label("E-mail", exact=True).fill(email)
    if organization:
        page.get_by_label(re.compile("^Организация")).fill(organization)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=button).click()


def register(page, event, name, email, *, full=False):
    """Open the event, follow its register button and send the form.

    The form of a full date says so, and its button joins the waitlist.
    """
    page.goto(event.url)
    page.locator(".caseclub-registration-box").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/register/$"))
    if full:
        expect(page.get_by_role("note")).to_contain_text("вы попадёте в лист ожидания")
        fill_in(page, name, email, button="Записаться в лист ожидания")
    else:
        fill_in(page, name, email)
    expect(page).to_have_url(re.compile(r"/register/\?done="))


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_a_visitor_takes_the_last_seat_and_the_next_one_joins_the_waitlist(page, index):
    # Ten days ahead at noon: open for registration at any hour the suite runs.
    event = make_event(
        index,
        "Мастер-класс по приёмке капремонта",
        wall(10, 12),
        registration="internal",
        capacity=2,
    )
    page.goto(event.url)
    box = page.locator(".caseclub-registration-box")
    expect(box).to_contain_text("Осталось 2 места")

    status = page.get_by_role("status")
    register(page, event, "Иванова Анна Петровна", "anna@example.org")
    expect(status).to_contain_text("Вы зарегистрированы.")
    expect(page.get_by_role("main")).to_contain_text("Подтверждена")
    register(page, event, "Борисов Борис Ильич", "boris@example.org")
    expect(status).to_contain_text("Вы зарегистрированы.")

    register(page, event, "Верина Вера Сергеевна", "vera@example.org", full=True)
    expect(status).to_contain_text("Все места заняты: вы в листе ожидания, ваш номер — 1.")
    expect(status).to_contain_text("Мы напишем вам")

    page.goto(event.url)
    expect(box).to_contain_text("Мест нет — запишитесь в лист ожидания")
    expect(box.get_by_role("link", name="Записаться в лист ожидания")).to_be_visible()
    statuses = dict(EventRegistration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "anna@example.org": "confirmed",
        "boris@example.org": "confirmed",
        "vera@example.org": "waitlisted",
    }
    # Nobody's name is on the public page.
    expect(page.get_by_role("main")).not_to_contain_text("Иванова")


def test_a_person_cancels_by_the_emailed_link_and_the_waitlist_moves_up(page, index):
    event = make_event(
        index, "Стажировка в ГЖИ", wall(10, 12), registration="internal", capacity=1
    )
    register(page, event, "Иванова Анна Петровна", "anna@example.org")
    register(page, event, "Верина Вера Сергеевна", "vera@example.org", full=True)
    expect(page.get_by_role("status")).to_contain_text("ваш номер — 1")

    # The outbox sends each e-mail once the registration is saved (the test mail backend).
    [confirmation] = emails_to("anna@example.org")
    assert confirmation.subject == "Вы записаны: Стажировка в ГЖИ"
    link = MANAGE_LINK.search(confirmation.body).group(0)
    page.goto(urlsplit(link).path)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Подтверждена")
    page.get_by_role("button", name="Отменить мою регистрацию").click()
    expect(page.get_by_role("status")).to_contain_text("Ваша регистрация отменена.")
    expect(main).to_contain_text("Отменено")
    expect(page.get_by_role("button", name="Отменить мою регистрацию")).to_have_count(0)

    vera = EventRegistration.objects.get(event=event, email="vera@example.org")
    assert vera.status == "confirmed"
    promoted = [m for m in emails_to("vera@example.org") if m.subject.startswith("Место за вами")]
    assert len(promoted) == 1, [m.subject for m in emails_to("vera@example.org")]
    assert "Освободилось место, и теперь оно ваше." in promoted[0].body
    # The seat freed by the cancellation went to Vera: the date is full again.
    page.goto(event.url)
    expect(page.locator(".caseclub-registration-box")).to_contain_text("Мест нет")

    # The used link no longer works.
    page.goto(urlsplit(link).path)
    expect(page.get_by_role("alert")).to_contain_text("уже использована")


def test_a_members_only_event_refuses_a_wrong_registry_number(page, index):
    member = MemberFactory(registry_number=41, email="olga@example.org")
    event = make_event(
        index,
        "Стажировка общественных жилищных инспекторов",
        wall(10, 12),
        registration="internal",
        audience="members_only",
        capacity=12,
    )
    page.goto(event.url + "register/")
    expect(page.get_by_role("main")).to_contain_text("только для членов клуба")
    number = page.get_by_label("Номер в реестре")
    number.fill(str(member.registry_number + 1))
    fill_in(page, "Мельникова Ольга Сергеевна", member.email, organization="ТСЖ «Волна»")

    errors = page.locator("#caseclub-form-errors")
    expect(errors).to_have_attribute("role", "alert")
    expect(errors).to_contain_text(
        "В реестре нет действующего участника клуба с таким номером и таким адресом "
        "электронной почты."
    )
    # Above the form's fields, and what was typed stays.
    assert errors.bounding_box()["y"] < number.bounding_box()["y"]
    expect(number).to_have_value(str(member.registry_number + 1))
    expect(page.get_by_label("Имя", exact=True)).to_have_value("Мельникова Ольга Сергеевна")
    expect(page.get_by_label("E-mail", exact=True)).to_have_value(member.email)
    expect(page.get_by_label(re.compile("^Организация"))).to_have_value("ТСЖ «Волна»")
    assert not EventRegistration.objects.filter(event=event).exists()

    # With the number the registry holds, the member is registered.
    number.fill(str(member.registry_number))
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_role("status")).to_contain_text("Вы зарегистрированы.")
    assert EventRegistration.objects.get(event=event).member == member


def test_the_demos_registration_pages_that_the_layout_checks_visit_are_the_real_ones(page, demo):
    """The confirmation and the person's page, as public_pages() builds their links."""
    pages = public_pages()
    # The demo's master class is full: its form leads to the waitlist.
    buttons = {
        "registration-form": "Записаться в лист ожидания",
        "registration-form-series": "Зарегистрироваться",
        "registration-form-members": "Зарегистрироваться",
    }
    for name, button in buttons.items():
        assert page.goto(pages[name]).status == 200, name
        expect(page.get_by_role("button", name=button)).to_be_visible()
    expect(page.get_by_label("Номер в реестре")).to_be_visible()

    assert page.goto(pages["registration-done"]).status == 200
    expect(page.get_by_role("status")).to_contain_text("вы в листе ожидания, ваш номер — 1")

    assert page.goto(pages["registration-manage"]).status == 200
    expect(page.get_by_role("main")).to_contain_text("Подтверждена")
    expect(page.get_by_role("button", name="Отменить мою регистрацию")).to_be_visible()
