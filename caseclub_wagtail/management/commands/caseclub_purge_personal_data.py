import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from caseclub_wagtail import conf
from caseclub_wagtail.appeals.purge import anonymise_appeals
from caseclub_wagtail.applications.purge import anonymise_applications
from caseclub_wagtail.core.outbox_models import EmailStatus, OutgoingEmail
from caseclub_wagtail.proposals.purge import anonymise_proposals
from caseclub_wagtail.registrations.purge import anonymise_registrations


class Command(BaseCommand):
    help = (
        "Remove the personal data of registrations PERSONAL_DATA_DAYS days after their date "
        "(keeping the counts and the attendance), of appeals that long after they were "
        "closed (deleting their files), and of membership applications and "
        "proposals that long after they were decided or answered (keeping what the registry "
        "and the accepted proposals' listing show), delete the sent e-mails of that age and "
        "blank the unsent ones. Safe to run daily: what is done is not done again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="days after the date (default: the PERSONAL_DATA_DAYS setting)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would be done, change nothing"
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = conf.get("PERSONAL_DATA_DAYS") if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        before = timezone.localdate() - datetime.timedelta(days=days)
        cutoff = start_of(before)
        # A dry run does the same work in a transaction it rolls back, so its counts are
        # exactly those of the real run.
        with transaction.atomic():
            registrations = anonymise_registrations(before)
            appeals, files = anonymise_appeals(cutoff)
            applications = anonymise_applications(cutoff)
            proposals = anonymise_proposals(cutoff)
            deleted, blanked = purge_outbox(before)
            transaction.set_rollback(dry_run)
        would = "would be " if dry_run else ""
        self.stdout.write(
            f"Before {before.isoformat()}: {registrations} registrations {would}anonymised, "
            f"{appeals} closed appeals {would}anonymised ({files} files {would}deleted), "
            f"{applications} membership applications {would}anonymised, "
            f"{proposals} proposals {would}anonymised, "
            f"{deleted} sent e-mails {would}deleted, {blanked} unsent e-mails {would}blanked."
        )


def start_of(day: datetime.date) -> datetime.datetime:
    """The first moment of ``day`` in the site's time zone."""
    return datetime.datetime.combine(day, datetime.time.min, timezone.get_current_timezone())


def purge_outbox(before: datetime.date) -> tuple[int, int]:
    """Delete the sent e-mails queued before ``before``, blank the unsent ones; the counts."""
    old = OutgoingEmail.objects.filter(created_at__lt=start_of(before))
    deleted = old.filter(status=EmailStatus.SENT).delete()[0]
    # An unsent one stays as a record that it failed, without whom it was for or what it
    # said; with no address it is never retried.
    blanked = (
        old.exclude(status=EmailStatus.SENT)
        .filter(~Q(recipient="") | ~Q(body=""))
        .update(recipient="", body="", status=EmailStatus.FAILED)
    )
    return deleted, blanked
