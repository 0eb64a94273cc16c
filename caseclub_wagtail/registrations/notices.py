"""Telling the registered people when their date is cancelled or moved.

The events call these when they rebuild an event's stored dates: ``schedule`` before and
after, then ``tell_registrants`` with both. A registration keeps its date as planned, so
nothing is moved or lost; the people are only told.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caseclub_wagtail.registrations import mail
from caseclub_wagtail.registrations.choices import RegistrationStatus
from caseclub_wagtail.registrations.models import EventRegistration
from caseclub_wagtail.registrations.seats import CANCELLED, is_in_range, planned_date

Schedule = dict[datetime.date, tuple[datetime.datetime, str]]
TOLD = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def schedule(event, occurrences) -> Schedule:
    """When each planned date of the event takes place, and its status.

    A date stored outside the editor's years (by code) is left out: nobody can be
    registered for it, and reading it in the event's zone would overflow.
    """
    return {
        planned_date(event, item): (item.start, item.status)
        for item in occurrences
        if is_in_range(item)
    }


def changes(event, before: Schedule, after: Schedule) -> dict[datetime.date, str]:
    """What happened to each date that was on and is now cancelled, gone or moved."""
    told = {}
    for date, (start, status) in before.items():
        if status == CANCELLED:
            continue
        day = date_format(date, "j E Y")
        new_start, new_status = after.get(date, (None, CANCELLED))
        if new_status == CANCELLED:
            told[date] = _("The date %(date)s is cancelled.") % {"date": day}
        elif new_start != start:
            when = new_start.astimezone(event.zone)
            pattern = "j E Y" if event.all_day else "j E Y, H:i"
            told[date] = _("The date %(date)s has moved: it now takes place on %(when)s.") % {
                "date": day,
                "when": date_format(when, pattern),
            }
    return told


def tell_registrants(event, before: Schedule, after: Schedule) -> int:
    """E-mail everyone registered for a date that was cancelled or moved; return how many."""
    told = changes(event, before, after)
    if not told:
        return 0
    registrations = EventRegistration.objects.filter(
        event=event, date__in=list(told), status__in=TOLD
    ).order_by("pk")
    count = 0
    for registration in registrations:
        registration.event = event
        mail.date_changed(registration, told[registration.date])
        count += 1
    return count
