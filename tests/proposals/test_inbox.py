"""The coordinators' inbox of proposals: filters, search, exports, inspect and the reply."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from caseclub_wagtail.core.outbox_models import OutgoingEmail
from caseclub_wagtail.models import Proposal
from tests.factories import MemberFactory, ProposalFactory, admin_user, make_proposal_page
from tests.support.queries import count_queries, refresh_planner_statistics

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

INBOX_URL = "/admin/caseclub_wagtail/proposal/"


def reply_url(proposal):
    return f"{INBOX_URL}reply/{proposal.pk}/"


def inspect_url(proposal):
    return f"{INBOX_URL}inspect/{proposal.pk}/"


def listed(response):
    assert response.status_code == 200, response.content[:300]
    return sorted(proposal.name for proposal in response.context["object_list"])


def received(days_ago, **fields):
    proposal = ProposalFactory(**fields)
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return proposal


@pytest.fixture
def page(db):
    return make_proposal_page()


@pytest.fixture
def proposals(page):
    member = MemberFactory(registry_number=12, email="anna@example.org")
    return {
        "anna": received(
            0,
            page=page,
            name="Иванова Анна",
            email="anna@example.org",
            member=member,
            registry_number=12,
            title="Выездные заседания",
        ),
        "boris": received(3, page=page, name="Борисов Борис", status="under_review"),
        "vera": received(20, page=page, name="Верина Вера", status="accepted", text="Чаты"),
        "gleb": received(200, page=page, name="Глебов Глеб", status="declined"),
    }


@pytest.fixture
def coordinator(db):
    user = admin_user("view_proposal", "change_proposal", username="coord")
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Борисов Борис", "Верина Вера", "Глебов Глеб", "Иванова Анна"]),
        ({"status": "new"}, ["Иванова Анна"]),
        ({"status": "under_review"}, ["Борисов Борис"]),
        ({"received": "today"}, ["Иванова Анна"]),
        ({"received": "week"}, ["Борисов Борис", "Иванова Анна"]),
        ({"received": "month"}, ["Борисов Борис", "Верина Вера", "Иванова Анна"]),
        ({"member": "yes"}, ["Иванова Анна"]),
        ({"member": "no", "status": "declined"}, ["Глебов Глеб"]),
        # By the address: SQLite folds the case of Latin letters only, not of Russian ones.
        ({"q": "anna@"}, ["Иванова Анна"]),
        ({"q": "Чаты"}, ["Верина Вера"]),
    ],
)
def test_filters_and_search_narrow_the_list(coordinator, proposals, query, expected):
    assert listed(coordinator.get(INBOX_URL, query)) == expected


@pytest.mark.parametrize(
    "query",
    [{"status": "lost"}, {"received": "decade"}, {"member": "maybe"}, {"email__startswith": "a"}],
)
def test_a_bad_filter_is_a_400(coordinator, proposals, query):
    assert coordinator.get(INBOX_URL, query).status_code == 400


def test_the_csv_export_holds_each_proposal_and_its_author(coordinator, proposals):
    response = coordinator.get(INBOX_URL, {"status": "new", "export": "csv"})

    text = b"".join(response.streaming_content).decode("utf-8")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[:4] == ["Получено", "Имя", "Номер в реестре", "Электронная почта"]
    [anna] = rows
    assert anna[1:5] == ["Иванова Анна", "12", "anna@example.org", "Выездные заседания"]
    assert anna[6] == "новое"


def test_the_xlsx_export_holds_the_same_rows(coordinator, proposals):
    response = coordinator.get(INBOX_URL, {"received": "week", "export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert sorted(row[1] for row in rows[1:]) == ["Борисов Борис", "Иванова Анна"]


def test_listing_queries_do_not_grow_with_the_rows(coordinator, page):
    received(0, page=page)
    few, _ = count_queries(coordinator, INBOX_URL)
    Proposal.objects.bulk_create(
        Proposal(page=page, name=f"Н {n}", email=f"n{n}@ex.org", text="Текст") for n in range(300)
    )
    refresh_planner_statistics()
    many, _ = count_queries(coordinator, INBOX_URL)

    assert few == many


def test_the_inspect_view_shows_the_proposal(coordinator, proposals):
    response = coordinator.get(inspect_url(proposals["anna"]))

    assert response.status_code == 200
    assert "anna@example.org" in response.content.decode()


@pytest.mark.parametrize("codenames", [(), ("change_proposal",), ("view_member",)])
def test_without_the_view_permission_nobody_sees_proposals(proposals, codenames):
    client = Client()
    client.force_login(admin_user(*codenames))
    anna = proposals["anna"]

    for url in (INBOX_URL, INBOX_URL + "?export=csv", inspect_url(anna), reply_url(anna)):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), url


def test_one_who_may_only_view_cannot_reply(proposals):
    client = Client()
    client.force_login(admin_user("view_proposal"))

    response = client.post(reply_url(proposals["anna"]), {"status": "accepted", "reply": "Да"})

    assert response.status_code in (302, 403)
    assert Proposal.objects.get(pk=proposals["anna"].pk).status == "new"


def test_a_coordinator_accepts_with_a_reply_and_returns_to_the_filtered_list(
    coordinator, proposals
):
    anna = proposals["anna"]
    form = coordinator.get(reply_url(anna), {"next": "?status=new"})
    assert form.status_code == 200
    html = BeautifulSoup(form.content, "html.parser")
    assert html.select_one("[name=title]")["value"] == "Выездные заседания"

    response = coordinator.post(
        reply_url(anna),
        {
            "status": "accepted",
            "title": "Выезды",
            "reply": "Начнём весной.",
            "next": "?status=new",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == INBOX_URL + "?status=new"
    anna.refresh_from_db()
    assert (anna.status, anna.title, anna.reply) == ("accepted", "Выезды", "Начнём весной.")
    assert anna.replied_by == coordinator.user
    [email] = OutgoingEmail.objects.filter(recipient="anna@example.org")
    assert "Начнём весной." in email.body


def test_the_reply_link_is_offered_to_those_who_may_act(coordinator, proposals):
    html = coordinator.get(INBOX_URL, {"status": "new"}).content.decode()

    assert reply_url(proposals["anna"]) in html


def test_a_bad_status_is_refused_beside_the_field(coordinator, proposals):
    response = coordinator.post(reply_url(proposals["anna"]), {"status": "new", "reply": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["status"]
    assert Proposal.objects.get(pk=proposals["anna"].pk).status == "new"


@pytest.mark.parametrize("pk", ["abc", "999999"])
def test_an_unknown_proposal_is_a_404(coordinator, proposals, pk):
    assert coordinator.get(f"{INBOX_URL}inspect/{pk}/").status_code == 404
    assert coordinator.get(f"{INBOX_URL}reply/{pk}/").status_code == 404
