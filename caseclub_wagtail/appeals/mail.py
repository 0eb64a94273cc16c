"""The e-mails about an appeal: each is queued in the outbox, never sent inline."""

from django.utils.translation import gettext as _

from caseclub_wagtail.appeals.choices import AppealStatus
from caseclub_wagtail.appeals.models import Appeal
from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.core.outbox import queue_email


def greeting(appeal: Appeal) -> str:
    return _("Hello, %(name)s!") % {"name": appeal.name}


def received(appeal: Appeal) -> None:
    """Confirms the appeal with its reference number, when the citizen gave an address."""
    if not appeal.email:
        return
    subject = _("Your appeal No. %(number)s is received") % {"number": appeal.number}
    text = _(
        "The Case Club has received your appeal and given it the reference number "
        "%(number)s. Please give this number when you write to us about it. A coordinator "
        "will read the appeal and write to you."
    ) % {"number": appeal.number}
    lines = [
        _("Building's address: %(address)s") % {"address": appeal.address},
        _("Files attached: %(count)s") % {"count": appeal.attachments.count()},
    ]
    queue_email(appeal.email, subject, "\n\n".join([greeting(appeal), text, "\n".join(lines)]))


def tell_coordinators(appeal: Appeal, page) -> None:
    """Tells the coordinators of a new appeal, when the page's site names their address."""
    site = page.get_site() if page is not None else None
    if site is None:
        return
    address = FormSettings.for_site(site).coordinators_email
    if not address:
        return
    subject = _("New appeal No. %(number)s") % {"number": appeal.number}
    # The citizen's name and contacts stay in the admin: the notice says where to look.
    body = "\n".join(
        [
            _("Municipality: %(municipality)s") % {"municipality": appeal.municipality or "—"},
            _("Topic: %(topic)s") % {"topic": appeal.topic or "—"},
            _("Read it in the admin, under Case club → Appeals."),
        ]
    )
    queue_email(address, subject, body)


def decided(appeal: Appeal) -> None:
    """Tells the citizen that the appeal was taken up or declined (the note stays inside)."""
    if not appeal.email:
        return
    texts = {
        AppealStatus.ACCEPTED: _(
            "Your appeal No. %(number)s has been taken up by the Case Club. A coordinator "
            "will write to you about what comes next."
        ),
        AppealStatus.REJECTED: _(
            "The Case Club has considered your appeal No. %(number)s and cannot take it "
            "up. You may write to the club's organisers to learn why."
        ),
        AppealStatus.LINKED: _(
            "Your appeal No. %(number)s has been taken up by the Case Club as part of a "
            "case it is working on. A coordinator will write to you about what comes next."
        ),
    }
    subject = _("Your appeal No. %(number)s") % {"number": appeal.number}
    text = texts[appeal.status] % {"number": appeal.number}
    queue_email(appeal.email, subject, "\n\n".join([greeting(appeal), text]))
