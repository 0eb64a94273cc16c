"""Removing the personal data of decided membership applications, keeping what was decided."""

import datetime

from django.utils import timezone

from caseclub_wagtail.applications.choices import CLOSED_STATUSES
from caseclub_wagtail.applications.models import MembershipApplication


def anonymise_applications(before: datetime.datetime) -> int:
    """Blank the personal data of applications decided before ``before``; return how many.

    The status, kind, category, municipality, dates and the member an admission made stay,
    so the club can still count its applications. An admitted person's data lives on in
    the registry, where the member's own consent governs it. Safe to run again.
    """
    old = MembershipApplication.objects.filter(
        status__in=CLOSED_STATUSES, decided_at__lt=before, anonymised_at__isnull=True
    )
    # The expertise is kept: a list of topics says nothing about who the person is.
    return old.update(
        name="",
        organization="",
        bio="",
        website="",
        email="",
        phone="",
        reason="",
        anonymised_at=timezone.now(),
    )
