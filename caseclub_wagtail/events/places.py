"""Where an event happens, as anyone may read it: the one answer every page and feed reads.

The format an event (or one of its dates) is attended in decides what applies: moved
online is online, whatever the stored format says, and a members-only link is never
given, only the word «Онлайн».
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from caseclub_wagtail.events.choices import EventFormat


@dataclass(frozen=True)
class Place:
    """The venue and the online link that apply to an event, or to one of its dates."""

    in_person: bool
    online: bool
    venue_name: str
    address: str
    online_url: str  # the public link only: "" for a members-only event or an unsafe URL
    online_url_is_private: bool

    @classmethod
    def of(cls, event, status: str = "") -> "Place":
        """The place of ``event``, attended as it is on a date of ``status``."""
        fmt = event.format_on(status)
        return cls(
            in_person=fmt in (EventFormat.IN_PERSON, EventFormat.HYBRID),
            online=fmt in (EventFormat.ONLINE, EventFormat.HYBRID),
            venue_name=event.venue_name if fmt != EventFormat.ONLINE else "",
            address=event.address if fmt != EventFormat.ONLINE else "",
            online_url=event.public_online_url if fmt != EventFormat.IN_PERSON else "",
            online_url_is_private=event.online_url_is_private,
        )

    @property
    def venue_line(self) -> str:
        """The venue and its address on one line; empty for an online event."""
        return ", ".join(part for part in (self.venue_name, self.address) if part)

    def one_line(self) -> str:
        """Everything that applies, on one line: the venue, then the link (or «Онлайн»)."""
        parts = [self.venue_line] if self.in_person and self.venue_line else []
        if self.online and (self.online_url or self.online_url_is_private):
            parts.append(self.online_url or _("Online"))
        return ", ".join(parts)

    def calendar_location(self) -> str:
        """One place for a calendar app's LOCATION: never a venue nobody is to go to."""
        if self.online and not self.in_person:
            return self.online_url or _("Online")
        if self.online:
            return self.venue_line or self.online_url or _("Online")
        return self.venue_line
