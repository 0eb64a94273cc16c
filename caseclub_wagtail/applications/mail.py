"""The e-mails about a membership application: each is queued in the outbox, never sent inline."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caseclub_wagtail.applications.models import MembershipApplication
from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.core.outbox import queue_email


def greeting(application: MembershipApplication) -> str:
    return _("Hello, %(name)s!") % {"name": application.name}


def send(application: MembershipApplication, subject: str, *paragraphs: str) -> None:
    body = "\n\n".join([greeting(application), *paragraphs, _("The Case Club")])
    queue_email(application.email, subject, body)


def received(application: MembershipApplication) -> None:
    """Confirms to the applicant that the application reached the club."""
    send(
        application,
        _("We have received your application to the Case Club"),
        _(
            "Thank you for applying to join the Case Club. The coordinators will consider "
            "your application and write to you at this address."
        ),
        _("Application received: %(date)s")
        % {"date": date_format(timezone.localtime(application.created_at), "j E Y")},
    )


def admitted(application: MembershipApplication, member) -> None:
    """Tells the new member they are in the registry, and under which number."""
    text = _(
        "Your application is accepted: from %(date)s you are a member of the Case Club, "
        "number %(number)s in the registry of members."
    ) % {"date": date_format(member.admitted_on, "j E Y"), "number": member.registry_number}
    if member.public_profile:
        profile = _("As you agreed, your profile is listed in the club's directory of members.")
    else:
        profile = _("Your profile is not published: you did not consent to a public profile.")
    send(
        application,
        _("You are admitted to the Case Club: registry number %(number)s")
        % {"number": member.registry_number},
        text,
        profile,
    )


def declined(application: MembershipApplication) -> None:
    """Tells the applicant their application was declined, and why."""
    send(
        application,
        _("Your application to the Case Club"),
        _("We are sorry: the coordinators have declined your application."),
        _("The reason: %(reason)s") % {"reason": application.reason},
    )


def tell_coordinators(application: MembershipApplication, site) -> None:
    """Tells the coordinators of a new application, when the site names their address."""
    if site is None:
        return
    address = FormSettings.for_site(site).coordinators_email
    if not address:
        return
    subject = _("New membership application")
    # No name or contacts: the e-mail may sit in a shared mailbox; the inbox has them.
    body = "\n".join(
        [
            _("Kind: %(kind)s") % {"kind": application.get_kind_display()},
            _("Category: %(category)s") % {"category": application.get_category_display()},
            _("Municipality: %(municipality)s")
            % {"municipality": application.municipality or "—"},
            _("It waits in the inbox of membership applications in the admin."),
        ]
    )
    queue_email(address, subject, body)
