"""The public pages every browser check visits, built from the demo content."""

from django.core import signing

from caseclub_wagtail.core.form_views import done_signer
from caseclub_wagtail.models import (
    Appeal,
    CaseStudyPage,
    EventPage,
    EventRegistration,
    Member,
    MembershipApplication,
    Proposal,
    ProposalFormPage,
)
from caseclub_wagtail.registrations.tokens import manage_token
from caseclub_wagtail.registrations.views import DONE_SALT


def public_pages() -> dict[str, str]:
    """Name → path of every kind of page a visitor sees."""
    member = Member.objects.public().filter(rewards__isnull=False).distinct().first()
    # The monthly meeting: a series with a cancelled and a moved date.
    event = EventPage.objects.live().get(slug="club-meeting")
    # A told case: appeals, scenarios, options, a timeline, a team and related cases.
    case = CaseStudyPage.objects.live().get(slug="wrong-heating-charges")
    # A one-off master class whose seats are all taken, with one person on the waitlist.
    master_class = EventPage.objects.live().get(slug="capital-repairs-acceptance")
    internship = EventPage.objects.live().get(slug="housing-inspectors-internship")
    registrations = EventRegistration.objects.filter(event=master_class).order_by("pk")
    waitlisted = registrations.get(status="waitlisted")
    confirmed = registrations.filter(status="confirmed").first()
    # The confirmation is reached by the form's redirect, with the registration signed in it.
    done = signing.TimestampSigner(salt=DONE_SALT).sign(str(waitlisted.pk))
    # The page after sending an appeal, as the form's redirect reaches it.
    appeal = Appeal.objects.filter(page__isnull=False).order_by("pk").first()
    appeal_done = done_signer(Appeal).sign(str(appeal.pk))
    proposals = ProposalFormPage.objects.live().get(slug="proposals")
    proposal_done = done_signer(Proposal).sign(str(proposals.proposals.first().pk))
    application = MembershipApplication.objects.filter(page__isnull=False).first()
    application_done = done_signer(MembershipApplication).sign(str(application.pk))
    return {
        "home": "/",
        "member-directory": "/members/",
        "member-directory-filtered": "/members/?category=volunteer_expert&q=а",
        "member-profile": f"/members/{member.registry_number}/",
        "event-index": "/events/",
        "event-past": "/events/past/",
        "event-calendar": "/events/calendar/",
        "event-page": event.url,
        "case-library": "/cases/",
        "case-library-filtered": "/cases/?status=resolved&q=отопление",
        "case-page": case.url,
        "registration-form": f"{master_class.url}register/",
        "registration-form-series": f"{event.url}register/",
        "registration-form-members": f"{internship.url}register/",
        "registration-done": f"{master_class.url}register/?done={done}",
        "registration-manage": f"{master_class.url}registration/{manage_token(confirmed)}/",
        "appeal-form": appeal.page.url,
        "appeal-done": f"{appeal.page.url}?done={appeal_done}",
        "proposal-form": proposals.url,
        "proposal-done": f"{proposals.url}?done={proposal_done}",
        "membership-application": application.page.url,
        "membership-application-done": f"{application.page.url}?done={application_done}",
        "not-found": "/no-such-page/",
    }
