"""What the events API reads and answers: its filters and the shapes of its items."""

import datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, WithJsonSchema

from caseclub_wagtail.core.api import MAX_ID, MAX_SEARCH_LENGTH, Choice
from caseclub_wagtail.core.api_schemas import StreamBlockOut, TopicOut
from caseclub_wagtail.core.date_range import EARLIEST, FIRST_YEAR, LAST_YEAR, LATEST
from caseclub_wagtail.events.choices import EventAudience, EventFormat, EventKind, EventStatus
from caseclub_wagtail.members.api_schemas import MemberSummary

ONE_DAY = datetime.timedelta(days=1)

EventKindCode = Literal[tuple(EventKind.values)]
EventStatusCode = Literal[tuple(EventStatus.values)]
EventFormatCode = Literal[tuple(EventFormat.values)]
EventAudienceCode = Literal[tuple(EventAudience.values)]
EventOrder = Literal["start", "-start", "title", "relevance"]
OccurrenceOrder = Literal["start", "-start", "title"]


def parse_moment(value: str) -> datetime.date | datetime.datetime:
    """An ISO 8601 date, or a date and time with or without an offset."""
    text = value.strip()
    try:
        moment = (
            datetime.date.fromisoformat(text)
            if len(text) <= 10
            else datetime.datetime.fromisoformat(text)
        )
    except ValueError:
        raise ValueError("not an ISO 8601 date or date and time") from None
    # No event is stored outside the years events may have: a bound beyond them is the
    # range's own end, which keeps every conversion within Python's dates.
    if moment.year < FIRST_YEAR:
        return EARLIEST
    if moment.year > LAST_YEAR:
        return LATEST
    return moment


# A date or a date and time, read by ``parse_moment``; the OpenAPI description says which.
Moment = Annotated[
    str,
    Field(max_length=40),
    AfterValidator(parse_moment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ]
        }
    ),
]


def day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in the site's zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def in_utc(moment: datetime.datetime) -> datetime.datetime:
    """An instant in UTC; one without an offset is the site's wall time.

    ISO 8601 allows offsets up to ±23:59, PostgreSQL only up to ±15:59: in UTC, every
    database takes it.
    """
    aware = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    return aware.astimezone(datetime.UTC)


def lower_bound(moment) -> datetime.datetime:
    """``starts_after``: from the first instant of a date, or from the instant given."""
    if isinstance(moment, datetime.datetime):
        return in_utc(moment)
    return day_start(moment)


def upper_bound(moment) -> datetime.datetime:
    """``starts_before``: up to the end of a date (that day included), or to the instant."""
    if isinstance(moment, datetime.datetime):
        return in_utc(moment)
    return day_start(moment + ONE_DAY)


class EventFilters(Schema):
    """The filters of ``events/`` and ``occurrences/``."""

    kind: EventKindCode | None = Field(None, description="the event's kind")
    topic: str | None = Field(
        None, max_length=255, pattern=r"^[-\w]+$", description="a topic's slug"
    )
    status: EventStatusCode | None = Field(
        None, description="the event's status (for occurrences/: the date's own status)"
    )
    format: EventFormatCode | None = Field(None, description="how the event is attended")
    audience: EventAudienceCode | None = Field(None, description="who may come")
    starts_after: Moment | None = Field(
        None,
        description="starts at or after this instant; a date means from the start of that day "
        "in the site's time zone (for events/: has a date that does)",
    )
    starts_before: Moment | None = Field(
        None,
        description="starts before this instant; a date means up to the end of that day in the "
        "site's time zone (for events/: has a date that does)",
    )
    upcoming: bool | None = Field(
        None, description="true: has not ended (events/: has a date that has not); false: ended"
    )
    search: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        description="words of the title or summary, in any case and form",
    )
    order: EventOrder | None = Field(
        None,
        description="start (the default without a search), -start (latest first), title or "
        "relevance (the default with a search)",
    )


class OccurrenceFilters(EventFilters):
    """The filters of ``occurrences/``: those of ``events/`` and one event's id."""

    event: int | None = Field(None, ge=1, le=MAX_ID, description="one event's id")
    order: OccurrenceOrder = Field("start", description="start, -start (latest first) or title")


class EventRepeat(Schema):
    """How a series repeats: the rule's fields and the rule in words."""

    frequency: Choice
    interval: int
    weekdays: list[str] = Field(description='for weekly rules: "MO" … "SU"')
    monthly_by: Choice | None
    until: datetime.date | None
    count: int | None
    text: str


class NextOccurrence(Schema):
    """The next date of an event that has not ended."""

    start: datetime.datetime
    end: datetime.datetime
    status: Choice
    note: str


class RegistrationSummary(Schema):
    """Registering for one date: how, the seats left, the waitlist, where, until when.

    Counts only: nobody's name or address.
    """

    mode: Choice = Field(description="none, external (the event's own link) or internal")
    capacity: int | None = Field(description="seats per date; null: no limit")
    seats_left: int | None = Field(description="internal only; null: no limit")
    waitlist: int = Field(description="people on the waitlist of the date")
    url: str | None = Field(
        description="where to register: the external link, or the site's form while open"
    )
    closes_at: datetime.datetime | None = Field(description="internal only")
    is_open: bool = Field(description="whether the site's form takes registrations now")


class EventTime(Schema):
    """One date of an event, as a calendar shows it."""

    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    status: Choice
    note: str
    is_moved: bool
    original_start: datetime.datetime
    registration: RegistrationSummary


class EventSummary(Schema):
    """The event an occurrence belongs to."""

    id: int
    title: str
    url: str
    kind: Choice
    status: Choice


class EventOccurrenceItem(EventTime):
    """One date of an event, with its event; identified by ``event.id`` and ``original_start``."""

    event: EventSummary


class EventItem(Schema):
    """An event as the list gives it; ``start`` and ``end`` are its first date's."""

    id: int
    title: str
    slug: str
    url: str
    kind: Choice
    status: Choice
    status_note: str
    format: Choice
    audience: Choice
    summary: str
    time_zone: str
    all_day: bool
    start: datetime.datetime
    end: datetime.datetime
    repeat: EventRepeat | None
    next_occurrence: NextOccurrence | None
    registration: RegistrationSummary = Field(description="for the next date")
    venue_name: str
    address: str
    online_url: str = Field(description="empty for members-only events")
    topics: list[TopicOut]
    hosts: list[MemberSummary]
    ical_url: str


class EventCaseSummary(Schema):
    """A case the event discussed."""

    id: int
    title: str
    url: str
    summary: str


class EventDetail(EventItem):
    """An event with its text, its upcoming dates, its report and the cases it discussed."""

    body: list[StreamBlockOut]
    occurrences: list[EventTime] = Field(description="the upcoming dates, at most 50")
    report: str = Field(description="HTML")
    materials: list[StreamBlockOut]
    related_cases: list[EventCaseSummary]


class EventList(Schema):
    count: int
    items: list[EventItem]


class EventOccurrenceList(Schema):
    count: int
    items: list[EventOccurrenceItem]
