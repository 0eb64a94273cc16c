from django.core.management.base import BaseCommand

from caseclub_wagtail.events.occurrences import rebuild_occurrences
from caseclub_wagtail.models import EventPage


class Command(BaseCommand):
    help = (
        "Rebuild the stored occurrences of every published event, so that repeating events "
        "without an end always have dates up to EVENT_HORIZON_DAYS ahead. Run it daily."
    )

    def handle(self, *args, **options):
        events = EventPage.objects.live().prefetch_related("occurrence_changes")
        total = sum(rebuild_occurrences(event) for event in events)
        self.stdout.write(f"{len(events)} events, {total} occurrences stored.")
