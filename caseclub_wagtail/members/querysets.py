"""Querysets of the registry: who may be shown, and in what order."""

from django.db import models
from django.db.models import Case, Count, IntegerField, Q, Value, When

from caseclub_wagtail.members.choices import MemberRole, MemberStatus

# A member's registrations for events (3.6: rewards for active participation), by the
# registrations' stored status values: the registry does not import registrations.
ATTENDANCE_COUNTS = {
    "events_registered": ~Q(event_registrations__status="cancelled"),
    "events_attended": Q(event_registrations__status="attended"),
    "events_missed": Q(event_registrations__status="no_show"),
}


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def public(self):
        """Members a visitor may see: active, and consenting to a public profile."""
        return self.active().filter(public_profile=True)

    def leadership_first(self):
        """The chair, then deputy chairs, then members, each by name."""
        return self.annotate(
            role_rank=Case(
                When(role=MemberRole.CHAIR, then=Value(0)),
                When(role=MemberRole.DEPUTY_CHAIR, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("role_rank", "name", "registry_number")

    def with_attendance(self):
        """Each member with ``events_registered``, ``events_attended`` and ``events_missed``."""
        # Distinct: a filter on the expertise joins topics, which would repeat each row.
        return self.annotate(
            **{
                name: Count("event_registrations", filter=condition, distinct=True)
                for name, condition in ATTENDANCE_COUNTS.items()
            }
        )
