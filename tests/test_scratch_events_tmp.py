import datetime, zoneinfo
from wagtail.models import Site
from caseclub_wagtail.models import EventIndexPage, EventPage, EventOccurrence, EventOccurrenceChange


def test_scratch(db):
    root = Site.objects.get(is_default_site=True).root_page
    index = EventIndexPage(title="События", slug="events")
    root.add_child(instance=index)
    z = zoneinfo.ZoneInfo("Europe/Berlin")
    ev = EventPage(title="Заседание", slug="meeting", start=datetime.datetime(2026, 3, 5, 18, tzinfo=z),
                   end=datetime.datetime(2026, 3, 5, 20, tzinfo=z), time_zone="Europe/Berlin",
                   repeat="weekly", repeat_count=6)
    ev.occurrence_changes.add(EventOccurrenceChange(original_date=datetime.date(2026, 3, 19), action="cancel", note="праздник"))
    ev.occurrence_changes.add(EventOccurrenceChange(original_date=datetime.date(2026, 3, 26), action="move", new_date=datetime.date(2026,3,27), note="перенос"))
    index.add_child(instance=ev)
    ev.save_revision().publish()
    for o in EventOccurrence.objects.all():
        print(o.local_start, o.local_end, o.status, o.note, o.is_moved)
    ev = EventPage.objects.get(pk=ev.pk)
    print("seq", ev.sequence, ev.schedule_fingerprint[:8])
    ev.start = ev.start + datetime.timedelta(hours=1); ev.end = ev.end + datetime.timedelta(hours=1)
    ev.save_revision().publish()
    print("seq", EventPage.objects.get(pk=ev.pk).sequence, EventOccurrence.objects.count())
