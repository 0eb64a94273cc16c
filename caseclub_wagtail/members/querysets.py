"""Querysets of the registry: who may be shown, and in what order."""

from django.db import models
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.members.choices import MemberRole, MemberStatus

# What a public form says when ``registered_as`` finds nobody: one message whichever of the
# two did not match, so it tells a stranger neither which numbers exist nor whose address
# a number has.
REGISTRY_MISMATCH = _(
    "No active member of the club has this registry number and this e-mail. "
    "Type them as the registry holds them."
)

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

    def registered_as(self, registry_number, email: str):
        """The active member whose registry number and e-mail are these, or None.

        Public forms check a number a person types with this: one answer whichever of the
        two did not match, so nobody learns which numbers exist or whose address is whose.
        """
        number = str(registry_number if registry_number is not None else "").strip()
        email = (email or "").strip()
        if not number.isdigit() or len(number) > 9 or not email:
            return None
        return self.active().filter(registry_number=int(number), email__iexact=email).first()

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
