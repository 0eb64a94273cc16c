from caseclub_wagtail.models.directory import MemberDirectoryPage
from caseclub_wagtail.models.events import (
    EventAudience,
    EventFormat,
    EventIndexPage,
    EventKind,
    EventOccurrence,
    EventOccurrenceChange,
    EventPage,
    EventStatus,
    MonthlyRepeatBy,
    OccurrenceAction,
    RepeatFrequency,
)
from caseclub_wagtail.models.members import (
    Member,
    MemberCategory,
    MemberKind,
    MemberReward,
    MemberRole,
    MemberStatus,
    TerminationGround,
)
from caseclub_wagtail.models.sequences import NumberSequence
from caseclub_wagtail.models.topics import Topic

__all__ = [
    "EventAudience",
    "EventFormat",
    "EventIndexPage",
    "EventKind",
    "EventOccurrence",
    "EventOccurrenceChange",
    "EventPage",
    "EventStatus",
    "MonthlyRepeatBy",
    "OccurrenceAction",
    "RepeatFrequency",
    "Member",
    "MemberCategory",
    "MemberDirectoryPage",
    "MemberKind",
    "MemberReward",
    "MemberRole",
    "MemberStatus",
    "NumberSequence",
    "TerminationGround",
    "Topic",
]
