"""The proposal form on its own, and what saving and replying to a proposal do."""

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone
from wagtail.models import Site

from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.core.outbox_models import OutgoingEmail
from caseclub_wagtail.members.querysets import REGISTRY_MISMATCH
from caseclub_wagtail.models import Proposal
from caseclub_wagtail.proposals import service
from caseclub_wagtail.proposals.forms import ProposalForm
from tests.factories import (
    MemberFactory,
    ProposalFactory,
    admin_user,
    make_proposal_page,
    proposal_data,
)
from tests.support.mail import FAILING_BACKEND
from tests.support.registration_pages import protection_fields, relax_form_protection
from tests.support.translation import in_russian

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_proposal_page()


def bound_form(page, **fields):
    request = RequestFactory().post("/")
    blank = ProposalForm(request=request, page=page)
    data = {**protection_fields(blank), **proposal_data(**fields)}
    return ProposalForm(data, request=request, page=page)


def submitted(page, **fields) -> Proposal:
    form = bound_form(page, **fields)
    assert form.is_valid(), form.errors
    return service.submit_proposal(form, page=page, request=form.request)


def mail_to(address) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(recipient=address).order_by("pk"))


def test_a_proposal_without_a_number_is_saved_as_from_no_member(page):
    proposal = submitted(page)

    assert proposal.status == "new"
    assert proposal.member is None and proposal.registry_number is None
    assert proposal.text.startswith("Публиковать протоколы")
    assert proposal.consented_at == timezone.now()


def test_a_matching_number_and_address_link_the_member(page):
    member = MemberFactory(registry_number=17, email="Igor.Sokolov@example.org")

    proposal = submitted(page, registry_number="17")

    assert proposal.member == member
    assert proposal.registry_number == 17


@pytest.mark.parametrize(
    ("number", "email"),
    [("18", "igor.sokolov@example.org"), ("17", "other@example.org")],
)
def test_a_number_that_does_not_match_is_refused_beside_the_field(page, number, email):
    MemberFactory(registry_number=17, email="igor.sokolov@example.org")
    form = bound_form(page, registry_number=number, email=email)

    assert not form.is_valid()
    assert form.errors["registry_number"] == [in_russian(str(REGISTRY_MISMATCH))]


def test_a_former_member_is_no_member(page):
    MemberFactory(registry_number=17, email="igor.sokolov@example.org", status="excluded")
    form = bound_form(page, registry_number="17")

    assert form.errors["registry_number"] == [in_russian(str(REGISTRY_MISMATCH))]


@pytest.mark.parametrize("number", ["abc", "-3", "0", "12345678901"])
def test_a_number_that_is_no_number_is_refused(page, number):
    form = bound_form(page, registry_number=number)

    assert not form.is_valid()
    assert list(form.errors) == ["registry_number"]


@pytest.mark.parametrize("missing", ["name", "email", "proposal", "consent"])
def test_each_required_field_is_asked_for(page, missing):
    form = bound_form(page, **{missing: None})

    assert not form.is_valid()
    assert list(form.errors) == [missing]


def test_a_proposal_without_a_title_is_titled_by_its_first_words(page):
    text = "Раз в квартал   проводить открытые разборы кейсов с приглашением жителей и УК района"

    proposal = submitted(page, proposal=text)

    expected = "Раз в квартал проводить открытые разборы кейсов с приглашением жителей…"
    assert proposal.title == expected


def test_a_title_given_is_kept(page):
    assert submitted(page, title="Открытые  разборы").title == "Открытые разборы"


def test_the_author_is_sent_a_confirmation_and_the_coordinators_a_notice(page):
    FormSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"coordinators_email": "coordinators@example.org"},
    )

    proposal = submitted(page, title="Открытые разборы")

    [confirmation] = mail_to("igor.sokolov@example.org")
    assert "Открытые разборы" in confirmation.subject
    # The text typed is not mailed back: the form must not carry a stranger's message to
    # whatever address was typed into it.
    assert "Публиковать протоколы" not in confirmation.body
    [notice] = mail_to("coordinators@example.org")
    # The coordinators read who sent it in the inbox, not in their mailbox.
    assert proposal.name not in notice.body and proposal.email not in notice.body


@override_settings(EMAIL_BACKEND=FAILING_BACKEND)
def test_a_proposal_is_kept_when_the_mail_server_is_down(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submitted(page)

    assert Proposal.objects.filter(pk=proposal.pk).exists()
    [email] = mail_to("igor.sokolov@example.org")
    assert email.status != "sent"


def test_accepting_records_who_replied_and_mails_the_reply(page):
    user = admin_user("view_proposal", "change_proposal")
    proposal = ProposalFactory(page=page, email="anna@example.org", title="Старое")

    service.reply(proposal, user, "accepted", "  Сделаем с января.  ", "Выездные заседания")

    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert proposal.reply == "Сделаем с января."
    assert proposal.title == "Выездные заседания"
    assert (proposal.replied_by, proposal.replied_at) == (user, timezone.now())
    [email] = mail_to("anna@example.org")
    assert "Выездные заседания" in email.subject
    assert "Сделаем с января." in email.body
    assert in_russian("The club has accepted your proposal.") in email.body


def test_declining_without_a_reply_still_tells_the_author(page):
    proposal = ProposalFactory(page=page, email="anna@example.org")

    service.reply(proposal, None, "declined", "", proposal.title)

    [email] = mail_to("anna@example.org")
    assert in_russian("The club has declined your proposal.") in email.body


def test_marking_under_review_in_silence_writes_to_nobody(page):
    proposal = ProposalFactory(page=page, email="anna@example.org")

    service.reply(proposal, None, "under_review", "", "")

    proposal.refresh_from_db()
    assert proposal.status == "under_review"
    assert proposal.replied_at is None
    assert mail_to("anna@example.org") == []
    # An emptied title falls back to the first words of the text.
    assert proposal.title == "Проводить выездные заседания клуба в муниципальных районах."


def test_a_proposal_cannot_be_set_back_to_new(page):
    proposal = ProposalFactory(page=page)

    with pytest.raises(ValueError):
        service.reply(proposal, None, "new", "", "")
