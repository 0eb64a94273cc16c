from django.core.management.base import BaseCommand

from caseclub_wagtail.core.outbox import send_pending, unsent_emails


class Command(BaseCommand):
    help = (
        "Send the outbox's e-mails that are waiting or due to be retried. Safe to run from "
        "cron every minute: overlapping runs never send one e-mail twice."
    )

    def handle(self, *args, **options):
        sent, failed = send_pending()
        waiting = unsent_emails().count()
        self.stdout.write(f"{sent} sent, {failed} failed, {waiting} waiting for a later attempt.")
