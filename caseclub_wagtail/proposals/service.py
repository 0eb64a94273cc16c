"""Saving proposals and replying to them: the one place that writes proposals.

A proposal is saved before any e-mail is queued, in the same transaction, and the e-mails
are sent only once it commits: a mail server that is down never loses a proposal.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.proposals import mail
from caseclub_wagtail.proposals.choices import ProposalStatus
from caseclub_wagtail.proposals.models import Proposal

# The words of the text a proposal sent without a title is listed by.
TITLE_WORDS = 10
TITLE_MAX = Proposal._meta.get_field("title").max_length
REPLY_STATUSES = (ProposalStatus.UNDER_REVIEW, ProposalStatus.ACCEPTED, ProposalStatus.DECLINED)


def title_from(text: str) -> str:
    """A title made of the first words of a proposal's text."""
    words = " ".join(text.split())
    return Truncator(words).words(TITLE_WORDS)[:TITLE_MAX]


def submit_proposal(form, *, page, request) -> Proposal:
    """Save a valid ``ProposalForm``'s proposal, then queue the author's confirmation."""
    data = form.cleaned_data
    text = data["proposal"].strip()
    member = form.member
    with transaction.atomic():
        proposal = Proposal.objects.create(
            page=page,
            name=data["name"],
            # Kept only when it matched the registry: a wrong number is no member's.
            registry_number=member.registry_number if member else None,
            member=member,
            email=data["email"].strip(),
            title=data.get("title") or title_from(text),
            text=text,
            consented_at=timezone.now(),
        )
        mail.received(proposal)
        site = page.get_site() if page is not None else current_site(request)
        mail.tell_coordinators(proposal, site)
    return proposal


def tells_author(status: str, reply: str) -> bool:
    """Whether a reply with this status and text is e-mailed to the author."""
    return bool(reply.strip()) or status != ProposalStatus.UNDER_REVIEW


def reply(proposal: Proposal, user, status: str, reply: str, title: str) -> Proposal:
    """Set a proposal's status, public title and the club's reply; e-mail the author.

    The author is written to when the proposal is accepted or declined, or when there is a
    reply to send; marking it under review in silence writes to nobody.
    """
    status = ProposalStatus(status)
    if status not in REPLY_STATUSES:
        raise ValueError(status)
    reply = reply.strip()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        proposal.status = status
        proposal.reply = reply
        proposal.title = " ".join(title.split())[:TITLE_MAX] or title_from(proposal.text)
        fields = ["status", "reply", "title", "updated_at"]
        # An anonymised proposal has no address left to write to.
        answered = tells_author(status, reply) and proposal.anonymised_at is None
        if answered:
            proposal.replied_by = user
            proposal.replied_at = timezone.now()
            fields += ["replied_by", "replied_at"]
        proposal.save(update_fields=fields)
        if answered:
            mail.replied(proposal)
    return proposal
