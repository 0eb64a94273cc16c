"""The proposal form page: sending a proposal, and the accepted proposals it lists."""

import pytest
from bs4 import BeautifulSoup

from caseclub_wagtail.members.querysets import REGISTRY_MISMATCH
from caseclub_wagtail.models import Proposal
from tests.factories import (
    MemberFactory,
    ProposalFactory,
    make_directory,
    make_proposal_page,
    proposal_data,
)
from tests.support.queries import count_queries
from tests.support.registration_pages import (
    field_errors,
    relax_form_protection,
    submit,
    typed_value,
)
from tests.support.translation import in_russian

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_proposal_page(list_accepted=True)


def listed(response) -> list[BeautifulSoup]:
    html = BeautifulSoup(response.content, "html.parser")
    return html.select(".caseclub-proposal")


def test_a_proposal_is_sent_and_thanked_for(client, page):
    response = submit(client, page.url, proposal_data(title="Протоколы на сайте"))

    assert response.status_code == 303
    proposal = Proposal.objects.get()
    assert (proposal.page, proposal.title, proposal.status) == (page, "Протоколы на сайте", "new")
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert in_russian("Your proposal is received.") in done.content.decode()
    assert "noindex" in done["X-Robots-Tag"]


def test_a_wrong_registry_number_is_said_beside_it_and_the_text_stays(client, page):
    MemberFactory(registry_number=5, email="member@example.org")

    response = submit(client, page.url, proposal_data(registry_number="5"))

    assert response.status_code == 400
    assert field_errors(response, "registry_number") == [in_russian(str(REGISTRY_MISMATCH))]
    assert typed_value(response, "proposal") == proposal_data()["proposal"]
    assert not Proposal.objects.exists()


def test_only_accepted_proposals_are_listed_with_their_reply_never_the_author(client, page):
    ProposalFactory(
        page=page,
        status="accepted",
        title="Выездные заседания",
        reply="Первое — в марте.",
        name="Тайный Автор",
        email="secret@example.org",
    )
    for status in ("new", "under_review", "declined"):
        ProposalFactory(page=page, status=status, title=f"Не для всех {status}")

    response = client.get(page.url)

    [item] = listed(response)
    assert "Выездные заседания" in item.get_text()
    assert "Первое — в марте." in item.get_text()
    content = response.content.decode()
    assert "Тайный Автор" not in content and "secret@example.org" not in content
    assert "Не для всех" not in content


def test_a_public_member_is_named_and_linked_to_their_profile(client, page):
    directory = make_directory()
    public = MemberFactory(name="Иванова Мария", public_profile=True)
    private = MemberFactory(name="Скрытный Пётр", public_profile=False)
    former = MemberFactory(name="Бывшая Ольга", public_profile=True, status="excluded")
    for member in (public, private, former):
        ProposalFactory(page=page, status="accepted", member=member, name=member.name)

    response = client.get(page.url)

    content = response.content.decode()
    assert "Скрытный Пётр" not in content and "Бывшая Ольга" not in content
    link = BeautifulSoup(content, "html.parser").select_one(".caseclub-proposal__author a")
    assert link.get_text() == "Иванова Мария"
    assert link["href"] == directory.profile_url(public)


def test_a_page_that_does_not_list_them_shows_none(client, page):
    page.list_accepted = False
    page.save_revision().publish()
    ProposalFactory(page=page, status="accepted", title="Выездные заседания")

    assert "Выездные заседания" not in client.get(page.url).content.decode()


def test_the_listing_runs_the_same_queries_for_few_and_many(client, page):
    make_directory()

    def add(count):
        for _ in range(count):
            member = MemberFactory(public_profile=True)
            ProposalFactory(page=page, status="accepted", member=member, reply="Да.")

    add(2)
    few, html = count_queries(client, page.url)
    assert len(BeautifulSoup(html, "html.parser").select(".caseclub-proposal")) == 2
    add(15)
    many, html = count_queries(client, page.url)

    assert len(BeautifulSoup(html, "html.parser").select(".caseclub-proposal")) == 17
    assert many == few


def test_too_many_proposals_from_one_address_are_refused_with_a_message(client, page, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "FORM_RATE_LIMIT": "1/h"}
    assert submit(client, page.url, proposal_data()).status_code == 303

    response = submit(client, page.url, proposal_data(email="second@example.org"))

    assert response.status_code == 429
    message = "Too many forms have been sent from your address. Please try again later."
    assert in_russian(message) in response.content.decode()
    assert Proposal.objects.count() == 1
