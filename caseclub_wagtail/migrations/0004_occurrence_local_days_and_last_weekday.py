"""Store each occurrence's local first and last day; offer "the last weekday" for monthly series.

Written by hand, like 0002 and 0003, to hold only these changes on every supported
Wagtail version.
"""

import datetime
import zoneinfo

from django.db import migrations, models


def local_days(start, end, time_zone, all_day):
    # A copy of occurrences.local_days as it was when this migration was written.
    zone = zoneinfo.ZoneInfo(time_zone)
    start, end = start.astimezone(zone), end.astimezone(zone)
    if all_day or end <= start:
        return start.date(), max(end.date(), start.date())
    return start.date(), max((end - datetime.timedelta(microseconds=1)).date(), start.date())


def fill_local_days(apps, schema_editor):
    EventOccurrence = apps.get_model("caseclub_wagtail", "EventOccurrence")
    rows = EventOccurrence.objects.values_list(
        "pk", "start", "end", "event__time_zone", "event__all_day"
    )
    occurrences = []
    for pk, start, end, time_zone, all_day in rows.iterator():
        first_day, last_day = local_days(start, end, time_zone, all_day)
        occurrences.append(EventOccurrence(pk=pk, first_day=first_day, last_day=last_day))
    EventOccurrence.objects.bulk_update(occurrences, ["first_day", "last_day"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("caseclub_wagtail", "0003_cases"),
    ]

    operations = [
        migrations.AlterField(
            model_name="eventpage",
            name="repeat_monthly_by",
            field=models.CharField(
                choices=[
                    ("day_of_month", "on the same day of the month (e.g. the 12th)"),
                    ("weekday", "on the same weekday (e.g. the second Thursday)"),
                    ("last_weekday", "on the last weekday of the month (e.g. the last Thursday)"),
                ],
                default="day_of_month",
                max_length=20,
                verbose_name="monthly",
            ),
        ),
        migrations.AddField(
            model_name="eventoccurrence",
            name="first_day",
            # Filled in from each row's start by fill_local_days below.
            field=models.DateField(default=datetime.date(1900, 1, 1), verbose_name="first day"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="eventoccurrence",
            name="last_day",
            field=models.DateField(default=datetime.date(1900, 1, 1), verbose_name="last day"),
            preserve_default=False,
        ),
        # Last, after every change to the tables, so PostgreSQL alters none with rows pending.
        migrations.RunPython(fill_local_days, migrations.RunPython.noop),
    ]
