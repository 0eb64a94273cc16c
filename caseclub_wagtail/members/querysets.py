"""Querysets of the registry: who may be shown, and in what order."""

from django.db import models
from django.db.models import Case, IntegerField, Value, When

from caseclub_wagtail.members.choices import MemberRole, MemberStatus


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
