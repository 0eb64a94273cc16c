"""The coordinators' inbox of registrations in the Wagtail admin."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.test import Client, RequestFactory
from django.utils import translation
from wagtail.admin.menu import admin_menu

from caseclub_wagtail.models import EventRegistration
from tests.factories import (
    MemberFactory,
    admin_user,
    make_event,
    make_event_index,
    registration,
)
from tests.support.queries import count_queries, refresh_planner_statistics

INBOX_URL = "/admin/caseclub_wagtail/eventregistration/"
ACTIONS_URL = INBOX_URL + "actions/"
DECEMBER_3 = datetime.date(2026, 12, 3)
DECEMBER_10 = datetime.date(2026, 12, 10)


def cancel_url(entry):
    return f"{INBOX_URL}cancel/{entry.pk}/"


def inspect_url(entry):
    return f"{INBOX_URL}inspect/{entry.pk}/"


def listed(response):
    return [entry.name for entry in response.context["object_list"]]


def shown_messages(response, level):
    return [str(m).strip() for m in response.context["messages"] if m.level == level]


def csv_rows(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def meeting(db):
    index = make_event_index()
    return make_event(
        index,
        "Заседание клуба",
        datetime.datetime(2026, 12, 3, 18, 0),
        repeat="weekly",
        repeat_count=4,
    )


@pytest.fixture
def seminar(meeting):
    return make_event(
        meeting.get_parent().specific, "Семинар по тарифам", datetime.datetime(2026, 12, 5, 11)
    )


@pytest.fixture
def registrations(meeting, seminar):
    """Four people for two dates of the meeting, one for the seminar."""
    return {
        "anna": registration(
            meeting, DECEMBER_3, name="Иванова Анна", email="anna@example.org", phone="+7 900"
        ),
        "boris": registration(
            meeting,
            DECEMBER_3,
            name="Борисов Борис",
            email="boris@example.org",
            status="waitlisted",
        ),
        "vera": registration(meeting, DECEMBER_10, name="Верина Вера", email="vera@example.org"),
        "gleb": registration(
            meeting, DECEMBER_10, name="Глебов Глеб", email="gleb@example.org", status="cancelled"
        ),
        "dina": registration(seminar, name="Динова Дина", email="dina@tsj.example"),
    }


@pytest.fixture
def coordinator(db):
    """A client of a user who may see and work the inbox (view and change)."""
    client = Client()
    client.force_login(
        admin_user("view_eventregistration", "change_eventregistration", username="coord")
    )
    return client


def test_the_inbox_is_in_the_case_club_menu(admin_client):
    request = RequestFactory().get("/admin/")
    request.user = admin_client.get("/admin/").wsgi_request.user
    with translation.override("ru"):
        items = {str(item.label): item for item in admin_menu.menu_items_for_request(request)}
        group = items["Кейс-клуб"].menu.menu_items_for_request(request)
        submenu = [str(item.label) for item in sorted(group, key=lambda item: item.order)]

    assert submenu == [
        "Реестр членов",
        "Темы",
        "Записи на мероприятия",
        "Обращения",
        "Заявления о вступлении",
        "Предложения",
        "Исходящие письма",
    ]
    # Not at the top level, where wagtail-modeladmin would put them by itself.
    assert "Записи на мероприятия" not in items


def test_listing_shows_every_registration_with_its_event_date_and_status(
    admin_client, registrations
):
    response = admin_client.get(INBOX_URL)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    row = next(tr for tr in page.select("tbody tr") if "Борисов Борис" in tr.text)
    assert "Заседание клуба" in row.text
    assert "3 декабря 2026" in row.text
    assert "в листе ожидания" in row.text
    assert len(listed(response)) == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"date": "2026-12-03"}, ["Иванова Анна", "Борисов Борис"]),
        ({"status": "waitlisted"}, ["Борисов Борис"]),
        ({"status": "confirmed", "date": "2026-12-10"}, ["Верина Вера"]),
        ({"q": "Глебов"}, ["Глебов Глеб"]),
        ({"q": "tsj.example"}, ["Динова Дина"]),
    ],
)
def test_filters_and_search_narrow_the_list(admin_client, registrations, query, expected):
    response = admin_client.get(INBOX_URL, query)

    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(expected)


def test_the_event_filter_offers_only_that_events_dates(admin_client, registrations, seminar):
    everything = admin_client.get(INBOX_URL)
    seminar_only = admin_client.get(INBOX_URL, {"event": seminar.pk})

    def offered_dates(response):
        page = BeautifulSoup(response.content, "html.parser")
        return [a["href"] for a in page.select(".changelist-filter a") if "date=" in a["href"]]

    assert listed(seminar_only) == ["Динова Дина"]
    assert len(offered_dates(everything)) == 3
    assert offered_dates(seminar_only) == [f"?date=2026-12-05&event={seminar.pk}"]


def test_without_an_event_the_date_filter_offers_the_latest_dates(admin_client, meeting, seminar):
    # A registry of years has thousands of dates: without an event, only the latest 60.
    first = datetime.date(2026, 1, 1)
    EventRegistration.objects.bulk_create(
        EventRegistration(
            event=seminar,
            date=first + datetime.timedelta(days=n),
            name=f"Гость {n}",
            email=f"g{n}@example.org",
        )
        for n in range(61)
    )

    def offered_dates(response):
        page = BeautifulSoup(response.content, "html.parser")
        return [a["href"] for a in page.select(".changelist-filter a") if "date=" in a["href"]]

    everything = offered_dates(admin_client.get(INBOX_URL))
    seminar_only = offered_dates(admin_client.get(INBOX_URL, {"event": seminar.pk}))

    assert len(everything) == 60
    assert everything[0] == "?date=2026-03-02" and "?date=2026-01-01" not in everything
    assert len(seminar_only) == 61


@pytest.mark.parametrize(
    "query",
    [
        {"date": "2026-13-45"},
        {"event": "заседание"},
        {"status": "lost"},
        # Any other lookup is refused: a registration's secret is no filter.
        {"secret__startswith": "a"},
        {"email__regex": ".*"},
    ],
)
def test_a_bad_filter_is_a_400_with_a_message(admin_client, registrations, query):
    response = admin_client.get(INBOX_URL, query)

    assert response.status_code == 400
    assert "не может принять" in response.content.decode()


def test_the_csv_export_is_the_attendance_list_of_the_chosen_date(admin_client, registrations):
    response = admin_client.get(INBOX_URL, {"date": "2026-12-03", "export": "csv"})

    rows = csv_rows(response)
    assert rows[0][:7] == [
        "Мероприятие",
        "Дата",
        "Имя",
        "Организация",
        "Электронная почта",
        "Телефон",
        "Статус",
    ]
    people = {row[2]: row for row in rows[1:]}
    assert sorted(people) == ["Борисов Борис", "Иванова Анна"]
    assert people["Иванова Анна"][:7] == [
        "Заседание клуба",
        "2026-12-03",
        "Иванова Анна",
        "ТСЖ «Солнечный»",
        "anna@example.org",
        "+7 900",
        "подтверждена",
    ]


def test_the_xlsx_export_holds_the_same_rows(admin_client, registrations):
    response = admin_client.get(INBOX_URL, {"date": "2026-12-10", "export": "xlsx"})

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][2] == "Имя"
    assert sorted(row[2] for row in rows[1:]) == ["Верина Вера", "Глебов Глеб"]


def test_listing_queries_do_not_grow_with_the_rows(coordinator, meeting):
    small, _ = count_queries(coordinator, INBOX_URL)
    EventRegistration.objects.bulk_create(
        EventRegistration(event=meeting, date=DECEMBER_3, name=f"Н {n}", email=f"n{n}@ex.org")
        for n in range(10)
    )
    ten, _ = count_queries(coordinator, INBOX_URL)
    EventRegistration.objects.bulk_create(
        EventRegistration(event=meeting, date=DECEMBER_10, name=f"Т {n}", email=f"t{n}@ex.org")
        for n in range(990)
    )
    refresh_planner_statistics()
    thousand, _ = count_queries(coordinator, INBOX_URL)

    assert ten == thousand


@pytest.mark.parametrize(
    "codenames",
    [(), ("change_eventregistration",), ("view_member",)],
)
def test_without_the_view_permission_nobody_sees_registrations(registrations, codenames):
    client = Client()
    client.force_login(admin_user(*codenames))
    anna = registrations["anna"]

    for url in (INBOX_URL, INBOX_URL + "?export=csv", inspect_url(anna), cancel_url(anna)):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), url
        assert b"anna@example.org" not in response.content


def test_the_inspect_view_shows_the_registrations_details(coordinator, registrations):
    response = coordinator.get(inspect_url(registrations["anna"]))

    assert response.status_code == 200
    text = response.content.decode()
    assert "anna@example.org" in text
    assert "+7 900" in text
    assert registrations["anna"].secret not in text


@pytest.mark.parametrize("pk", ["abc", "999999"])
def test_an_unknown_registration_is_a_404(coordinator, registrations, pk):
    assert coordinator.get(f"{INBOX_URL}inspect/{pk}/").status_code == 404
    assert coordinator.get(f"{INBOX_URL}cancel/{pk}/").status_code == 404
    assert coordinator.post(ACTIONS_URL, {"attended": pk}).status_code == 404


def test_nobody_adds_edits_or_deletes_registrations_here(admin_client, registrations):
    anna = registrations["anna"]
    for url in (
        f"{INBOX_URL}create/",
        f"{INBOX_URL}edit/{anna.pk}/",
        f"{INBOX_URL}delete/{anna.pk}/",
    ):
        assert admin_client.get(url).status_code == 404, url


def test_a_coordinator_marks_attendance_from_the_filtered_list(coordinator, registrations):
    anna, vera = registrations["anna"], registrations["vera"]

    response = coordinator.post(
        ACTIONS_URL, {"attended": anna.pk, "next": "?date=2026-12-03"}, follow=True
    )
    coordinator.post(ACTIONS_URL, {"no_show": vera.pk})

    assert response.redirect_chain[-1][0] == INBOX_URL + "?date=2026-12-03"
    assert shown_messages(response, messages.SUCCESS) == [f"{anna}: пришёл(-ла)."]
    anna.refresh_from_db()
    vera.refresh_from_db()
    assert (anna.status, vera.status) == ("attended", "no_show")


def test_a_mark_is_corrected_but_never_given_to_one_without_a_seat(coordinator, registrations):
    anna, boris = registrations["anna"], registrations["boris"]
    anna.status = "no_show"
    anna.save()

    coordinator.post(ACTIONS_URL, {"attended": anna.pk})
    response = coordinator.post(ACTIONS_URL, {"attended": boris.pk}, follow=True)

    anna.refresh_from_db()
    boris.refresh_from_db()
    assert anna.status == "attended"
    assert boris.status == "waitlisted"
    assert "не занимал(а) места" in shown_messages(response, messages.ERROR)[0]


def test_rows_offer_the_actions_that_apply_to_them(coordinator, registrations):
    page = BeautifulSoup(coordinator.get(INBOX_URL).content, "html.parser")

    def row(name):
        return next(tr for tr in page.select("tbody tr") if name in tr.text)

    def buttons(name):
        return sorted(b["name"] for b in row(name).select("button[form]"))

    assert buttons("Иванова Анна") == ["attended", "no_show"]
    assert buttons("Борисов Борис") == []  # on the waitlist: no seat to mark
    assert row("Иванова Анна").find("a", href=cancel_url(registrations["anna"]))
    assert not row("Глебов Глеб").find("a", href=cancel_url(registrations["gleb"]))
    form = page.select_one("form#caseclub-inbox-actions")
    assert form["action"] == ACTIONS_URL
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_who_may_only_view_gets_no_actions(registrations):
    client = Client()
    client.force_login(admin_user("view_eventregistration"))
    anna = registrations["anna"]

    page = BeautifulSoup(client.get(INBOX_URL).content, "html.parser")
    refused = client.post(ACTIONS_URL, {"attended": anna.pk})

    assert page.select("button[form]") == []
    assert not page.find("a", href=cancel_url(anna))
    assert (refused.status_code, refused.get("Location")) == (302, "/admin/")
    anna.refresh_from_db()
    assert anna.status == "confirmed"


def test_a_coordinator_cancels_with_a_message(coordinator, registrations):
    anna = registrations["anna"]
    form = coordinator.get(cancel_url(anna))

    response = coordinator.post(
        cancel_url(anna),
        {"message": "Заседание переносится, извините.", "next": "?date=2026-12-03"},
    )

    assert form.status_code == 200
    assert 'name="message"' in form.content.decode()
    assert response.status_code == 302
    assert response["Location"] == INBOX_URL + "?date=2026-12-03"
    anna.refresh_from_db()
    assert anna.status == "cancelled"
    assert anna.message == "Заседание переносится, извините."
    assert anna.cancelled_at is not None


def test_cancelling_asks_for_the_message(coordinator, registrations):
    anna = registrations["anna"]

    response = coordinator.post(cancel_url(anna), {"message": "  "})

    assert response.status_code == 400
    assert response.context["form"].errors["message"] == ["Требуется заполнить это поле."]
    anna.refresh_from_db()
    assert anna.status == "confirmed"


def test_a_cancelled_registration_cannot_be_cancelled_again(coordinator, registrations):
    gleb = registrations["gleb"]

    form = coordinator.get(cancel_url(gleb))
    response = coordinator.post(cancel_url(gleb), {"message": "Ещё раз"}, follow=True)

    assert 'name="message"' not in form.content.decode()
    assert shown_messages(response, messages.ERROR)
    gleb.refresh_from_db()
    assert gleb.message == ""


def test_a_members_registry_entry_counts_their_attendance(admin_client, meeting):
    member = MemberFactory()
    for status, day in [("attended", 0), ("attended", 7), ("no_show", 14), ("confirmed", 21)]:
        registration(
            meeting, DECEMBER_3 + datetime.timedelta(days=day), member=member, status=status
        )
    registration(meeting, DECEMBER_3, member=member, status="cancelled", email="x@example.org")

    response = admin_client.get(f"/admin/snippets/caseclub_wagtail/member/inspect/{member.pk}/")

    fields = {str(field["label"]): field["value"] for field in response.context["fields"]}
    assert fields["Записи на мероприятия"] == 4
    assert fields["Посетил(а)"] == 2
    assert fields["Не пришёл(-ла)"] == 1


def test_the_registry_listing_counts_each_members_attendance(admin_client, meeting):
    member = MemberFactory(name="Активная Участница")
    MemberFactory(name="Новый Участник")
    for status in ("attended", "attended", "no_show"):
        registration(meeting, member=member, status=status)

    page = BeautifulSoup(
        admin_client.get("/admin/snippets/caseclub_wagtail/member/").content, "html.parser"
    )

    def counts(name):
        row = next(tr for tr in page.select("tbody tr") if name in tr.text)
        return [td.get_text(strip=True) for td in row.find_all("td")][-3:]

    assert counts("Активная Участница") == ["3", "2", "1"]
    assert counts("Новый Участник") == ["0", "0", "0"]
