"""The few pages the multi-worker tests visit, published as an editor would."""

from dataclasses import dataclass

from caseclub_wagtail.models import EventIndexPage, EventPage
from tests.factories import make_event, make_event_index, wall


@dataclass
class Pages:
    index: EventIndexPage
    event: EventPage

    @property
    def register_url(self) -> str:
        return self.event.url + "register/"

    @property
    def feed_url(self) -> str:
        return self.index.url + "ical/"


def build() -> Pages:
    index = make_event_index()
    event = make_event(index, "Заседание клуба", wall(10), registration="internal")
    return Pages(index=index, event=event)
