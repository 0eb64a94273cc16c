"""Editors pick an event's hosts and cases in choosers that search, on a light and a dark
admin; visitors read them on the event page."""

import re

import pytest
from playwright.sync_api import expect

from caseclub_wagtail.models import CaseStudyPage, EventPage, Member

ADD_HOST = re.compile(r"Добавить ведущ", re.IGNORECASE)
ADD_CASE = re.compile(r"Добавить кейс", re.IGNORECASE)
CONFIRM = "Подтверждение выбора"


def choose(page, button, search: str, objects):
    """Open a chooser panel's modal, search, tick ``objects`` and confirm."""
    page.get_by_role("button", name=button).click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    # Ticked only once the search's results are in: they replace the list.
    with page.expect_response(lambda response: "q=" in response.url and "choose" in response.url):
        modal.get_by_role("textbox").first.fill(search)
    for obj in objects:
        box = modal.locator(f"#chooser-modal-select-{obj.pk}")
        box.check()
        expect(box).to_be_checked()
    expect(modal.get_by_role("button", name=CONFIRM)).to_be_enabled()
    modal.get_by_role("button", name=CONFIRM).click()
    expect(modal).to_be_hidden()


def publish(page):
    page.get_by_role("button", name="Больше действий").click()
    page.get_by_role("button", name="Опубликовать", exact=True).click()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_editor_chooses_hosts_and_cases_and_visitors_see_them(editor_page, theme):
    page = editor_page
    page.emulate_media(color_scheme=theme)
    event = EventPage.objects.get(slug="club-meeting")
    hosts = list(Member.objects.public().filter(name__contains="Андреевич")[:1]) + list(
        Member.objects.public().filter(name__contains="Юрьевна")[:1]
    )
    assert len(hosts) == 2
    case = CaseStudyPage.objects.live().get(slug="waste-not-collected")
    before = list(event.hosts.all())

    page.goto(f"/admin/pages/{event.pk}/edit/")
    choose(page, ADD_HOST, "Андреевич", hosts[:1])
    choose(page, ADD_HOST, "Юрьевна", hosts[1:])
    choose(page, ADD_CASE, "мусор", [case])
    publish(page)
    expect(page.locator(".messages")).to_contain_text(re.compile("опубликован", re.IGNORECASE))

    event = EventPage.objects.get(pk=event.pk)
    chosen = [host for host in hosts if host not in before]
    assert list(event.hosts.all()) == [*before, *chosen]
    assert case in event.related_cases.all()

    page.goto(event.url)
    named = page.locator(".caseclub-hosts li")
    expect(named).to_have_text([host.name for host in event.hosts.all() if host.is_public])
    discussed = page.get_by_role("region", name="Обсуждавшиеся кейсы")
    expect(discussed.get_by_role("link", name=case.title)).to_be_visible()
