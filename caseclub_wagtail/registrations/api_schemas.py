"""What the registration endpoints read and answer.

A person's answers never leave the API again: the registration a token opens gives the
person's own name, its event, date, state and place, nothing else.
"""

import datetime

from ninja import Field, Schema
from pydantic import field_validator

from caseclub_wagtail.core.api import Choice

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class RegistrationIn(Schema):
    """The fields of the registration form, as JSON."""

    name: str = Field("", max_length=255, description="required")
    email: str = Field(
        "", max_length=254, json_schema_extra={"format": "email"}, description="required"
    )
    phone: str = Field("", max_length=64, description="optional; stored as +7…")
    organization: str = Field("", max_length=255)
    comment: str = Field("", max_length=5000)
    consent: bool = Field(
        False, description="true: the person consents to the processing of personal data"
    )
    registry_number: int | str | None = Field(
        None,
        description="for members-only events: the registry number, with `email` as the "
        "registry holds it",
    )
    date: str | None = Field(
        None,
        pattern=ISO_DATE,
        json_schema_extra={"format": "date"},
        description="for a series: the date as planned (the date of `original_start` in the "
        "event's zone), yyyy-mm-dd",
    )
    fax: str = Field("", max_length=255, description="leave empty (a field for robots)")
    form_started: str = Field(
        "", max_length=200, description="the `timing_token` of GET on the same path"
    )

    @field_validator("*", mode="before")
    @classmethod
    def no_nul(cls, value):
        # PostgreSQL refuses a NUL character in any text: it never reaches a query.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("a NUL character")
        return value


class RegistrationCreated(Schema):
    """A registration just made: its state, its place on the waitlist, its management link."""

    status: Choice = Field(description="confirmed or waitlisted")
    place: int | None = Field(description="the place on the waitlist (1 is next), or null")
    date: datetime.date
    token: str = Field(description="for registrations/{token}/")
    manage_url: str = Field(description="the page where the person sees and cancels it")


class RegistrationDate(Schema):
    """A date of the event one may register for, or could until it closed or filled."""

    date: datetime.date = Field(description="the date as planned: the value of `date` to send")
    start: datetime.datetime
    closes_at: datetime.datetime
    seats_left: int | None = Field(description="null: no limit")
    waitlist: int
    is_open: bool


class RegistrationForm(Schema):
    """What a front end needs to show the registration form."""

    timing_token: str = Field(description="send it back as `form_started`")
    consent_text: str
    registry_number_required: bool
    dates: list[RegistrationDate] = Field(
        description="the dates that have not started, at most 50"
    )


class RegisteredEvent(Schema):
    id: int
    title: str
    url: str


class RegistrationOut(Schema):
    """A registration, as its token shows it to the person who made it."""

    event: RegisteredEvent
    date: datetime.date
    start: datetime.datetime | None = Field(description="null when the date is gone")
    status: Choice
    place: int | None = Field(description="the place on the waitlist, or null")
    name: str
