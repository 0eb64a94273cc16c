"""Receiving, admitting and declining membership applications: the one place that writes them.

Each step happens in one transaction with its e-mails, which the outbox sends only once it
commits: an application is saved whatever the mail server does. A decision first claims the
application with a conditional update of its status, so two coordinators deciding the same
one at once never both succeed (nor admit the person twice).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from caseclub_wagtail.applications import mail
from caseclub_wagtail.applications.choices import ApplicationStatus
from caseclub_wagtail.applications.models import MembershipApplication
from caseclub_wagtail.members.models import Member

# What an admission copies from the application into the registry, as it was typed.
REGISTRY_FIELDS = (
    "kind",
    "name",
    "organization",
    "municipality",
    "category",
    "website",
    "email",
    "phone",
    "public_profile",
)


class AlreadyDecided(Exception):
    """The application is no longer new: it was admitted or declined already."""

    def __init__(self, application: MembershipApplication):
        self.application = application
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """What the coordinator is told, in their language."""
        return _(
            "%(application)s is %(status)s already: only a new application can be admitted "
            "or declined."
        ) % {
            "application": self.application,
            "status": self.application.get_status_display(),
        }


def submit_application(form, *, page, request) -> MembershipApplication:
    """Save a valid form's application, then queue the applicant's and coordinators' e-mails."""
    data = form.cleaned_data
    with transaction.atomic():
        application = MembershipApplication.objects.create(
            page=page,
            kind=data["kind"],
            name=data["name"],
            organization=data["organization"],
            municipality=data["municipality"],
            category=data["category"],
            bio=data["bio"],
            website=data["website"],
            email=data["email"],
            phone=data["phone"],
            public_profile=data["public_profile"],
            consented_at=timezone.now(),
        )
        application.expertise.set(data["expertise"])
        mail.received(application)
        mail.tell_coordinators(application, page.get_site() if page is not None else None)
    return application


def bio_as_rich_text(text: str) -> str:
    """The applicant's plain text as the registry's rich text: escaped, in paragraphs."""
    return linebreaks(text.strip(), autoescape=True) if text.strip() else ""


def claim(application: MembershipApplication, user, status: str, **fields) -> None:
    """Mark a new application decided, or raise ``AlreadyDecided`` if it is not new any more."""
    now = timezone.now()
    changed = MembershipApplication.objects.filter(
        pk=application.pk, status=ApplicationStatus.NEW
    ).update(status=status, decided_by=user, decided_at=now, updated_at=now, **fields)
    application.refresh_from_db()
    if not changed:
        raise AlreadyDecided(application)


def admit(application: MembershipApplication, user) -> Member:
    """Enter the applicant into the registry with the next number, and e-mail them it."""
    with transaction.atomic():
        claim(application, user, ApplicationStatus.ADMITTED)
        member = Member(
            **{name: getattr(application, name) for name in REGISTRY_FIELDS},
            bio=bio_as_rich_text(application.bio),
            admitted_on=timezone.localdate(),
        )
        member.expertise.set(list(application.expertise.all()))
        member.save()  # takes the next registry number
        log(instance=member, action="wagtail.create", user=user)
        application.member = member
        application.save(update_fields=["member", "updated_at"])
        mail.admitted(application, member)
    return member


def decline(application: MembershipApplication, user, reason: str) -> MembershipApplication:
    """Decline a new application with ``reason``, which the applicant is e-mailed."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a declined application needs a reason")
    with transaction.atomic():
        claim(application, user, ApplicationStatus.DECLINED, reason=reason)
        mail.declined(application)
    return application
