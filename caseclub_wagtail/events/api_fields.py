"""The event's fields in Wagtail's own API (v2): what its page shows a visitor, no more.

Kept here, beside the model that names them, so that the model module stays short.
"""

from wagtail.api import APIField

from caseclub_wagtail.core.api_fields import LabelledChoiceField, TopicsField, VisiblePagesField
from caseclub_wagtail.core.safe_urls import SafeURLField
from caseclub_wagtail.events.choices import (
    EventAudience,
    EventFormat,
    EventKind,
    EventStatus,
    RepeatFrequency,
)
from caseclub_wagtail.members.api_fields import PublicMembersField

EVENT_PAGE_API_FIELDS = [
    APIField("kind", serializer=LabelledChoiceField(EventKind)),
    "start",
    "end",
    "time_zone",
    "all_day",
    APIField("status", serializer=LabelledChoiceField(EventStatus)),
    "status_note",
    APIField("format", serializer=LabelledChoiceField(EventFormat)),
    "venue_name",
    "address",
    # Under their own names, but only what a visitor may read (see public_online_url).
    APIField("online_url", serializer=SafeURLField(source="public_online_url")),
    APIField("audience", serializer=LabelledChoiceField(EventAudience)),
    "summary",
    "body",
    APIField("repeat", serializer=LabelledChoiceField(RepeatFrequency)),
    # How the event repeats, in words ("every second Thursday of the month at 18:00").
    "rule_text",
    APIField("topics", serializer=TopicsField()),
    APIField("hosts", serializer=PublicMembersField()),
    APIField("registration_url", serializer=SafeURLField()),
    "capacity",
    "report",
    "materials",
    APIField("related_cases", serializer=VisiblePagesField()),
]
