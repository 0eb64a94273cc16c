"""Answered proposals lose their author's personal data; the public listing keeps them."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from caseclub_wagtail.models import Proposal
from caseclub_wagtail.proposals.purge import anonymise_proposals
from tests.factories import MemberFactory, ProposalFactory, make_proposal_page

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
DAYS = datetime.timedelta(days=1)


def answered(days_ago, status="accepted", **fields):
    return ProposalFactory(
        status=status,
        reply="Спасибо, сделаем.",
        replied_at=timezone.now() - days_ago * DAYS,
        **fields,
    )


def test_a_proposal_answered_long_ago_keeps_only_what_the_listing_shows():
    member = MemberFactory(registry_number=7)
    old = answered(400, member=member, registry_number=7, title="Выезды", text="Ездить")

    assert anonymise_proposals(timezone.now() - 365 * DAYS) == 1

    old.refresh_from_db()
    assert (old.name, old.email, old.registry_number, old.member) == ("", "", None, None)
    assert old.anonymised_at == timezone.now()
    # The text, free as the author wrote it, may name people: only what is listed stays.
    assert old.text == ""
    assert (old.title, old.reply, old.status) == ("Выезды", "Спасибо, сделаем.", "accepted")


def test_recent_and_open_proposals_are_left_alone():
    recent = answered(30, status="declined")
    waiting = ProposalFactory(status="under_review", replied_at=timezone.now() - 400 * DAYS)
    untouched = ProposalFactory(status="new")

    assert anonymise_proposals(timezone.now() - 365 * DAYS) == 0

    for proposal in (recent, waiting, untouched):
        proposal.refresh_from_db()
        assert proposal.email and proposal.anonymised_at is None


def test_the_purge_command_reports_them_and_runs_again_in_vain(client):
    page = make_proposal_page(list_accepted=True)
    answered(400, page=page, title="Выезды", name="Анна Петрова")
    out = StringIO()

    call_command("caseclub_purge_personal_data", stdout=out)

    assert "1 proposals anonymised" in out.getvalue()
    assert Proposal.objects.get().name == ""
    again = StringIO()
    call_command("caseclub_purge_personal_data", stdout=again)
    assert "0 proposals anonymised" in again.getvalue()
    # Still listed on its page, with nobody named.
    content = client.get(page.url).content.decode()
    assert "Выезды" in content and "Анна Петрова" not in content


def test_a_dry_run_changes_nothing():
    old = answered(400)
    out = StringIO()

    call_command("caseclub_purge_personal_data", "--dry-run", stdout=out)

    assert "1 proposals would be anonymised" in out.getvalue()
    old.refresh_from_db()
    assert old.anonymised_at is None and old.email
