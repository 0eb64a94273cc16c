"""Registrations survive every edit of their event, and people hear of changes to their date.

The editor works in the Wagtail admin: each edit below is a real post of the event form,
published as an editor would.
"""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from caseclub_wagtail.core.outbox_models import OutgoingEmail
from caseclub_wagtail.events.occurrences import rebuild_occurrences
from caseclub_wagtail.models import EventOccurrence, EventPage, EventRegistration
from caseclub_wagtail.registrations.seats import event_dates
from caseclub_wagtail.registrations.service import cancel, register
from tests.factories import change, event_form_data, make_event_index
from tests.support.event_admin import add_url, edit_url
from tests.support.translation import in_russian

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

CANCELLED_TEXT = "The date %(date)s is cancelled."
MOVED_TEXT = "The date %(date)s has moved: it now takes place on %(when)s."
ADDRESSES = {
    "Анна": "anna",
    "Борис": "boris",
    "Вера": "vera",
    "Галина": "galina",
    "Дмитрий": "dmitry",
}


@pytest.fixture
def index():
    return make_event_index()


@pytest.fixture
def first_day() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=14)


def series_form(first_day, hour="18:00", end="20:00", **fields):
    """The form of a weekly series of three dates, two seats each, in Berlin's time."""
    fields.setdefault("repeat", "weekly")
    fields.setdefault("repeat_count", "3")
    return event_form_data(
        start=f"{first_day} {hour}",
        end=f"{first_day} {end}",
        registration="internal",
        capacity="2",
        **fields,
    )


@pytest.fixture
def event(admin_client, index, first_day):
    response = admin_client.post(add_url(index), series_form(first_day))
    assert response.status_code == 302
    return EventPage.objects.get(slug="zasedanie")


@pytest.fixture
def people(event):
    """Per date: two seated and one waiting on the first, one on each of the others."""
    first, second, third = (item.date for item in event_dates(event))
    dates = {"Анна": first, "Борис": first, "Вера": first, "Галина": second, "Дмитрий": third}
    return {
        name: register(event, date, name=name, email=f"{ADDRESSES[name]}@example.org")
        for name, date in dates.items()
    }


def publish(admin_client, event, form):
    response = admin_client.post(edit_url(event), form)
    assert response.status_code == 302
    return EventPage.objects.get(pk=event.pk)


def kept(people) -> dict[str, tuple[datetime.date, str]]:
    """Each person's date and state as stored now."""
    rows = EventRegistration.objects.filter(pk__in=[p.pk for p in people.values()])
    return {row.name: (row.date, row.status) for row in rows}


def as_registered(people) -> dict[str, tuple[datetime.date, str]]:
    return {name: (p.date, p.status) for name, p in people.items()}


def told_since(mark: int) -> dict[str, list[str]]:
    """The bodies of the e-mails queued after e-mail number ``mark``, by recipient."""
    told = {}
    for email in OutgoingEmail.objects.filter(pk__gt=mark).order_by("pk"):
        told.setdefault(email.recipient.split("@")[0], []).append(email.body)
    return told


def last_email() -> int:
    return OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def day(date) -> str:
    """A date as the Russian-speaking person reads it."""
    with translation.override("ru"):
        return date_format(date, "j E Y")


def day_and_time(date, hour) -> str:
    with translation.override("ru"):
        return date_format(datetime.datetime.combine(date, datetime.time(hour)), "j E Y, H:i")


def test_an_unchanged_republish_keeps_everyone_and_tells_nobody(
    admin_client, event, people, first_day
):
    before = last_email()

    publish(admin_client, event, series_form(first_day, title="Заседание (уточнено)"))

    assert kept(people) == as_registered(people)
    assert told_since(before) == {}


def test_rebuilding_the_stored_dates_keeps_everyone_and_tells_nobody(event, people):
    old_rows = set(EventOccurrence.objects.filter(event=event).values_list("pk", flat=True))
    before = last_email()

    assert rebuild_occurrences(EventPage.objects.get(pk=event.pk)) == 3

    new_rows = set(EventOccurrence.objects.filter(event=event).values_list("pk", flat=True))
    assert old_rows.isdisjoint(new_rows)
    assert kept(people) == as_registered(people)
    assert told_since(before) == {}


def test_a_new_time_for_the_series_keeps_the_dates_and_tells_everyone_the_time(
    admin_client, event, people, first_day
):
    cancel(people["Борис"])  # Вера moves up; Борис is not told of later changes
    before = last_email()

    publish(admin_client, event, series_form(first_day, hour="19:00", end="21:00"))

    stored = kept(people)
    assert {name: date for name, (date, _status) in stored.items()} == {
        name: p.date for name, p in people.items()
    }
    assert stored["Вера"][1] == "confirmed"
    told = told_since(before)
    assert sorted(told) == ["anna", "dmitry", "galina", "vera"]
    for name in ("Анна", "Галина", "Дмитрий"):
        (body,) = told[ADDRESSES[name]]
        date = people[name].date
        assert in_russian(MOVED_TEXT, date=day(date), when=day_and_time(date, 19)) in body


def test_a_cancelled_date_tells_only_the_people_of_that_date(
    admin_client, event, people, first_day
):
    second = people["Галина"].date
    before = last_email()

    publish(admin_client, event, series_form(first_day, changes=[change(str(second))]))

    assert kept(people) == as_registered(people)
    told = told_since(before)
    assert list(told) == ["galina"]
    assert in_russian(CANCELLED_TEXT, date=day(second)) in told["galina"][0]
    assert in_russian("Change to %(title)s", title="Заседание клуба") == (
        OutgoingEmail.objects.get(pk__gt=before).subject
    )


def test_a_moved_date_tells_only_its_people_and_keeps_them_on_it(
    admin_client, event, people, first_day
):
    second = people["Галина"].date
    new_day = second + datetime.timedelta(days=1)
    moved = change(str(second), "move", new_date=str(new_day), new_start_time="17:00")
    before = last_email()

    publish(admin_client, event, series_form(first_day, changes=[moved]))

    assert kept(people) == as_registered(people)
    told = told_since(before)
    assert list(told) == ["galina"]
    when = day_and_time(new_day, 17)
    body = told["galina"][0]
    assert in_russian(MOVED_TEXT, date=day(second), when=when) in body
    # The e-mail's date line gives the new time too, in the event's zone.
    assert f"{when} (Europe/Berlin)" in body


def test_a_second_publish_of_a_moved_date_tells_nobody_again(
    admin_client, event, people, first_day
):
    second = people["Галина"].date
    form = series_form(first_day, changes=[change(str(second))])
    publish(admin_client, event, form)
    before = last_email()

    publish(admin_client, event, series_form(first_day, changes=[change(str(second))]))

    assert told_since(before) == {}


def test_a_cancelled_event_tells_everyone_still_registered(admin_client, event, people, first_day):
    cancel(people["Дмитрий"])
    before = last_email()

    publish(
        admin_client,
        event,
        series_form(first_day, status="cancelled", status_note="Организатор заболел"),
    )

    told = told_since(before)
    assert sorted(told) == ["anna", "boris", "galina", "vera"]  # the waiting Вера too
    for name in ("Анна", "Вера", "Галина"):
        body = told[ADDRESSES[name]][0]
        assert in_russian(CANCELLED_TEXT, date=day(people[name].date)) in body
    stored = kept(people)
    assert stored["Вера"] == (people["Вера"].date, "waitlisted")
    assert stored["Анна"] == (people["Анна"].date, "confirmed")


def test_the_date_told_is_the_one_in_the_events_zone(admin_client, index, first_day):
    # 06:00 in Vladivostok is 23:00 the evening before on the site's clock (Volgograd).
    form = event_form_data(
        start=f"{first_day} 06:00",
        end=f"{first_day} 08:00",
        time_zone="Asia/Vladivostok",
        registration="internal",
    )
    admin_client.post(add_url(index), form)
    event = EventPage.objects.get(slug="zasedanie")
    (item,) = event_dates(event)
    assert item.date == first_day
    register(event, item.date, name="Анна", email="anna@example.org")
    before = last_email()

    form = event_form_data(
        start=f"{first_day} 06:00",
        end=f"{first_day} 08:00",
        time_zone="Asia/Vladivostok",
        registration="internal",
        status="cancelled",
    )
    publish(admin_client, event, form)

    (body,) = told_since(before)["anna"]
    assert in_russian(CANCELLED_TEXT, date=day(first_day)) in body
    assert day(first_day - datetime.timedelta(days=1)) not in body
