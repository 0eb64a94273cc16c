"""Every public model of the package, to import from one place; each lives in its feature."""

from caseclub_wagtail.appeals.choices import AppealStatus
from caseclub_wagtail.appeals.models import Appeal, AppealAttachment, AppealFormPage
from caseclub_wagtail.applications.choices import ApplicationStatus
from caseclub_wagtail.applications.models import MembershipApplication, MembershipApplicationPage
from caseclub_wagtail.cases.choices import (
    AppealChannel,
    CaseResult,
    CaseRole,
    CaseStatus,
    Likelihood,
)
from caseclub_wagtail.cases.link_models import RelatedCase
from caseclub_wagtail.cases.models import (
    CaseAppeal,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseTeamMember,
    CaseTimelineEntry,
)
from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.core.outbox_models import EmailStatus, OutgoingEmail
from caseclub_wagtail.core.sequences import NumberSequence
from caseclub_wagtail.core.topics import Topic
from caseclub_wagtail.events.choices import (
    EventAudience,
    EventFormat,
    EventKind,
    EventStatus,
    MonthlyRepeatBy,
    OccurrenceAction,
    RegistrationMode,
    RepeatFrequency,
)
from caseclub_wagtail.events.link_models import EventCase, EventHost
from caseclub_wagtail.events.models import EventIndexPage, EventPage
from caseclub_wagtail.events.occurrence_models import EventOccurrence, EventOccurrenceChange
from caseclub_wagtail.members.choices import (
    MemberCategory,
    MemberKind,
    MemberRole,
    MemberStatus,
    TerminationGround,
)
from caseclub_wagtail.members.directory import MemberDirectoryPage
from caseclub_wagtail.members.models import Member, MemberReward
from caseclub_wagtail.proposals.choices import ProposalStatus
from caseclub_wagtail.proposals.models import Proposal, ProposalFormPage
from caseclub_wagtail.registrations.choices import RegistrationStatus
from caseclub_wagtail.registrations.models import EventRegistration

__all__ = [
    "Appeal",
    "AppealAttachment",
    "AppealFormPage",
    "AppealStatus",
    "ApplicationStatus",
    "MembershipApplication",
    "MembershipApplicationPage",
    "Proposal",
    "ProposalFormPage",
    "ProposalStatus",
    "AppealChannel",
    "CaseAppeal",
    "CaseResult",
    "CaseRole",
    "CaseStatus",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseTeamMember",
    "CaseTimelineEntry",
    "Likelihood",
    "RelatedCase",
    "EventAudience",
    "EventCase",
    "EventFormat",
    "EventHost",
    "EventIndexPage",
    "EventKind",
    "EventOccurrence",
    "EventOccurrenceChange",
    "EventPage",
    "EventRegistration",
    "EmailStatus",
    "EventStatus",
    "MonthlyRepeatBy",
    "OccurrenceAction",
    "OutgoingEmail",
    "FormSettings",
    "RegistrationMode",
    "RegistrationStatus",
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
