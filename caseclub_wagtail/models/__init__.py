from caseclub_wagtail.models.directory import MemberDirectoryPage
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
