"""The demo's registrations, from ``registrations.toml``: one of each state."""

from django.utils import timezone

from caseclub_wagtail.models import EventPage, EventRegistration
from caseclub_wagtail.registrations import seats, service
from example_site.demo.datafiles import DataFile, Record
from example_site.demo.members import members_by_name


def pick_date(record: Record, event: EventPage, offset: int):
    """The event's date ``offset`` dates from today (0: the next one, -1: the latest past)."""
    now = timezone.now()
    dates = [item for item in seats.event_dates(event) if not item.is_cancelled]
    ahead = [item for item in dates if item.start >= now]
    behind = [item for item in dates if item.start < now]
    chosen = ahead if offset >= 0 else list(reversed(behind))
    index = offset if offset >= 0 else -offset - 1
    if index >= len(chosen):
        raise record.error(f"the event has no date {offset} from today")
    return chosen[index]


def ensure_registrations(registrations: DataFile) -> int:
    """Register the demo people who are not registered yet."""
    events = {event.slug: event for event in EventPage.objects.all()}
    members = members_by_name()
    created_count = 0
    for record, data in registrations.records("registrations", "registration", "name"):
        event = record.lookup(events, [data["event"]], "event")[0]
        item = pick_date(record, event, data["date"])
        if EventRegistration.objects.filter(
            event=event, date=item.date, email=data["email"]
        ).exists():
            continue
        member = None
        if "member" in data:
            member = record.lookup(members, [data["member"]], "member")[0]
        create_registration(event, item, data, member)
        created_count += 1
    return created_count


def create_registration(event, item, data: dict, member) -> EventRegistration:
    """One registration: through the package's own service, or as marked afterwards."""
    person = {key: data.get(key, "") for key in ("name", "email", "phone", "organization")}
    person["comment"] = data.get("comment", "")
    if "status" in data:
        return EventRegistration.objects.create(
            event=event,
            date=item.date,
            status=data["status"],
            member=member,
            consented_at=item.start,
            **person,
        )
    registration = service.register(event, item.date, member=member, **person)
    if data.get("cancel"):
        service.cancel(registration)
    return registration
