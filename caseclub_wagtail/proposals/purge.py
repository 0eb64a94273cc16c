"""Removing the personal data of answered proposals, keeping what the public listing shows."""

import datetime

from django.utils import timezone

from caseclub_wagtail.proposals.choices import CLOSED_STATUSES
from caseclub_wagtail.proposals.models import Proposal


def anonymise_proposals(before: datetime.datetime) -> int:
    """Blank who sent each proposal answered before ``before``; return how many.

    The title, the status and the reply stay, so an accepted proposal is still listed on
    its page, without its author. The text goes (the author wrote it freely, and it may
    name people), and the link to the member: it would name them. Safe to run again:
    done ones are skipped.
    """
    return Proposal.objects.filter(
        status__in=CLOSED_STATUSES, replied_at__lt=before, anonymised_at__isnull=True
    ).update(
        name="",
        email="",
        registry_number=None,
        member=None,
        text="",
        anonymised_at=timezone.now(),
    )
