"""The public pages every browser check visits, built from the demo content."""

from caseclub_wagtail.models import CaseStudyPage, EventPage, Member


def public_pages() -> dict[str, str]:
    """Name → path of every kind of page a visitor sees."""
    member = Member.objects.public().filter(rewards__isnull=False).distinct().first()
    # The monthly meeting: a series with a cancelled and a moved date.
    event = EventPage.objects.live().get(slug="club-meeting")
    # A told case: appeals, scenarios, options, a timeline, a team and related cases.
    case = CaseStudyPage.objects.live().get(slug="wrong-heating-charges")
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
        "not-found": "/no-such-page/",
    }
