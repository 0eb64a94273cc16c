"""Registering for an event's dates: the seats, the waitlist, cancelling and moving people up."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Site

from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.core.outbox_models import OutgoingEmail
from caseclub_wagtail.models import EventOccurrence, EventOccurrenceChange, EventRegistration
from caseclub_wagtail.registrations.purge import anonymise_registrations
from caseclub_wagtail.registrations.seats import (
    Counts,
    event_dates,
    open_dates,
    registration_summary,
    seat_counts,
)
from caseclub_wagtail.registrations.service import (
    AlreadyRegistered,
    cancel,
    mark,
    register,
    waitlist_place,
)
from tests.factories import make_event, make_event_index, wall
from tests.support.translation import in_russian

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"
LONG_AGO = datetime.timedelta(days=400)
WAITLIST_TEXT = (
    "All seats are taken, so you are number %(place)s on the waitlist. "
    "We will write to you if a seat becomes free."
)


@pytest.fixture
def index():
    return make_event_index()


def internal_event(index, capacity=None, **fields):
    """An event two weeks ahead with the site's own registration form."""
    fields.setdefault("registration", "internal")
    return make_event(index, "Стажировка", wall(14), capacity=capacity, **fields)


def first_date(event) -> datetime.date:
    return event_dates(event)[0].date


def sign_up(event, date, count, first=1) -> list[EventRegistration]:
    """``count`` people registering one after another, numbered from ``first``."""
    return [
        register(event, date, name=f"Участник {n}", email=f"person{n}@example.org")
        for n in range(first, first + count)
    ]


def statuses(registrations) -> list[str]:
    return [EventRegistration.objects.get(pk=r.pk).status for r in registrations]


def mail_to(address) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(recipient=address).order_by("pk"))


def subjects(address) -> list[str]:
    return [email.subject for email in mail_to(address)]


# Seats and the waitlist


def test_two_seats_then_the_waitlist_in_order_of_registration(index):
    event = internal_event(index, capacity=2)
    date = first_date(event)

    people = sign_up(event, date, 4)

    assert [person.status for person in people] == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert [waitlist_place(person) for person in people] == [None, None, 1, 2]
    assert seat_counts([event.pk]) == {(event.pk, date): Counts(taken=2, waiting=2)}


def test_each_person_is_told_their_seat_or_their_place_on_the_waitlist(index):
    event = internal_event(index, capacity=1)
    sign_up(event, first_date(event), 3)

    title = {"title": "Стажировка"}
    assert subjects("person1@example.org") == [
        in_russian("You are registered: %(title)s", **title)
    ]
    assert subjects("person2@example.org") == [
        in_russian("You are on the waitlist: %(title)s", **title)
    ]
    second, third = mail_to("person2@example.org")[0], mail_to("person3@example.org")[0]
    assert in_russian(WAITLIST_TEXT, place=1) in second.body
    assert in_russian(WAITLIST_TEXT, place=2) in third.body
    assert second.body.startswith(in_russian("Hello, %(name)s!", name="Участник 2"))


def test_the_e_mail_gives_the_time_in_the_events_zone_and_the_management_link(index):
    # 18:00 in Berlin is 20:00 on the site's clock (Volgograd): the person reads Berlin's.
    event = internal_event(index, time_zone="Europe/Berlin")
    registration = sign_up(event, first_date(event), 1)[0]

    (email,) = mail_to("person1@example.org")
    local = event.start.astimezone(event.zone)
    assert date_format(local, "j E Y, H:i") + " (Europe/Berlin)" in email.body
    assert "18:00" in email.body and "20:00" not in email.body
    assert f"{event.full_url}registration/{registration.pk}-" in email.body


def test_unlimited_capacity_never_puts_anyone_on_the_waitlist(index):
    event = internal_event(index, capacity=None)
    date = first_date(event)

    people = sign_up(event, date, 25)

    assert set(statuses(people)) == {CONFIRMED}
    assert seat_counts([event.pk]) == {(event.pk, date): Counts(taken=25, waiting=0)}


def test_no_seats_means_everyone_waits(index):
    event = internal_event(index, capacity=0)

    people = sign_up(event, first_date(event), 2)

    assert [waitlist_place(person) for person in people] == [1, 2]


def test_each_date_of_a_series_has_its_own_seats(index):
    event = internal_event(index, capacity=1, repeat="weekly", repeat_count=3)
    first, second, third = (item.date for item in event_dates(event))

    on_first = sign_up(event, first, 2)
    on_second = sign_up(event, second, 1, first=10)

    assert statuses(on_first) == [CONFIRMED, WAITLISTED]
    assert statuses(on_second) == [CONFIRMED]
    assert waitlist_place(on_first[1]) == 1
    assert seat_counts([event.pk]) == {
        (event.pk, first): Counts(taken=1, waiting=1),
        (event.pk, second): Counts(taken=1, waiting=0),
    }
    assert third not in {date for _event, date in seat_counts([event.pk])}


def test_seat_counts_count_who_holds_a_seat_in_one_query(index, django_assert_num_queries):
    event = internal_event(index, capacity=3, repeat="weekly", repeat_count=2)
    other = internal_event(index, capacity=1)
    first, second = (item.date for item in event_dates(event))
    came, missed, cancelled, _moved_up = sign_up(event, first, 4)
    mark(came, "attended")
    mark(missed, "no_show")
    cancel(cancelled)  # the fourth takes the seat
    sign_up(event, first, 2, first=10)
    sign_up(event, second, 1, first=20)
    sign_up(other, first_date(other), 2, first=30)

    with django_assert_num_queries(1):
        counts = seat_counts([event.pk, other.pk])

    assert counts == {
        (event.pk, first): Counts(taken=3, waiting=2),
        (event.pk, second): Counts(taken=1, waiting=0),
        (other.pk, first_date(other)): Counts(taken=1, waiting=1),
    }
    assert seat_counts([event.pk], dates=[second]) == {(event.pk, second): Counts(1, 0)}
    assert seat_counts([]) == {}


def test_the_same_address_cannot_register_twice_for_a_date(index):
    event = internal_event(index, capacity=5, repeat="weekly", repeat_count=2)
    first, second = (item.date for item in event_dates(event))
    registration = sign_up(event, first, 1)[0]

    with pytest.raises(AlreadyRegistered) as refused:
        register(event, first, name="Снова", email="  PERSON1@example.org ")

    assert refused.value.registration == registration
    assert EventRegistration.objects.filter(event=event, date=first).count() == 1
    # Another date of the series is another registration.
    assert register(event, second, name="Участник 1", email="person1@example.org").status == (
        CONFIRMED
    )


def test_a_cancelled_registration_leaves_the_address_free_to_register_again(index):
    event = internal_event(index, capacity=5)
    date = first_date(event)
    cancel(sign_up(event, date, 1)[0])

    again = register(event, date, name="Участник 1", email="person1@example.org")

    assert again.status == CONFIRMED
    assert seat_counts([event.pk]) == {(event.pk, date): Counts(taken=1, waiting=0)}


def test_the_coordinators_are_told_of_each_registration_when_the_site_names_them(index):
    settings = FormSettings.for_site(Site.objects.get(is_default_site=True))
    settings.coordinators_email = "coordinators@example.org"
    settings.save()
    event = internal_event(index, capacity=1)

    sign_up(event, first_date(event), 2)

    told = mail_to("coordinators@example.org")
    assert [email.subject for email in told] == [
        in_russian("New registration: %(title)s", title="Стажировка")
    ] * 2
    assert in_russian("confirmed") in told[0].body
    assert in_russian("on the waitlist") in told[1].body
    # The coordinators' e-mail carries no management link of the person's.
    assert "registration/" not in told[0].body


def test_nobody_but_the_person_is_told_when_the_site_names_no_coordinators(index):
    event = internal_event(index)

    sign_up(event, first_date(event), 1)

    assert [email.recipient for email in OutgoingEmail.objects.all()] == ["person1@example.org"]


# Cancelling


def test_cancelling_frees_the_seat_for_the_first_on_the_waitlist(index):
    event = internal_event(index, capacity=2)
    date = first_date(event)
    first, _second, third, fourth = sign_up(event, date, 4)

    cancelled = cancel(first)

    assert cancelled.status == CANCELLED and cancelled.cancelled_at is not None
    assert statuses([first, third, fourth]) == [CANCELLED, CONFIRMED, WAITLISTED]
    assert waitlist_place(EventRegistration.objects.get(pk=fourth.pk)) == 1
    assert subjects("person1@example.org")[-1] == in_russian(
        "Registration cancelled: %(title)s", title="Стажировка"
    )
    assert subjects("person3@example.org")[-1] == in_russian(
        "A seat is yours: %(title)s", title="Стажировка"
    )
    assert len(mail_to("person4@example.org")) == 1  # only the waitlist e-mail
    assert seat_counts([event.pk]) == {(event.pk, date): Counts(taken=2, waiting=1)}


def test_cancelling_twice_changes_nothing_the_second_time(index):
    event = internal_event(index, capacity=1)
    first, second, third = sign_up(event, first_date(event), 3)
    cancel(first)
    sent = OutgoingEmail.objects.count()

    assert cancel(first) is None
    assert cancel(EventRegistration.objects.get(pk=first.pk)) is None

    assert statuses([first, second, third]) == [CANCELLED, CONFIRMED, WAITLISTED]
    assert OutgoingEmail.objects.count() == sent


def test_cancelling_a_place_on_the_waitlist_moves_the_next_people_closer(index):
    event = internal_event(index, capacity=1)
    first, second, third = sign_up(event, first_date(event), 3)

    cancel(second)

    assert statuses([first, second, third]) == [CONFIRMED, CANCELLED, WAITLISTED]
    assert waitlist_place(EventRegistration.objects.get(pk=third.pk)) == 1
    assert len(mail_to("person3@example.org")) == 1  # not promoted, not e-mailed


def test_cancelling_after_the_person_attended_does_nothing(index):
    event = internal_event(index, capacity=1)
    came, waiting = sign_up(event, first_date(event), 2)
    mark(came, "attended")
    sent = OutgoingEmail.objects.count()

    assert cancel(came) is None

    assert statuses([came, waiting]) == ["attended", WAITLISTED]
    assert OutgoingEmail.objects.count() == sent


def test_a_coordinators_message_reaches_the_person_whose_registration_is_cancelled(index):
    event = internal_event(index)
    registration = sign_up(event, first_date(event), 1)[0]

    cancel(registration, message="Зал закрыт на ремонт, приносим извинения.")

    email = mail_to("person1@example.org")[-1]
    assert "Зал закрыт на ремонт, приносим извинения." in email.body
    stored = EventRegistration.objects.get(pk=registration.pk)
    assert stored.message == "Зал закрыт на ремонт, приносим извинения."


def test_marking_accepts_only_attended_or_no_show(index):
    event = internal_event(index)
    registration = sign_up(event, first_date(event), 1)[0]

    with pytest.raises(ValueError):
        mark(registration, "cancelled")

    assert statuses([registration]) == [CONFIRMED]


def test_a_raised_capacity_gives_the_new_seat_to_the_waitlist_before_a_newcomer(index):
    event = internal_event(index, capacity=1)
    date = first_date(event)
    first, waiting = sign_up(event, date, 2)
    draft = event.get_latest_revision_as_object()
    draft.capacity = 2
    draft.save_revision().publish()

    newcomer = sign_up(event, date, 1, first=3)[0]

    assert statuses([first, waiting, newcomer]) == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert waitlist_place(newcomer) == 1
    assert subjects("person2@example.org")[-1] == in_russian(
        "A seat is yours: %(title)s", title="Стажировка"
    )


def test_nobody_is_moved_up_to_a_cancelled_date(index):
    event = internal_event(index, capacity=1, repeat="weekly", repeat_count=2)
    first = first_date(event)
    seated, waiting = sign_up(event, first, 2)
    draft = event.get_latest_revision_as_object()
    draft.occurrence_changes = [EventOccurrenceChange(original_date=first, action="cancel")]
    draft.save_revision().publish()
    sent = len(mail_to("person2@example.org"))

    cancel(seated)

    assert statuses([seated, waiting]) == [CANCELLED, WAITLISTED]
    assert len(mail_to("person2@example.org")) == sent


# Removing the personal data of old registrations


def test_old_registrations_lose_their_personal_data_and_keep_their_state(index):
    old = internal_event(index, capacity=1, repeat="weekly", repeat_count=2)
    old.start, old.end = old.start - LONG_AGO, old.end - LONG_AGO
    old.save()
    recent = internal_event(index)
    first, second = (item.date for item in event_dates(old))
    came, waited = sign_up(old, first, 2)
    mark(came, "attended")
    register(
        old,
        second,
        name="Вера",
        email="vera@example.org",
        phone="+7 900 000-00-00",
        organization="ТСЖ «Мира, 10»",
        comment="Приду с коллегой",
    )
    kept = sign_up(recent, first_date(recent), 1, first=9)[0]

    assert anonymise_registrations(second + datetime.timedelta(days=1)) == 3

    rows = EventRegistration.objects.filter(event=old).order_by("pk")
    assert [(r.date, r.status) for r in rows] == [
        (first, "attended"),
        (first, WAITLISTED),
        (second, CONFIRMED),
    ]
    for row in rows:
        assert (row.name, row.email, row.phone, row.organization, row.comment) == ("",) * 5
        assert row.anonymised_at is not None
    assert seat_counts([old.pk]) == {
        (old.pk, first): Counts(taken=1, waiting=1),
        (old.pk, second): Counts(taken=1),
    }
    kept.refresh_from_db()
    assert (kept.name, kept.email) == ("Участник 9", "person9@example.org")
    assert anonymise_registrations(second + datetime.timedelta(days=1)) == 0


# What a visitor is told about a date


def test_the_summary_tells_the_seats_left_the_waitlist_and_the_form(index):
    event = internal_event(index, capacity=2, registration_closes=24)
    (item,) = event_dates(event)
    sign_up(event, item.date, 3)
    counts = seat_counts([event.pk])[(event.pk, item.date)]

    summary = registration_summary(event, item, counts, event.url, timezone.now())

    assert summary == {
        "mode": "internal",
        "capacity": 2,
        "seats_left": 0,
        "waitlist": 1,
        "url": f"{event.url}register/",
        "closes_at": event.start - datetime.timedelta(hours=24),
        "is_open": True,
    }


def test_each_date_of_a_series_has_a_form_of_its_own(index):
    event = internal_event(index, capacity=3, repeat="weekly", repeat_count=2)
    second = event_dates(event)[1]

    summary = registration_summary(event, second, None, event.url, timezone.now())

    assert summary["seats_left"] == 3
    assert summary["url"] == f"{event.url}register/{second.date.isoformat()}/"


def test_registration_closes_the_given_hours_before_the_start(index, clock):
    event = internal_event(index, registration_closes=24, repeat="weekly", repeat_count=2)
    first, second = event_dates(event)
    clock.move_to(first.start - datetime.timedelta(hours=23))

    closed = registration_summary(event, first, None, event.url, timezone.now())

    assert (closed["is_open"], closed["url"]) == (False, None)
    assert [item.date for item in open_dates(event, timezone.now())] == [second.date]


def test_a_cancelled_date_takes_no_registrations(index):
    event = internal_event(index, repeat="weekly", repeat_count=2)
    first, second = event_dates(event)
    draft = event.get_latest_revision_as_object()
    draft.occurrence_changes = [EventOccurrenceChange(original_date=first.date, action="cancel")]
    draft.save_revision().publish()

    assert [item.date for item in open_dates(event, timezone.now())] == [second.date]


@pytest.mark.parametrize(
    ("link", "url"),
    [("https://forms.example/club", "https://forms.example/club"), ("javascript:alert(1)", None)],
)
def test_an_external_form_is_only_a_safe_link(index, link, url):
    event = internal_event(index, registration="external", registration_url="https://x.example")
    event.registration_url = link
    (item,) = event_dates(event)

    summary = registration_summary(event, item, None, event.url, timezone.now())

    assert (summary["mode"], summary["url"], summary["seats_left"]) == ("external", url, None)


def test_an_event_without_registration_offers_no_form(index):
    event = internal_event(index, capacity=10, registration="none")
    (item,) = event_dates(event)

    summary = registration_summary(event, item, None, event.url, timezone.now())

    assert (summary["url"], summary["seats_left"], summary["is_open"]) == (None, None, False)


def test_a_date_stored_by_code_past_the_years_of_the_editor_offers_no_registration(index):
    event = internal_event(index)
    (item,) = event_dates(event)
    far = datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.UTC)
    EventOccurrence.objects.create(
        event=event,
        start=far,
        end=far,
        original_start=far,
        status="scheduled",
        first_day=far.date(),
        last_day=far.date(),
    )

    assert [found.date for found in event_dates(event)] == [item.date]
