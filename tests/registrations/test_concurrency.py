"""The last seats are never sold twice when many people register or cancel at the same moment.

Real threads, each on its own database connection, start together at a barrier. On
PostgreSQL the service's row lock is what keeps them apart; on SQLite the IMMEDIATE
transactions of tests/settings.py serialise them, so the same test passes there too.
"""

import threading

import pytest
from django.db import connection

from caseclub_wagtail.core.outbox_models import OutgoingEmail
from caseclub_wagtail.models import EventPage, EventRegistration
from caseclub_wagtail.registrations.seats import Counts, event_dates, seat_counts
from caseclub_wagtail.registrations.service import cancel, register, waitlist_place
from tests.factories import make_event, make_event_index, wall
from tests.factories.core import ensure_default_site
from tests.support.translation import in_russian

pytestmark = pytest.mark.clock

SEATS = 5
PEOPLE = 20


def at_once(tasks) -> list:
    """Run each of ``tasks`` (callables) in a thread of its own, all starting together."""
    barrier = threading.Barrier(len(tasks), timeout=30)
    results, errors = [], []

    def worker(task):
        try:
            barrier.wait()
            results.append(task())
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting"
    assert errors == []
    return results


def seated_event():
    # An earlier test of this kind may have emptied the tables, the site with them.
    ensure_default_site()
    event = make_event(
        make_event_index(), "Стажировка", wall(14), registration="internal", capacity=SEATS
    )
    return event, event_dates(event)[0].date


def registering(event_pk, date, n):
    """One person's registration, with the event loaded as their own request loads it."""
    event = EventPage.objects.get(pk=event_pk)

    def task():
        registration = register(event, date, name=f"Участник {n}", email=f"p{n}@example.org")
        return registration.pk, registration.status, waitlist_place(registration)

    return task


def cancelling(registration_pk):
    registration = EventRegistration.objects.select_related("event").get(pk=registration_pk)
    return lambda: cancel(registration).pk


def rows(event):
    return list(EventRegistration.objects.filter(event=event).order_by("pk"))


def subjects_of(address) -> list[str]:
    return list(OutgoingEmail.objects.filter(recipient=address).values_list("subject", flat=True))


@pytest.mark.django_db(transaction=True)
def test_twenty_people_at_once_for_five_seats_five_get_one_and_fifteen_wait_in_order():
    event, date = seated_event()

    told = at_once([registering(event.pk, date, n) for n in range(PEOPLE)])

    stored = rows(event)
    assert len(stored) == PEOPLE  # nobody lost
    assert [row.status for row in stored] == ["confirmed"] * SEATS + ["waitlisted"] * (
        PEOPLE - SEATS
    )
    assert [waitlist_place(row) for row in stored[SEATS:]] == list(range(1, PEOPLE - SEATS + 1))
    # What each person was told is what is stored.
    assert sorted(told) == [(row.pk, row.status, waitlist_place(row)) for row in stored]
    assert seat_counts([event.pk]) == {(event.pk, date): Counts(SEATS, PEOPLE - SEATS)}
    assert OutgoingEmail.objects.count() == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_five_cancelling_at_once_move_the_first_five_waiting_up_in_order():
    event, date = seated_event()
    for n in range(PEOPLE):
        register(event, date, name=f"Участник {n}", email=f"p{n}@example.org")
    seated, waiting = rows(event)[:SEATS], rows(event)[SEATS:]

    cancelled = at_once([cancelling(row.pk) for row in seated])

    assert sorted(cancelled) == [row.pk for row in seated]
    stored = {row.pk: row for row in rows(event)}
    assert [stored[row.pk].status for row in seated] == ["cancelled"] * SEATS
    assert [stored[row.pk].status for row in waiting] == ["confirmed"] * SEATS + ["waitlisted"] * (
        PEOPLE - 2 * SEATS
    )
    assert [waitlist_place(stored[row.pk]) for row in waiting[SEATS:]] == list(
        range(1, PEOPLE - 2 * SEATS + 1)
    )
    assert seat_counts([event.pk]) == {(event.pk, date): Counts(SEATS, PEOPLE - 2 * SEATS)}
    moved_up = in_russian("A seat is yours: %(title)s", title="Стажировка")
    for row in waiting:
        expected = 1 if row in waiting[:SEATS] else 0
        assert subjects_of(row.email).count(moved_up) == expected, row.email
