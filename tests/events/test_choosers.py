"""An event's hosts and cases are picked with choosers that scale to a large registry."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from caseclub_wagtail.models import EventHost, EventPage
from tests.factories import (
    MemberFactory,
    event_form_data,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
    wall,
)
from tests.support.api_reading import get_json
from tests.support.event_admin import edit_url
from tests.support.queries import count_queries
from tests.support.translation import in_russian


@pytest.fixture
def index(db):
    return make_event_index()


@pytest.fixture
def library(db):
    return make_case_library()


def reload(event) -> EventPage:
    return EventPage.objects.get(pk=event.pk)


def chosen_in_form(response, relation: str, field: str) -> list[str]:
    """The ids the edit form's chooser rows hold, in the order shown."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = soup.select(f"input[name^='{relation}-'][name$='-{field}']")
    return [row["value"] for row in rows if "__prefix__" not in row["name"]]


def test_the_edit_view_does_not_grow_with_the_registry_and_the_library(
    admin_client, index, library
):
    hosts = [MemberFactory(name="Ведущая Анна"), MemberFactory(name="Ведущий Борис")]
    cases = [make_case(library, "Обсуждённый кейс 1"), make_case(library, "Обсуждённый кейс 2")]
    event = make_event(index, "Заседание", wall(7), hosts=hosts, cases=cases)
    url = edit_url(event)

    def measure():
        queries, html = count_queries(admin_client, url)
        return queries, len(html), html

    small_queries, small_size, _html = measure()
    others = [MemberFactory(name=f"Другой член {n}") for n in range(40)]
    other_cases = [make_case(library, f"Другой кейс {n}") for n in range(25)]
    large_queries, large_size, html = measure()

    assert large_queries == small_queries
    # The page holds the chosen ones only; the rest is in the choosers' modals.
    assert abs(large_size - small_size) < 2_000
    assert "Ведущая Анна" in html and "Обсуждённый кейс 2" in html
    assert not any(member.name in html for member in others)
    assert not any(case.title in html for case in other_cases)


def test_saving_keeps_the_chosen_hosts_and_cases_in_order(admin_client, index, library, client):
    first, second, third = (
        MemberFactory(name=name, public_profile=True) for name in ("Анна", "Борис", "Вера")
    )
    heating, roof = make_case(library, "Отопление"), make_case(library, "Кровля")
    event = make_event(index, "Заседание клуба", wall(7), slug="zasedanie")
    data = event_form_data(
        start=wall(7).strftime("%Y-%m-%d %H:%M"),
        end=wall(7, 20).strftime("%Y-%m-%d %H:%M"),
        time_zone="Europe/Volgograd",
        hosts=[third, first, second],
        cases=[roof, heating],
    )

    response = admin_client.post(edit_url(event), data)

    assert response.status_code == 302
    event = reload(event)
    assert list(event.hosts.all()) == [third, first, second]
    assert list(event.related_cases.all()) == [roof, heating]
    form = admin_client.get(edit_url(event))
    hosts = [str(member.pk) for member in (third, first, second)]
    assert chosen_in_form(form, "host_links", "member") == hosts
    assert chosen_in_form(form, "case_links", "case") == [str(roof.pk), str(heating.pk)]
    # What visitors read: the hosts in the editor's order, the cases discussed.
    page = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert [li.get_text(strip=True) for li in page.select(".caseclub-hosts li")] == [
        "Вера",
        "Анна",
        "Борис",
    ]
    detail = get_json(client, f"events/{event.pk}/")
    assert [host["name"] for host in detail["hosts"]] == ["Вера", "Анна", "Борис"]
    assert {case["title"] for case in detail["related_cases"]} == {"Кровля", "Отопление"}
    listed = get_json(client, "events/")["items"]
    assert [host["name"] for host in listed[0]["hosts"]] == ["Вера", "Анна", "Борис"]


def test_a_member_chosen_twice_is_refused_on_the_second_row(admin_client, index):
    member = MemberFactory(name="Анна")
    event = make_event(index, "Заседание клуба", wall(7), slug="zasedanie")
    data = event_form_data(hosts=[member, member])

    response = admin_client.post(edit_url(event), data)

    assert response.status_code == 200
    rows = response.context["form"].formsets["host_links"].forms
    assert [list(row.errors.get("member", [])) for row in rows] == [
        [],
        [in_russian("“%(chosen)s” is already chosen above.", chosen="Анна")],
    ]
    assert not EventHost.objects.exists()


def test_draft_cases_are_not_shown_to_visitors(client, index, library):
    shown = make_case(library, "Опубликованный кейс")
    draft = make_case(library, "Черновик кейса", live=False)
    event = make_event(index, "Заседание", wall(7), cases=[draft, shown])

    html = client.get(event.url).content.decode()
    detail = get_json(client, f"events/{event.pk}/")
    v2 = client.get(f"/api/v2/pages/{event.pk}/").json()

    assert "Опубликованный кейс" in html and "Черновик кейса" not in html
    assert [case["title"] for case in detail["related_cases"]] == ["Опубликованный кейс"]
    assert [case["title"] for case in v2["related_cases"]] == ["Опубликованный кейс"]


def test_a_host_of_many_events_is_listed_once_on_each(client, index):
    lead, other = MemberFactory(public_profile=True), MemberFactory(public_profile=True)
    make_event(index, "Первое", wall(3), hosts=[other, lead])
    make_event(index, "Второе", wall(4), hosts=[lead, other])

    items = get_json(client, "events/")["items"]

    assert [[host["name"] for host in item["hosts"]] for item in items] == [
        [other.name, lead.name],
        [lead.name, other.name],
    ]
    assert list(lead.hosted_events.order_by("start")) == list(
        EventPage.objects.order_by("start")
    )


def test_code_changes_the_hosts_as_it_did_before_the_choosers(index):
    first, second, third = MemberFactory(), MemberFactory(), MemberFactory()
    event = EventPage(title="Новое", slug="novoe", start=timezone.now(), end=timezone.now())

    event.hosts = [second, first]
    assert list(event.hosts.all()) == [second, first]  # not saved yet
    event.hosts.add(first, third)
    event.hosts.remove(second)
    index.add_child(instance=event)

    assert list(reload(event).hosts.all()) == [first, third]
    assert EventPage.objects.filter(hosts=third).get() == event


def old_revision(event, hosts, cases):
    """A revision saved before the choosers: the relations as lists of ids."""
    revision = event.save_revision()
    content = dict(revision.content)
    content.pop("host_links")
    content.pop("case_links")
    content["hosts"] = [member.pk for member in hosts]
    content["related_cases"] = [case.pk for case in cases]
    revision.content = content
    revision.save()
    return revision


def test_an_old_revision_opens_compares_and_reverts(admin_client, index, library):
    before = MemberFactory(name="Прежний ведущий", public_profile=True)
    after = MemberFactory(name="Новый ведущий", public_profile=True)
    case = make_case(library, "Прежний кейс")
    event = make_event(index, "Заседание", wall(7), slug="zasedanie")
    revision = old_revision(EventPage.objects.get(pk=event.pk), [before], [case])
    event = reload(event)
    event.hosts = [after]
    event.save_revision().publish()
    base = f"/admin/pages/{event.pk}/revisions"

    shown = admin_client.get(f"{base}/{revision.pk}/view/")
    compared = admin_client.get(f"{base}/compare/{revision.pk}...live/")
    reverted = admin_client.get(f"{base}/{revision.pk}/revert/")

    assert shown.status_code == 200
    assert "Прежний ведущий" in shown.content.decode()
    assert compared.status_code == 200
    assert "Прежний ведущий" in compared.content.decode()
    assert reverted.status_code == 200
    assert chosen_in_form(reverted, "host_links", "member") == [str(before.pk)]
    assert chosen_in_form(reverted, "case_links", "case") == [str(case.pk)]
