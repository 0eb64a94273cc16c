"""Registry numbers stay unique when several editors add members at the same moment."""

import threading

import pytest
from django.db import connection

from caseclub_wagtail.models import Member
from tests.factories import MemberFactory

THREADS = 6
MEMBERS_PER_THREAD = 5


def add_members_at_once(threads, per_thread):
    """Start ``threads`` editors together, each adding ``per_thread`` members."""
    barrier = threading.Barrier(threads, timeout=30)
    numbers, errors = [], []

    def editor(n):
        try:
            barrier.wait()
            for i in range(per_thread):
                member = MemberFactory(name=f"Редактор {n}, участник {i}")
                numbers.append(member.registry_number)
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=editor, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers), "an editor is still waiting"
    assert errors == []
    return numbers


@pytest.mark.django_db(transaction=True)
def test_members_added_at_once_get_distinct_consecutive_numbers():
    numbers = add_members_at_once(THREADS, MEMBERS_PER_THREAD)

    total = THREADS * MEMBERS_PER_THREAD
    assert sorted(numbers) == list(range(1, total + 1))
    stored = Member.objects.order_by("registry_number").values_list("registry_number", flat=True)
    assert list(stored) == list(range(1, total + 1))


@pytest.mark.django_db(transaction=True)
def test_numbers_continue_after_existing_entries_when_added_at_once():
    first = [MemberFactory().registry_number for _ in range(3)]
    Member.objects.filter(registry_number=3).delete()

    numbers = add_members_at_once(THREADS, 2)

    assert first == [1, 2, 3]
    assert sorted(numbers) == list(range(4, 4 + THREADS * 2))
