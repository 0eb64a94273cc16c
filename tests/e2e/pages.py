"""The public pages every browser check visits, built from the demo content."""

from caseclub_wagtail.models import Member


def public_pages() -> dict[str, str]:
    """Name → path of every kind of page a visitor sees."""
    member = Member.objects.public().filter(rewards__isnull=False).distinct().first()
    return {
        "home": "/",
        "member-directory": "/members/",
        "member-directory-filtered": "/members/?category=volunteer_expert&q=а",
        "member-profile": f"/members/{member.registry_number}/",
        "not-found": "/no-such-page/",
    }
