"""The dashboard's panel: how many new appeals, applications and proposals wait, and where."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from caseclub_wagtail.models import Appeal, MembershipApplication, Proposal
from tests.factories import ProposalFactory, admin_user

pytestmark = pytest.mark.django_db


def add_items(count):
    """``count`` new items in each inbox, and one that is not new."""
    for number in range(count):
        Appeal.objects.create(
            name=f"Житель {number}", address="ул. Мира, 1", description="Течёт крыша"
        )
        MembershipApplication.objects.create(
            name=f"Заявитель {number}", email=f"a{number}@example.org", category="association"
        )
        ProposalFactory()
    Appeal.objects.create(name="Решено", address="ул. Мира, 2", description="—", status="linked")
    ProposalFactory(status="accepted")


def panel(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#caseclub-inboxes-section")


def counts(found) -> dict[str, tuple[str, str]]:
    """Each row of the panel: its label -> (the number shown, where it links)."""
    rows = {}
    for row in found.select("tbody tr"):
        label, number = row.select("td")
        rows[label.get_text(strip=True)] = (number.get_text(strip=True), label.a["href"])
    return rows


def logged_in(*codenames):
    client = Client()
    client.force_login(admin_user(*codenames, username="coord"))
    return client


def test_a_superuser_sees_the_new_items_of_each_inbox_linked_to_them(admin_client):
    add_items(2)

    rows = counts(panel(admin_client))

    assert rows == {
        "Обращения": ("2", "/admin/caseclub_wagtail/appeal/?status=new"),
        "Заявления о вступлении": (
            "2",
            "/admin/caseclub_wagtail/membershipapplication/?status=new",
        ),
        "Предложения": ("2", "/admin/caseclub_wagtail/proposal/?status=new"),
    }


def test_a_user_sees_only_the_inboxes_they_may_view():
    add_items(1)

    rows = counts(panel(logged_in("view_proposal")))

    assert list(rows) == ["Предложения"]


def test_without_any_inbox_there_is_no_panel():
    add_items(1)

    assert panel(logged_in("view_member")) is None


def test_the_panel_runs_the_same_queries_for_few_and_many(admin_client):
    def queries():
        admin_client.get("/admin/")
        with CaptureQueriesContext(connection) as captured:
            admin_client.get("/admin/")
        return len(captured)

    add_items(1)
    few = queries()
    add_items(20)

    assert queries() == few
    assert Proposal.objects.filter(status="new").count() == 21
