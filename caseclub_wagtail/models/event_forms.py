"""The editor's form for events: times in the event's own zone, and rule checks."""

import datetime
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from caseclub_wagtail import conf
from caseclub_wagtail.recurrence import Rule, make_aware, wall_starts

WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


def valid_zone(name) -> zoneinfo.ZoneInfo | None:
    if name in zoneinfo.available_timezones():
        return zoneinfo.ZoneInfo(name)
    return None


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
        zone = valid_zone(instance.time_zone)
        for name in ("start", "end"):
            value = getattr(instance, name)
            if value and zone:
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean_repeat_weekdays(self):
        return ",".join(self.cleaned_data["repeat_weekdays"])

    def clean(self):
        cleaned = super().clean()
        zone = valid_zone(cleaned.get("time_zone"))
        if zone is None:
            return cleaned  # the time zone field carries its own error
        walls = {}
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is None:
                continue
            # Django read the typed time in the current zone; take back the typed digits.
            wall = timezone.make_naive(value) if timezone.is_aware(value) else value
            if cleaned.get("all_day"):
                wall = datetime.datetime.combine(wall.date(), datetime.time())
            walls[name] = wall
            cleaned[name] = make_aware(wall, zone)
        if "start" in walls:
            self.check_series(cleaned, walls["start"])
        return cleaned

    def check_series(self, cleaned, first_start: datetime.datetime):
        rule = Rule(
            frequency=cleaned.get("repeat") or "",
            interval=cleaned.get("repeat_interval") or 1,
            weekdays=tuple(filter(None, (cleaned.get("repeat_weekdays") or "").split(","))),
            monthly_by_weekday=cleaned.get("repeat_monthly_by") == "weekday",
            until=cleaned.get("repeat_until"),
            count=cleaned.get("repeat_count"),
        )
        limit = conf.get("EVENT_MAX_OCCURRENCES")
        horizon = max(first_start, datetime.datetime.now()) + datetime.timedelta(
            days=conf.get("EVENT_HORIZON_DAYS")
        )
        starts = wall_starts(rule, first_start, horizon, limit)
        if rule.repeats and not starts:
            self.add_error(
                "repeat",
                _("This repetition gives no date at all. Check the weekdays and the end date."),
            )
        elif len(starts) > limit:
            self.add_error(
                "repeat",
                _(
                    "This repetition gives more than %(limit)s dates. Set an end date or a "
                    "number of times."
                )
                % {"limit": limit},
            )
        dates = {start.date() for start in starts}
        for form in self.formsets["occurrence_changes"].forms:
            form.is_valid()  # the child forms are cleaned after this form
            data = getattr(form, "cleaned_data", None) or {}
            original = data.get("original_date")
            if original and not data.get("DELETE") and original not in dates:
                form.add_error(
                    "original_date",
                    _("%(date)s is not a date of this event's series.")
                    % {"date": date_format(original, "SHORT_DATE_FORMAT")},
                )
