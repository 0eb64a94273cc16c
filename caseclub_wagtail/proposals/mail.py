"""The e-mails about proposals: each is queued in the outbox, never sent inline."""

from django.utils.translation import gettext as _

from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.core.outbox import queue_email
from caseclub_wagtail.proposals.choices import ProposalStatus
from caseclub_wagtail.proposals.models import Proposal


def greeting(proposal: Proposal) -> str:
    return _("Hello, %(name)s!") % {"name": proposal.name}


def quoted(proposal: Proposal) -> str:
    """The proposal as the author sent it, to end each e-mail to them."""
    return "\n".join([_("Your proposal: %(title)s") % {"title": proposal.title}, proposal.text])


def received(proposal: Proposal) -> None:
    """Confirms to the author that their proposal reached the club."""
    subject = _("Your proposal is received: %(title)s") % {"title": proposal.title}
    text = _("Thank you: the club's coordinators will read it and reply to this address.")
    # Not the text: a confirmation goes to whatever address was typed, and must not carry
    # a stranger's message to it. The coordinator's reply quotes it.
    body = "\n\n".join([greeting(proposal), text])
    queue_email(proposal.email, subject, body)


def replied(proposal: Proposal) -> None:
    """Sends the author the club's reply and what became of their proposal."""
    subject = _("Reply to your proposal: %(title)s") % {"title": proposal.title}
    verdicts = {
        ProposalStatus.UNDER_REVIEW: _("The club is considering your proposal."),
        ProposalStatus.ACCEPTED: _("The club has accepted your proposal."),
        ProposalStatus.DECLINED: _("The club has declined your proposal."),
    }
    parts = [greeting(proposal), verdicts.get(proposal.status, "")]
    if proposal.reply:
        parts.append(proposal.reply)
    parts.append(quoted(proposal))
    queue_email(proposal.email, subject, "\n\n".join(part for part in parts if part))


def tell_coordinators(proposal: Proposal, site) -> None:
    """Tells the coordinators of a new proposal, when the site names their address."""
    if site is None:
        return
    address = FormSettings.for_site(site).coordinators_email
    if not address:
        return
    subject = _("New proposal: %(title)s") % {"title": proposal.title}
    # No personal data: the coordinators read who sent it in the inbox, signed in.
    body = _("A new proposal is waiting in the proposals inbox.")
    queue_email(address, subject, body)
