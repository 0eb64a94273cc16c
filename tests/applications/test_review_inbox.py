"""Review of the applications' inbox: Russian in the inspect view, a refused form kept whole."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.factories import AppealFactory, ApplicationFactory, ProposalFactory, admin_user

pytestmark = pytest.mark.clock
INBOX_URL = "/admin/caseclub_wagtail/membershipapplication/"
BACK = "?status=new&municipality=Волжский"


def inspected(response) -> dict[str, str]:
    page = BeautifulSoup(response.content, "html.parser")
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in page.select("dl dt")
    }


@pytest.mark.parametrize(("consented", "shown"), [(False, "Нет"), (True, "Да")])
def test_the_inspect_view_answers_the_profile_consent_in_russian(admin_client, consented, shown):
    application = ApplicationFactory(public_profile=consented)

    response = admin_client.get(f"{INBOX_URL}inspect/{application.pk}/")

    fields = inspected(response)
    assert fields["Согласие на публикацию профиля"] == shown
    assert "False" not in fields.values() and "True" not in fields.values()


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (INBOX_URL + "decline/{pk}/", {"reason": "  "}),
        ("/admin/caseclub_wagtail/proposal/reply/{pk}/", {"status": "lost"}),
    ],
)
def test_a_refused_decision_is_a_400_that_keeps_the_way_back(admin_client, url, data):
    row = (ProposalFactory if "proposal" in url else ApplicationFactory)()

    response = admin_client.post(url.format(pk=row.pk), {**data, "next": BACK})

    assert response.status_code == 400
    form = BeautifulSoup(response.content, "html.parser").select_one("main form")
    assert form.select_one("input[name=next]")["value"] == BACK


@pytest.mark.parametrize(
    ("model", "codename", "action"),
    [
        ("membershipapplication", "view_membershipapplication", "decline"),
        ("proposal", "view_proposal", "reply"),
        ("appeal", "view_appeal", "accept"),
    ],
)
def test_without_the_permission_no_address_says_whether_a_row_exists(db, model, codename, action):
    rows = {"membershipapplication": ApplicationFactory, "proposal": ProposalFactory}
    existing = rows.get(model, AppealFactory)()
    client = Client()
    client.force_login(admin_user(codename, username="viewer"))
    url = f"/admin/caseclub_wagtail/{model}/{action}/"

    answers = [client.get(f"{url}{pk}/").status_code for pk in (existing.pk, 999999)]

    # Both sent to the dashboard: a 404 for one only would tell which rows exist.
    assert answers == [302, 302]
