"""The coordinators' inbox of membership applications: listing, filters, exports, actions."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.test import Client
from django.utils import timezone

from caseclub_wagtail.models import Member, MembershipApplication, OutgoingEmail
from tests.factories import ApplicationFactory, MemberFactory, TopicFactory, admin_user
from tests.support.queries import count_queries, refresh_planner_statistics

pytestmark = pytest.mark.clock

INBOX_URL = "/admin/caseclub_wagtail/membershipapplication/"
COORDINATOR = ("view_membershipapplication", "change_membershipapplication", "add_member")


def action_url(action, application):
    return f"{INBOX_URL}{action}/{application.pk}/"


def listed(response):
    return sorted(entry.name for entry in response.context["object_list"])


def shown_messages(response, level):
    return [str(m).strip() for m in response.context["messages"] if m.level == level]


def user_client(*codenames, username="coord"):
    client = Client()
    client.force_login(admin_user(*codenames, username=username))
    return client


@pytest.fixture
def coordinator(db):
    return user_client(*COORDINATOR)


@pytest.fixture
def applications(db):
    """Four applications: one from an active member's address, one decided, one old."""
    MemberFactory(email="Member@Example.org")
    MemberFactory(
        email="former@example.org",
        status="terminated",
        terminated_on="2026-01-01",
        termination_ground="voluntary",
    )
    days_ago = timezone.now() - datetime.timedelta(days=20)
    return {
        "anna": ApplicationFactory(name="Анна", municipality="Волгоград", category="hoa"),
        "boris": ApplicationFactory(name="Борис", email="member@example.org"),
        "vera": ApplicationFactory(name="Вера", email="former@example.org", status="declined"),
        "gleb": ApplicationFactory(name="Глеб", category="mentor", created_at=days_ago),
    }


def test_listing_shows_each_application_and_flags_an_active_members_address(
    admin_client, applications
):
    response = admin_client.get(INBOX_URL)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    rows = {tr.select_one("td").get_text(strip=True): tr for tr in page.select("tbody tr")}
    flagged = [name for name, row in rows.items() if "Уже член клуба" in row.get_text()]
    assert [name[:5] for name in flagged] == ["Борис"]
    assert "тсж / тсн" in rows_text(rows, "Анна")


def rows_text(rows, name):
    return next(row.get_text() for key, row in rows.items() if key.startswith(name)).lower()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "new"}, ["Анна", "Борис", "Глеб"]),
        ({"status": "declined"}, ["Вера"]),
        ({"municipality": "Волгоград"}, ["Анна"]),
        ({"category": "mentor"}, ["Глеб"]),
        ({"received": "week"}, ["Анна", "Борис", "Вера"]),
        ({"received": "month"}, ["Анна", "Борис", "Вера", "Глеб"]),
        ({"already_member": "yes"}, ["Борис"]),
        ({"already_member": "no"}, ["Анна", "Вера", "Глеб"]),
        ({"q": "member@example"}, ["Борис"]),
    ],
)
def test_filters_and_search_narrow_the_list(admin_client, applications, query, expected):
    response = admin_client.get(INBOX_URL, query)

    assert response.status_code == 200
    assert listed(response) == expected


def test_the_member_an_admission_made_does_not_flag_its_own_application(admin_client, db):
    application = ApplicationFactory(name="Анна", email="anna@example.org")
    admin_client.post(action_url("admit", application))

    response = admin_client.get(INBOX_URL, {"already_member": "yes"})

    assert listed(response) == []
    # A second application from the new member's address is flagged.
    ApplicationFactory(name="Анна снова", email="ANNA@example.org")
    assert listed(admin_client.get(INBOX_URL, {"already_member": "yes"})) == ["Анна снова"]


def test_an_anonymised_application_matches_no_member_without_an_address(admin_client, db):
    MemberFactory(email="")
    ApplicationFactory(name="", email="", status="declined")

    assert listed(admin_client.get(INBOX_URL, {"already_member": "yes"})) == []


@pytest.mark.parametrize(
    "query",
    [
        {"status": "accepted"},
        {"category": "alien"},
        {"received": "century"},
        {"already_member": "maybe"},
        {"municipality": " "},
        {"email__contains": "a"},
    ],
)
def test_a_bad_filter_is_a_400_with_a_message(admin_client, applications, query):
    response = admin_client.get(INBOX_URL, query)

    assert response.status_code == 400
    assert "не может принять" in response.content.decode()


def test_the_csv_export_lists_the_applications_with_their_flag(admin_client, applications):
    topic = TopicFactory(name="Отопление")
    applications["boris"].expertise.set([topic])

    response = admin_client.get(INBOX_URL, {"status": "new", "export": "csv"})

    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    heading = rows[0]
    assert heading[:4] == ["Получено", "Статус", "Вид", "Наименование"]
    boris = next(row for row in rows[1:] if row[3] == "Борис")
    assert boris[heading.index("Компетенции")] == "Отопление"
    assert boris[heading.index("Уже член клуба")] == "Уже член клуба"
    assert boris[heading.index("Электронная почта")] == "member@example.org"
    assert len(rows) == 4


def test_the_xlsx_export_holds_the_same_rows(admin_client, applications):
    response = admin_client.get(INBOX_URL, {"status": "declined", "export": "xlsx"})

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert [row[3] for row in rows[1:]] == ["Вера"]


def test_the_inspect_view_shows_the_whole_application(admin_client, applications):
    topic = TopicFactory(name="Капремонт")
    applications["anna"].expertise.set([topic])

    response = admin_client.get(action_url("inspect", applications["anna"]))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Председатель совета дома." in text
    assert applications["anna"].email in text
    assert "Капремонт" in text


def test_listing_queries_do_not_grow_with_the_rows(coordinator, db):
    topic = TopicFactory()
    MemberFactory(email="applicant0@example.org")
    ApplicationFactory(expertise=[topic])
    small, _ = count_queries(coordinator, INBOX_URL)
    for _n in range(40):
        ApplicationFactory(expertise=[topic])
    refresh_planner_statistics()
    large, html = count_queries(coordinator, INBOX_URL)

    assert small == large
    assert html.count("Уже член клуба") >= 2  # the column's heading and the one flagged row


def test_a_coordinator_admits_an_application_after_confirming(coordinator, applications):
    highest = Member.objects.order_by("-registry_number").first().registry_number
    anna = applications["anna"]
    url = action_url("admit", anna) + "?next=%3Fstatus%3Dnew"

    confirm = coordinator.get(url)
    assert confirm.status_code == 200
    assert MembershipApplication.objects.get(pk=anna.pk).status == "new"

    response = coordinator.post(url, {"next": "?status=new"}, follow=True)

    assert response.redirect_chain[-1][0] == INBOX_URL + "?status=new"
    member = Member.objects.get(applications=anna)
    assert member.registry_number == highest + 1
    [success] = shown_messages(response, messages.SUCCESS)
    assert str(member.registry_number) in success
    [letter] = OutgoingEmail.objects.filter(recipient=anna.email)
    assert str(member.registry_number) in letter.subject


def test_a_coordinator_declines_with_a_reason(coordinator, applications):
    anna = applications["anna"]

    empty = coordinator.post(action_url("decline", anna), {"reason": "  "})
    assert empty.status_code == 400
    assert empty.context["form"].errors["reason"]

    response = coordinator.post(
        action_url("decline", anna), {"reason": "Нет в регионе"}, follow=True
    )

    anna.refresh_from_db()
    assert anna.status == "declined"
    assert anna.reason == "Нет в регионе"
    assert shown_messages(response, messages.SUCCESS)
    assert "Нет в регионе" in OutgoingEmail.objects.get(recipient=anna.email).body


@pytest.mark.parametrize("action", ["admit", "decline"])
def test_a_decided_application_is_refused_with_a_message(coordinator, applications, action):
    vera = applications["vera"]

    page = coordinator.get(action_url(action, vera))
    response = coordinator.post(action_url(action, vera), {"reason": "Ещё раз"}, follow=True)

    assert page.status_code == 200
    assert "Принять или отклонить можно только новое заявление." in page.content.decode()
    [error] = shown_messages(response, messages.ERROR)
    assert "Вера" in error
    assert not Member.objects.filter(applications=vera).exists()


@pytest.mark.parametrize(
    ("codenames", "action"),
    [
        (("view_membershipapplication",), "admit"),
        (("view_membershipapplication",), "decline"),
        (("view_membershipapplication", "change_membershipapplication"), "admit"),
        (("change_membershipapplication", "add_member"), "admit"),
    ],
)
def test_acting_needs_the_permissions(applications, codenames, action):
    client = user_client(*codenames, username="viewer")
    anna = applications["anna"]

    response = client.post(action_url(action, anna), {"reason": "Причина"})

    # Wagtail sends a signed-in user without the permission to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    anna.refresh_from_db()
    assert anna.status == "new"


def test_the_actions_refuse_an_address_that_is_no_application(coordinator, db):
    assert coordinator.get(f"{INBOX_URL}admit/nine/").status_code == 404
    assert coordinator.get(f"{INBOX_URL}decline/999999/").status_code == 404


def test_a_new_application_offers_admit_and_decline_in_its_row(coordinator, applications):
    page = BeautifulSoup(coordinator.get(INBOX_URL).content, "html.parser")

    links = [a["href"] for a in page.select("tbody a")]
    assert action_url("admit", applications["anna"]) in links
    assert action_url("decline", applications["anna"]) in links
    assert not any(f"/{applications['vera'].pk}/" in link and "admit" in link for link in links)
