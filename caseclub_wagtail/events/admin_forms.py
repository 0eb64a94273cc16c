"""The editor's form for events: times in the event's own zone, and rule checks."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from caseclub_wagtail import conf
from caseclub_wagtail.core.date_range import check_year, moment_in_range
from caseclub_wagtail.core.formsets import live_rows, refuse_repeats
from caseclub_wagtail.events.recurrence import WEEKDAYS as RULE_WEEKDAYS
from caseclub_wagtail.events.recurrence import (
    is_last_weekday,
    make_aware,
    rule_from_fields,
    wall_starts,
)
from caseclub_wagtail.events.time_zones import known_zone

# Django's own translated weekday names, keyed by the rule's weekday codes.
WEEKDAY_CHOICES = [(code, WEEKDAYS[number]) for number, code in enumerate(RULE_WEEKDAYS)]


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, naive; the form attaches the event's own zone.

    Read in UTC, which has no skipped or doubled hours, so a time that only the
    server's zone skips is still accepted.
    """

    def to_python(self, value):
        with timezone.override(datetime.UTC):
            value = super().to_python(value)
        return value.replace(tzinfo=None) if value else value

    def validate(self, value):
        super().validate(value)
        # Before the form attaches a zone: near the years 1 and 9999 that overflows.
        check_year(value)


class EventPageForm(WagtailAdminPageForm):
    """Start and end are typed as wall-clock times in the event's ``time_zone``."""

    repeat_weekdays = forms.MultipleChoiceField(
        label=_("on weekdays"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("for weekly events; none ticked means the weekday of the start"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.repeat_weekdays:
            self.initial["repeat_weekdays"] = instance.repeat_weekdays.split(",")
        zone = known_zone(instance.time_zone)
        for name in ("start", "end"):
            field = self.fields[name]
            self.fields[name] = WallClockDateTimeField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                widget=field.widget,
            )
            value = getattr(instance, name)
            if value and zone and moment_in_range(value):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
            elif value:
                # Stored out of range by code: shown unconverted, for the editor to correct.
                self.initial[name] = value.replace(tzinfo=None)

    def clean_repeat_until(self):
        until = self.cleaned_data.get("repeat_until")
        check_year(until)
        return until

    def clean_repeat_weekdays(self):
        return ",".join(self.cleaned_data["repeat_weekdays"])

    def clean(self):
        cleaned = super().clean()
        refuse_repeats(self.formsets.get("host_links"), "member")
        refuse_repeats(self.formsets.get("case_links"), "case")
        zone = known_zone(cleaned.get("time_zone"))
        if zone is None:
            return cleaned  # the time zone field carries its own error
        walls = {}
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is None:
                continue
            wall = value
            if cleaned.get("all_day"):
                wall = datetime.datetime.combine(wall.date(), datetime.time())
            walls[name] = wall
            cleaned[name] = make_aware(wall, zone)
        if "start" in walls:
            dates = self.check_series(cleaned, walls["start"])
            self.check_changes(walls["start"], dates)
        return cleaned

    def check_series(self, cleaned, first_start: datetime.datetime) -> set | None:
        """Check the repeat rule; return the dates of the series, or None if it has errors."""
        until = cleaned.get("repeat_until")
        if until and (cleaned.get("repeat_count") or until < first_start.date()):
            return None  # the model reports these on their own fields
        rule = rule_from_fields(cleaned)
        first_weekday = WEEKDAY_CHOICES[first_start.weekday()]
        if rule.frequency == "weekly" and rule.weekdays and first_weekday[0] not in rule.weekdays:
            # Calendar apps always count the first date; the rule must include it (RFC 5545).
            self.add_error(
                "repeat_weekdays",
                _(
                    "The event starts on a %(weekday)s, which is not ticked. Tick it too, or "
                    "move the start to one of the ticked weekdays."
                )
                % {"weekday": first_weekday[1]},
            )
            return None
        if (
            rule.frequency == "monthly"
            and rule.monthly_by_last_weekday
            and not is_last_weekday(first_start.date())
        ):
            # The first date is always in the series, so it must be a last weekday too.
            self.add_error(
                "repeat_monthly_by",
                _(
                    "%(date)s is not the last of its weekday in its month: %(next)s is the same "
                    "weekday. Choose another way to repeat, or move the start."
                )
                % {
                    "date": date_format(first_start.date(), "SHORT_DATE_FORMAT"),
                    "next": date_format(
                        first_start.date() + datetime.timedelta(days=7), "SHORT_DATE_FORMAT"
                    ),
                },
            )
            return None
        limit = conf.get("EVENT_MAX_OCCURRENCES")
        now = timezone.now().astimezone(known_zone(cleaned["time_zone"])).replace(tzinfo=None)
        horizon = max(first_start, now) + datetime.timedelta(days=conf.get("EVENT_HORIZON_DAYS"))
        # The first date is always in the series: the weekday check above keeps it so.
        starts = wall_starts(rule, first_start, horizon, limit)
        if len(starts) > limit:
            self.add_error(
                "repeat",
                _(
                    "This repetition gives more than %(limit)s dates. Set an end date or a "
                    "number of times."
                )
                % {"limit": limit},
            )
        return {start.date() for start in starts}

    def check_changes(self, first_start: datetime.datetime, dates: set | None):
        """Check the cancelled and moved dates against the series and against each other."""
        seen = set()
        for form, data in live_rows(self.formsets.get("occurrence_changes")):
            original = data.get("original_date")
            if not original:
                continue
            shown = date_format(original, "SHORT_DATE_FORMAT")
            if dates is not None and original not in dates:
                form.add_error(
                    "original_date",
                    _("%(date)s is not a date of this event's series.") % {"date": shown},
                )
            elif original in seen:
                # Only one change per date can apply: the others would be lost unseen.
                form.add_error(
                    "original_date",
                    _("%(date)s is already changed above. Keep one change per date.")
                    % {"date": shown},
                )
            seen.add(original)
            end = data.get("new_end_time")
            if (
                data.get("action") == "move"
                and end
                and not data.get("new_start_time")
                and end < first_start.time()
            ):
                # Without a new start time the moved date keeps the series' start time.
                form.add_error(
                    "new_end_time",
                    _(
                        "The new end is before the start (%(start)s). Enter a new start time "
                        "or a later end."
                    )
                    % {"start": time_format(first_start.time(), "TIME_FORMAT")},
                )
