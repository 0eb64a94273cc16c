"""Removing the personal data of appeals closed long ago, and deleting their files."""

import datetime

from django.db import transaction
from django.utils import timezone

from caseclub_wagtail.appeals.choices import CLOSED_STATUSES
from caseclub_wagtail.appeals.models import Appeal, AppealAttachment


def anonymise_appeals(before: datetime.datetime) -> tuple[int, int]:
    """Blank the personal data of appeals closed before ``before``; (appeals, files deleted).

    The number, the dates, the status, the topic, the municipality and the linked case
    stay, so the club's counts survive; the citizen's name, contacts, address, text and
    files go, and so does the coordinator's note, which may name them. Safe to run again.
    The files leave the storage once the caller's transaction commits (never on a dry run).
    """
    closed = Appeal.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__lt=before, anonymised_at__isnull=True
    )
    attachments = AppealAttachment.objects.filter(appeal__in=closed)
    files = [(item.file.storage, item.file.name) for item in attachments if item.file]
    existing = [(storage, name) for storage, name in files if storage.exists(name)]
    attachments.delete()
    count = closed.update(
        name="",
        email="",
        phone="",
        address="",
        description="",
        note="",
        anonymised_at=timezone.now(),
    )
    transaction.on_commit(lambda: delete_stored(existing))
    return count, len(existing)


def delete_stored(files) -> None:
    """Delete each ``(storage, name)`` from its storage."""
    for storage, name in files:
        storage.delete(name)
